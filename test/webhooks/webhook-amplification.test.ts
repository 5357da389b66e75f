import type { Redis } from 'ioredis';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvaturnAvatarRecord } from '../../src/avatars/avatar-record.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { REDIS_URL, deleteKeys, describeRedis, testRedis, uniquePrefix } from '../helpers/redis.js';
import { CONFIRMATION_MEMORY_MS } from '../../src/webhooks/confirmations.js';
import { createAvatar, sandboxCalls } from '../helpers/avatar-flows.js';
import { ACCEPTED, avatarReadyBody, deliver, recordOf, sign, type Delivery } from '../helpers/webhooks.js';

const SECRET = `whsec_${Buffer.from('amplification-test-webhook-secret').toString('base64')}`;
const COPIES = 200;

// Avaturn keeps every avatar processing for the whole file and the watchdog never polls: every
// listing call counted below is a webhook confirmation.
const ENV = { WATCHDOG_INTERVAL_MS: '600000', SANDBOX_PROCESSING_DELAY_MS: '600000' };

/** A fresh avatar Avaturn is still processing, and a counter of the listing calls made for its user. */
async function pendingAvatar(gw: TestGateway, owner: string): Promise<{ record: AvaturnAvatarRecord; listings: () => number }> {
  const record = await recordOf(gw, await createAvatar(gw, await gw.token(owner)));
  const listings = () => sandboxCalls(gw, 'GET', `/users/${record.avaturnUserId}/avatars`).length;
  return { record, listings };
}

/**
 * Sends one after the other; also returns how many confirmations that may cost at most: one per
 * CONFIRMATION_MEMORY_MS begun (two for a burst shorter than that), however slow the machine.
 */
async function sequentially(n: number, send: (i: number) => Promise<Delivery>): Promise<{ replies: Delivery[]; allowed: number }> {
  const started = Date.now();
  const replies: Delivery[] = [];
  for (let i = 0; i < n; i++) replies.push(await send(i));
  return { replies, allowed: Math.max(2, 1 + Math.ceil((Date.now() - started) / CONFIRMATION_MEMORY_MS)) };
}

const all = (replies: Delivery[]) => [...new Set(replies.map((r) => JSON.stringify(r)))].map((r) => JSON.parse(r) as Delivery);

