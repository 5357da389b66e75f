import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { waitUntil } from '../helpers/redis.js';
import { createAvatar, waitForAvatar } from '../helpers/avatar-flows.js';
import { CONFIRMATION_MEMORY_MS } from '../../src/webhooks/confirmations.js';
import { ACCEPTED, avatarReadyBody, deliver, recordOf, sign, upstreamStatus } from '../helpers/webhooks.js';

const SECRET = `whsec_${Buffer.from('avatar-gateway-test-webhook-secret').toString('base64')}`;
const TOKEN = 'receiver-test-token-0123456789';

describe('POST /webhooks/avaturn/:token', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ AVATURN_WEBHOOK_TOKEN: TOKEN });
  });
  afterAll(() => gw.stop());

  it('answers 404 for a wrong token, without echoing either token', async () => {
    const reply = await deliver(gw, { event: 'avatar.ready' }, { token: 'wrong-token-wrong-token' });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('wrong-token');
    expect(reply.body).not.toContain(TOKEN);
  });

  it('answers 413 past 256 KiB, 400 for malformed JSON or shape', async () => {
    expect((await deliver(gw, `{"event":"avatar.ready","pad":"${'x'.repeat(256 * 1024)}"}`)).status).toBe(413);
    expect(await deliver(gw, '{"event": nope')).toEqual({ status: 400, body: '{"error":"malformed_json"}' });
    expect((await deliver(gw, { avatar_id: 'x' })).status).toBe(400);
    expect(await deliver(gw, { event: 'avatar.ready', user_id: 'U' })).toEqual({ status: 400, body: '{"error":"invalid_payload"}' });
  });

  it('acknowledges and ignores unknown avatars and unknown events, without a call', async () => {
    const calls = gw.app.sandbox!.avaturn!.calls.length;
    const unknownAvatar = { event: 'avatar.ready', avatar_id: '00000000-0000-4000-8000-000000000000', user_id: 'NOBODY', status: 'ready' };
    expect(await deliver(gw, unknownAvatar)).toEqual(ACCEPTED);
    expect(await deliver(gw, { event: 'user.deleted', user_id: 'X' })).toEqual(ACCEPTED);
    const render = { event: 'render.ready', id: 'r1', avatar_id: 'a', user_id: 'u', status: 'ready', render_url: 'http://127.0.0.1/x.png' };
    expect(await deliver(gw, render)).toEqual(ACCEPTED);
    expect(gw.app.sandbox!.avaturn!.calls.length).toBe(calls);
  });

  it("ignores an avatar named with another Avaturn user's id", async () => {
    const token = await gw.token('receiver-owner');
    const id = await createAvatar(gw, token);
    const record = await recordOf(gw, id);
    const calls = gw.app.sandbox!.avaturn!.calls.length;
    expect(await deliver(gw, { ...avatarReadyBody(record), user_id: 'SOMEONEELSE' })).toEqual(ACCEPTED);
    expect(gw.app.sandbox!.avaturn!.calls.length).toBe(calls);
  });
});

describe('POST /webhooks/avaturn/:token with AVATURN_WEBHOOK_SECRET', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // Processing takes long enough that a delivery right after the upload precedes it.
    gw = await startTestGateway({ AVATURN_WEBHOOK_SECRET: SECRET, SANDBOX_PROCESSING_DELAY_MS: '300' });
  });
  afterAll(() => gw.stop());

  const body = JSON.stringify({ event: 'avatar.ready', avatar_id: '00000000-0000-4000-8000-000000000001', user_id: 'U', status: 'ready' });

  it('answers 401 without a signature, with a wrong one, or with a timestamp more than 5 minutes off', async () => {
    expect((await deliver(gw, body)).status).toBe(401);
    const wrong = sign(`whsec_${Buffer.from('another-secret-another-secret').toString('base64')}`, body);
    expect((await deliver(gw, body, { headers: wrong })).status).toBe(401);
    const tampered = sign(SECRET, body);
    expect((await deliver(gw, body.replace('ready', 'failed'), { headers: tampered })).status).toBe(401);
    for (const minutes of [-6, 6]) {
      const skewed = sign(SECRET, body, { at: new Date(Date.now() + minutes * 60_000) });
      expect((await deliver(gw, body, { headers: skewed })).status).toBe(401);
    }
    const reply = await deliver(gw, body, { headers: sign(SECRET, body, { at: new Date(Date.now() - 4 * 60_000) }) });
    expect(reply).toEqual(ACCEPTED);
    expect(reply.body).not.toContain(SECRET);
  });

  it('takes the signed deliveries of the sandbox end to end', async () => {
    const token = await gw.token('signed-owner');
    const id = await createAvatar(gw, token);
    await waitForAvatar(gw, token, id, (a) => a.status === 'READY');
    // The record is READY (and pushed) before the answer reaches the sender, who logs it then.
    const answered = () => gw.app.sandbox!.avaturn!.deliveries.filter((d) => d.event === 'avatar.ready').at(-1)?.status;
    await waitUntil(() => answered() !== undefined, 5_000, 'the sandbox to log the answer');
    expect(answered()).toBe(200);
  });

  it('accepts either of two space-separated signatures while the secret is being rotated', async () => {
    const retired = `whsec_${Buffer.from('the-secret-before-the-rotation').toString('base64')}`;
    const id = 'msg_rotation';
    const at = new Date();
    const both = `${new Webhook(retired).sign(id, at, body)} ${new Webhook(SECRET).sign(id, at, body)}`;
    const headers = { ...sign(SECRET, body, { id, at }), 'webhook-signature': both };
    expect(await deliver(gw, body, { headers })).toEqual(ACCEPTED);
    const oldOnly = { ...headers, 'webhook-signature': new Webhook(retired).sign(id, at, body) };
    expect((await deliver(gw, body, { headers: oldOnly })).status).toBe(401);
  });

  it('remembers a handled signed delivery by its webhook-id, also one that changed nothing', async () => {
    gw.app.sandbox!.faults.avaturn.update({ webhookDropRate: 1 });
    try {
      const token = await gw.token('signed-dedupe');
      const id = await createAvatar(gw, token);
      const record = await recordOf(gw, id);
      const listings = () => gw.app.sandbox!.avaturn!.calls.filter((c) => c.path.endsWith(`/users/${record.avaturnUserId}/avatars`)).length;
      const ready = JSON.stringify(avatarReadyBody(record));
      const headers = sign(SECRET, ready, { id: `msg_${record.id}` });
      // Early: Avaturn still processes, so the delivery changes nothing; it is remembered all the same.
      const before = listings();
      expect(await deliver(gw, ready, { headers })).toEqual(ACCEPTED);
      expect(listings()).toBe(before + 1);
      await upstreamStatus(gw, record, 'ready');
      await sleep(CONFIRMATION_MEMORY_MS + 100);
      const settled = listings();
      expect(await deliver(gw, ready, { headers })).toEqual(ACCEPTED);
      expect(listings()).toBe(settled);
      expect((await recordOf(gw, id)).status).toBe('PROCESSING');
      // Another delivery (a new id) is confirmed afresh.
      expect(await deliver(gw, ready, { headers: sign(SECRET, ready) })).toEqual(ACCEPTED);
      expect((await recordOf(gw, id)).status).toBe('READY');
    } finally {
      gw.app.sandbox!.faults.avaturn.reset();
    }
  });
});
