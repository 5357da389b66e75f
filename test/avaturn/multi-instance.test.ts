import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { avaturnKeys } from '../../src/avaturn/keys.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { REDIS_URL, deleteKeys, describeRedis, testRedis } from '../helpers/redis.js';
import { ACCEPTED, avatarReadyBody, deliver, listen, recordOf, upstreamStatus } from '../helpers/webhooks.js';
import { subscribeWs } from '../helpers/subscriptions.js';
import { AvatarUpdatedSubscription, StartAvatarUploadMutation } from '../helpers/documents/avatars.js';
import { createAvatar, createAvatarUpload, createResult, sandboxCalls, waitForAvatar } from '../helpers/avatar-flows.js';
import { noFace } from '../helpers/photos.js';

describeRedis('Avaturn flows on two instances sharing Redis', () => {
  let a: TestGateway;
  let b: TestGateway;
  let admin: Redis;
  const run = randomUUID();
  const owner = (name: string) => `avaturn-multi-${name}-${run}`;
  const owners: string[] = [];
  const tokenFor = (gw: TestGateway, name: string) => {
    owners.push(owner(name));
    return gw.token(owner(name));
  };

  beforeAll(async () => {
    const env = { REDIS_URL, WATCHDOG_INTERVAL_MS: '50', SANDBOX_PROCESSING_DELAY_MS: '300' };
    a = await startTestGateway(env);
    // B talks to A's simulator: one Avaturn project, two gateway instances.
    b = await startTestGateway({ ...env, AVATURN_API_URL: `${a.url}/sandbox/avaturn` });
    admin = testRedis();
  });
  afterAll(async () => {
    for (const id of owners) for (const record of await a.services.avatars.listByOwner(id)) await a.services.avatars.delete(record);
    await deleteKeys(admin, `ag:${avaturnKeys(a.services.config).user('').replace(/user:$/, '')}`);
    await Promise.all([a?.stop(), b?.stop()]);
    await admin?.quit();
  });

  const usersNew = () => sandboxCalls(a, 'POST', '/api/v1/users/new').length;

  it('creates one Avaturn user when the first requests of an app user land on both instances at once', async () => {
    const [ta, tb] = [await tokenFor(a, 'first'), await tokenFor(b, 'first')];
    const before = usersNew();
    const results = await Promise.all([a, b, a, b, a, b].map((gw, i) => gw.execute(StartAvatarUploadMutation, { input: { bodyType: 'MALE' } }, { token: i % 2 ? tb : ta })));
    expect(results.every((r) => r.data?.startAvatarUpload.__typename === 'StartAvatarUploadSuccess')).toBe(true);
    expect(usersNew() - before).toBe(1);
  });

  it('pushes READY to a subscriber on B when the upload and the webhook went through A', async () => {
    const token = await tokenFor(a, 'subscriber');
    const id = await createAvatar(a, token);
    const ws = subscribeWs(b, token, AvatarUpdatedSubscription, { id });
    try {
      const first = (await ws.next()).value?.data?.avatarUpdated;
      const last = first?.status === 'READY' ? first : (await ws.next()).value?.data?.avatarUpdated;
      expect(last).toMatchObject({ id, status: 'READY' });
    } finally {
      await ws.close();
    }
  });

  it('applies one delivery posted to both instances at once, once', async () => {
    a.app.sandbox!.faults.avaturn.update({ webhookDropRate: 1 });
    try {
      const token = await tokenFor(a, 'dedupe');
      const id = await createAvatar(a, token);
      const record = await recordOf(a, id);
      // Listening from here on: READY is pushed once, whether a delivery or a watchdog gets there first.
      const pushes = await listen(a, 'avatar:updated', record.id);
      await upstreamStatus(a, record, 'ready');
      const body = JSON.stringify(avatarReadyBody(record));
      const replies = await Promise.all([a, b, a, b, b].map((gw) => deliver(gw, body)));
      await new Promise((r) => setTimeout(r, 100));
      await pushes.stop();
      expect(replies).toEqual([ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED]);
      expect(pushes.events.filter((e) => e.version > record.version)).toHaveLength(1);
    } finally {
      a.app.sandbox!.faults.avaturn.reset();
    }
  });

  it('fails a NO_FACE avatar once although both watchdogs poll it', async () => {
    const token = await tokenFor(a, 'watchdogs');
    const id = await createAvatar(b, token, { frontal: noFace() });
    const record = await recordOf(a, id);
    const pushes = await listen(a, 'avatar:updated', record.id);
    await waitForAvatar(a, token, id, (x) => x.status === 'FAILED');
    await new Promise((r) => setTimeout(r, 200));
    await pushes.stop();
    expect(pushes.events).toHaveLength(1);
  });

  it('honours one Idempotency-Key across instances', async () => {
    const token = await tokenFor(a, 'idempotent');
    const before = sandboxCalls(a, 'POST', '/api/v1/avatars/new').length;
    const headers = { 'idempotency-key': `k-${run}` };
    const first = createResult(await createAvatarUpload(a, token, {}, { headers }));
    const second = createResult(await createAvatarUpload(b, token, {}, { headers }));
    expect(second.avatar?.id).toBe(first.avatar?.id);
    expect(sandboxCalls(a, 'POST', '/api/v1/avatars/new').length - before).toBe(1);
  });
});
