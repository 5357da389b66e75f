import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvaturnAvatarRecord } from '../../src/avatars/avatar-record.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { deliver, recordOf } from '../webhooks/helpers.js';
import { subscribeSse } from './clients.js';
import { AvatarQuery, AvatarUpdatedSubscription, ExportAvatarMutation } from './documents.js';
import { createAvatar, readyAvatar, sandboxCalls } from './flows.js';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token('exporter');
});
afterAll(() => gw.stop());

describe('exportAvatar', () => {
  it('sets a default customization, answers PENDING, and export.ready brings READY with a URL and expiresAt', async () => {
    const id = await readyAvatar(gw, token);
    const record = await recordOf(gw, id);
    const calls = gw.app.sandbox!.avaturn!.calls;
    const before = calls.length;
    const sse = subscribeSse(gw, token, AvatarUpdatedSubscription, { id }, { inProcess: true });
    try {
      expect((await sse.next()).value?.data?.avatarUpdated).toMatchObject({ status: 'READY', model: null });
      const exported = await gw.execute(ExportAvatarMutation, { id }, { token });
      expect(exported.data!.exportAvatar).toMatchObject({ __typename: 'ExportAvatarSuccess', model: { status: 'PENDING', url: null, expiresAt: null } });
      // The PUT of a default customization came before exports/new (Avaturn refuses exports without one).
      const paths = calls.slice(before).map((c) => `${c.method} ${c.path.replace(/^.*\/api\/v1\//, '')}`);
      expect(paths).toEqual([
        `GET avatars/${record.avaturnAvatarId}/customization`,
        `PUT avatars/${record.avaturnAvatarId}/customization`,
        'POST exports/new',
      ]);
      expect((await sse.next()).value?.data?.avatarUpdated).toMatchObject({ model: { status: 'PENDING' } });
      const ready = (await sse.next()).value?.data?.avatarUpdated;
      expect(ready?.model).toMatchObject({ status: 'READY', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/avaturn\/files\//) });
      const expiresIn = Date.parse(ready!.model!.expiresAt!) - Date.now();
      expect(expiresIn).toBeGreaterThan(25 * 60_000);
      expect(expiresIn).toBeLessThanOrEqual(30 * 60_000);
      const glb = await request(ready!.model!.url!);
      expect(Buffer.from(await glb.body.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('glTF');
    } finally {
      await sse.close();
    }
  });

  it('returns a fresh READY model without a call, and asks again once the URL expired', async () => {
    const id = await readyAvatar(gw, token);
    await gw.execute(ExportAvatarMutation, { id }, { token });
    const record = await recordOf(gw, id);
    await eventuallyReady(record);
    const exportsBefore = sandboxCalls(gw, 'POST', '/exports/new').length;
    const again = await gw.execute(ExportAvatarMutation, { id }, { token });
    expect(again.data!.exportAvatar).toMatchObject({ model: { status: 'READY' } });
    expect(sandboxCalls(gw, 'POST', '/exports/new').length).toBe(exportsBefore);

    // The URL expires: it is hidden, and the next export asks Avaturn, which answers ready with a new one.
    await gw.services.avatars.update<AvaturnAvatarRecord>(record.id, (r) => ({ model: { ...r.model!, expiresAt: new Date(Date.now() - 1000).toISOString() } }));
    const expired = await gw.execute(AvatarQuery, { id }, { token });
    expect(expired.data!.avatar).toMatchObject({ model: { status: 'READY', url: null } });
    const renewed = await gw.execute(ExportAvatarMutation, { id }, { token });
    const model = (renewed.data!.exportAvatar as { model: { status: string; url: string; expiresAt: string } }).model;
    expect(model.status).toBe('READY');
    expect(Date.parse(model.expiresAt)).toBeGreaterThan(Date.now());
    expect(sandboxCalls(gw, 'POST', '/exports/new').length).toBe(exportsBefore + 1);
  });

  it('refuses an avatar that is not READY', async () => {
    const id = await createAvatar(gw, token);
    const result = await gw.execute(ExportAvatarMutation, { id }, { token });
    expect(result.data!.exportAvatar).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
  });

  it('confirms export.ready with the API and applies duplicates once', async () => {
    const id = await readyAvatar(gw, token);
    gw.app.sandbox!.faults.avaturn.update({ webhookDropRate: 1 });
    try {
      await gw.execute(ExportAvatarMutation, { id }, { token });
      const record = await recordOf(gw, id);
      // A forged URL in the delivery is never stored: the URL comes from exports/new.
      const body = { event: 'export.ready', avatar_id: record.avaturnAvatarId, user_id: record.avaturnUserId, status: 'ready', export_url: 'http://evil.example/x.glb' };
      let applied: AvaturnAvatarRecord | undefined;
      for (let i = 0; i < 50 && applied?.model?.status !== 'READY'; i++) {
        await deliver(gw, { ...body, attempt: i });
        applied = await recordOf(gw, id);
        if (applied.model?.status !== 'READY') await new Promise((r) => setTimeout(r, 20));
      }
      expect(applied?.model?.url).toMatch(/\/sandbox\/avaturn\/files\//);
      const version = applied!.version;
      const replies = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(gw, body)));
      expect(replies.every((r) => r.status === 200)).toBe(true);
      expect((await recordOf(gw, id)).version).toBe(version);
    } finally {
      gw.app.sandbox!.faults.avaturn.reset();
    }
  });
});

async function eventuallyReady(record: AvaturnAvatarRecord): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const current = await gw.services.avatars.get(record.id);
    if (current?.provider === 'AVATURN' && current.model?.status === 'READY') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('export never became ready');
}