describe('Avaturn webhook copies (unsigned)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(ENV);
  });
  afterAll(() => gw.stop());

  it(`costs at most two confirmations for ${COPIES} copies sent at once`, async () => {
    const { record, listings } = await pendingAvatar(gw, 'amp-concurrent');
    const body = JSON.stringify(avatarReadyBody(record));
    const before = listings();
    const replies = await Promise.all(Array.from({ length: COPIES }, () => deliver(gw, body)));
    expect(all(replies)).toEqual([ACCEPTED]);
    expect(listings() - before).toBeGreaterThanOrEqual(1);
    expect(listings() - before).toBeLessThanOrEqual(2);
    expect((await gw.services.avatars.get(record.id))?.status).toBe('PROCESSING');
  });

  it(`costs at most two confirmations for ${COPIES} copies one after the other`, async () => {
    const { record, listings } = await pendingAvatar(gw, 'amp-sequential');
    const body = JSON.stringify(avatarReadyBody(record));
    const before = listings();
    const { replies, allowed } = await sequentially(COPIES, () => deliver(gw, body));
    expect(all(replies)).toEqual([ACCEPTED]);
    expect(listings() - before).toBeGreaterThanOrEqual(1);
    expect(listings() - before).toBeLessThanOrEqual(allowed);
  });

  it(`costs at most two confirmations for ${COPIES} different bodies naming one avatar, at once`, async () => {
    const { record, listings } = await pendingAvatar(gw, 'amp-variants');
    const before = listings();
    const replies = await Promise.all(Array.from({ length: COPIES }, (_, i) => deliver(gw, { ...avatarReadyBody(record), n: i })));
    expect(all(replies)).toEqual([ACCEPTED]);
    expect(listings() - before).toBeLessThanOrEqual(2);
  });

  it('answers exactly alike whatever a delivery names: pending, ready, unknown, foreign, other events', async () => {
    const { record } = await pendingAvatar(gw, 'amp-answers');
    // READY as far as the gateway knows (which is all an answer could reveal).
    const other = await pendingAvatar(gw, 'amp-answers-ready');
    const ready = (await gw.services.avatars.update<AvaturnAvatarRecord>(other.record.id, () => ({ status: 'READY' })))!;
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const bodies = [
      avatarReadyBody(record),
      avatarReadyBody(ready),
      { ...avatarReadyBody(record), avatar_id: unknown },
      { ...avatarReadyBody(record), user_id: 'SOMEONE-ELSE' },
      { event: 'export.ready', avatar_id: record.avaturnAvatarId, user_id: record.avaturnUserId, status: 'ready', export_url: null },
      { event: 'export.ready', avatar_id: unknown, user_id: 'U', status: 'failed', export_url: null },
      { event: 'render.ready', id: 'r-unknown', avatar_id: ready.avaturnAvatarId, user_id: ready.avaturnUserId, status: 'ready', render_url: 'http://127.0.0.1/x.png' },
      { event: 'user.deleted', user_id: record.avaturnUserId },
    ];
    const answers = await Promise.all(
      bodies.map(async (body) => {
        const res = await request(`${gw.url}/webhooks/avaturn/${gw.config.avaturn.webhookToken}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const headers = { type: res.headers['content-type'], length: res.headers['content-length'], retry: res.headers['retry-after'] };
        return { status: res.statusCode, body: await res.body.text(), headers };
      }),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject(ACCEPTED);
  });
});

describe('Avaturn webhook copies (signed)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ ...ENV, AVATURN_WEBHOOK_SECRET: SECRET });
  });
  afterAll(() => gw.stop());

  it(`costs at most two confirmations for ${COPIES} copies of one webhook-id at once, and none for later copies`, async () => {
    const { record, listings } = await pendingAvatar(gw, 'amp-signed');
    const body = JSON.stringify(avatarReadyBody(record));
    const headers = sign(SECRET, body, { id: `msg_amp_${record.id}` });
    const before = listings();
    const replies = await Promise.all(Array.from({ length: COPIES }, () => deliver(gw, body, { headers })));
    expect(all(replies)).toEqual([ACCEPTED]);
    const atOnce = listings() - before;
    expect(atOnce).toBeGreaterThanOrEqual(1);
    expect(atOnce).toBeLessThanOrEqual(2);
    // Remembered by its id: the sender's retries cost nothing, long after the confirmation is forgotten.
    expect(all((await sequentially(COPIES, () => deliver(gw, body, { headers }))).replies)).toEqual([ACCEPTED]);
    expect(listings() - before).toBe(atOnce);
  });

  it(`costs at most two confirmations for ${COPIES} deliveries with distinct ids naming one avatar`, async () => {
    const { record, listings } = await pendingAvatar(gw, 'amp-signed-ids');
    const body = JSON.stringify(avatarReadyBody(record));
    const before = listings();
    const replies = await Promise.all(Array.from({ length: COPIES }, (_, i) => deliver(gw, body, { headers: sign(SECRET, body, { id: `msg_${i}_${record.id}` }) })));
    expect(all(replies)).toEqual([ACCEPTED]);
    expect(listings() - before).toBeLessThanOrEqual(2);
    const sent = listings();
    const { replies: later, allowed } = await sequentially(COPIES, (i) => deliver(gw, body, { headers: sign(SECRET, body, { id: `msg_seq_${i}_${record.id}` }) }));
    expect(all(later)).toEqual([ACCEPTED]);
    expect(listings() - sent).toBeLessThanOrEqual(allowed);
  });
});

describeRedis('Avaturn webhook copies on two instances sharing Redis', () => {
  let a: TestGateway;
  let b: TestGateway;
  let admin: Redis;
  const prefix = uniquePrefix('webhook-amp');
  beforeAll(async () => {
    const env = { ...ENV, REDIS_URL, REDIS_PREFIX: prefix };
    a = await startTestGateway(env);
    // B talks to A's simulator: one Avaturn project, two gateway instances.
    b = await startTestGateway({ ...env, AVATURN_API_URL: `${a.url}/sandbox/avaturn` });
    admin = testRedis();
  });
  afterAll(async () => {
    await deleteKeys(admin, prefix);
    await Promise.all([a?.stop(), b?.stop()]);
    await admin?.quit();
  });

  it(`costs at most two confirmations for ${COPIES} copies split over both instances, at once and then one after the other`, async () => {
    const { record, listings } = await pendingAvatar(a, 'amp-shared');
    const body = JSON.stringify(avatarReadyBody(record));
    const before = listings();
    const replies = await Promise.all(Array.from({ length: COPIES }, (_, i) => deliver(i % 2 ? a : b, body)));
    expect(all(replies)).toEqual([ACCEPTED]);
    expect(listings() - before).toBeGreaterThanOrEqual(1);
    expect(listings() - before).toBeLessThanOrEqual(2);
    const sent = listings();
    const { replies: later, allowed } = await sequentially(COPIES, (i) => deliver(i % 2 ? a : b, body));
    expect(all(later)).toEqual([ACCEPTED]);
    expect(listings() - sent).toBeLessThanOrEqual(allowed);
  });
});
