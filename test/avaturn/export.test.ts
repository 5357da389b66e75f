import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AvaturnAvatarRecord } from '../../src/avatars/avatar-record.js';
import { storeExport } from '../../src/webhooks/export-state.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { ACCEPTED, deliver, listen, recordOf } from '../helpers/webhooks.js';
import { subscribeSse } from '../helpers/subscriptions.js';
import { AvatarQuery, AvatarUpdatedSubscription, ExportAvatarMutation } from '../helpers/documents/avatars.js';
import { createAvatar, eventually, readyAvatar, sandboxCalls } from '../helpers/avatar-flows.js';
import { expectTypename } from '../helpers/results.js';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token('exporter');
});
afterAll(() => gw.stop());
afterEach(() => {
  gw.app.sandbox!.faults.avaturn.reset();
});

const exportReadyBody = (record: AvaturnAvatarRecord, status: 'ready' | 'failed', exportUrl: string | null = null) => ({
  event: 'export.ready',
  avatar_id: record.avaturnAvatarId,
  user_id: record.avaturnUserId,
  status,
  export_url: exportUrl,
});

/** A READY avatar with an export asked for (model PENDING) whose own export.ready Avaturn will not send. */
async function pendingExport(): Promise<{ id: string; record: AvaturnAvatarRecord }> {
  const id = await readyAvatar(gw, token);
  gw.app.sandbox!.faults.avaturn.update({ webhookDropRate: 1 });
  await gw.execute(ExportAvatarMutation, { id }, { token });
  const record = await recordOf(gw, id);
  expect(record.model).toMatchObject({ status: 'PENDING' });
  return { id, record };
}

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
      const { model } = expectTypename((await sse.next()).value?.data?.avatarUpdated, 'AvaturnAvatar');
      expect(model).toMatchObject({ status: 'READY', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/avaturn\/files\//) });
      const expiresIn = Date.parse(model?.expiresAt ?? '') - Date.now();
      expect(expiresIn).toBeGreaterThan(25 * 60_000);
      expect(expiresIn).toBeLessThanOrEqual(30 * 60_000);
      const glb = await request(model?.url ?? '');
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
    const { model } = expectTypename(renewed.data!.exportAvatar, 'ExportAvatarSuccess');
    expect(model.status).toBe('READY');
    expect(Date.parse(model.expiresAt ?? '')).toBeGreaterThan(Date.now());
    expect(sandboxCalls(gw, 'POST', '/exports/new').length).toBe(exportsBefore + 1);
  });

  it('refuses an avatar that is not READY', async () => {
    const id = await createAvatar(gw, token);
    const result = await gw.execute(ExportAvatarMutation, { id }, { token });
    expect(result.data!.exportAvatar).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
  });

  it('confirms export.ready with the API and applies five copies sent at once once (one call, one push)', async () => {
    const { id, record } = await pendingExport();
    // Avaturn finished the export; its own delivery was dropped.
    await eventually(async () => ((await gw.services.avaturn.createExport(record.avaturnAvatarId)).status === 'ready' ? true : undefined));
    const exportsBefore = sandboxCalls(gw, 'POST', '/exports/new').length;
    const pushes = await listen(gw, 'avatar:updated', record.id);
    // A forged URL in the delivery is never stored: the URL comes from exports/new.
    const body = JSON.stringify(exportReadyBody(record, 'ready', 'http://evil.example/x.glb'));
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(gw, body)));
    expect(replies).toEqual([ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED]);
    await sleep(50);
    await pushes.stop();
    expect(pushes.events.map((e) => e.version)).toEqual([record.version + 1]);
    expect(sandboxCalls(gw, 'POST', '/exports/new').length - exportsBefore).toBe(1);
    expect((await recordOf(gw, id)).model).toMatchObject({ status: 'READY', url: expect.stringMatching(/\/sandbox\/avaturn\/files\//) });
  });
});

describe('export.ready failed', () => {
  it('applies a later failure with the same body as an earlier one (two failed exports in a row)', async () => {
    const { id, record } = await pendingExport();
    const failed = JSON.stringify(exportReadyBody(record, 'failed'));
    expect(await deliver(gw, failed)).toEqual(ACCEPTED);
    expect((await recordOf(gw, id)).model).toMatchObject({ status: 'FAILED' });
    // Exported again (as exportAvatar stores Avaturn's pending answer), and Avaturn fails it again: same body.
    await storeExport(gw.services, record.id, { status: 'pending', url: null });
    expect((await recordOf(gw, id)).model).toMatchObject({ status: 'PENDING' });
    expect(await deliver(gw, failed)).toEqual(ACCEPTED);
    expect((await recordOf(gw, id)).model).toMatchObject({ status: 'FAILED' });
  });

  it('does not let the late failure of an earlier customization fail the export of a newer one', async () => {
    const { id, record } = await pendingExport();
    // Customized and exported again while the first export still runs at Avaturn.
    await gw.services.avatars.update<AvaturnAvatarRecord>(record.id, (r) => ({ customizationVersion: r.customizationVersion + 1 }));
    await storeExport(gw.services, record.id, { status: 'pending', url: null });
    const newer = record.customizationVersion + 1;
    expect((await recordOf(gw, id)).model).toMatchObject({ status: 'PENDING', customizationVersion: newer });
    const failed = JSON.stringify(exportReadyBody(record, 'failed'));
    // The first export's failure: not this one's.
    await deliver(gw, failed);
    expect((await recordOf(gw, id)).model).toMatchObject({ status: 'PENDING', customizationVersion: newer });
    // The second export's own failure.
    await deliver(gw, failed);
    expect((await recordOf(gw, id)).model).toMatchObject({ status: 'FAILED', customizationVersion: newer });
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
