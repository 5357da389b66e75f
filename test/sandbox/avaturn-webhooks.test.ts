import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { newAvatar, newUser, photoForm, startHarness, waitFor, type Harness, type HarnessOptions } from '../helpers/avaturn-sandbox.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

/** Uploads photos for a new avatar; the avatar turns ready ~50 ms later. */
async function uploadAvatar(harness: Harness): Promise<string> {
  const userId = await newUser(harness);
  const { avatar_id, upload_url } = await newAvatar(harness, userId);
  const res = await harness.fetch(upload_url, { method: 'POST', body: photoForm() });
  expect(res.status).toBe(200);
  return avatar_id;
}

describe('avaturn sandbox: webhook delivery', () => {
  it('signs deliveries with Standard Webhooks when a secret is set', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const harness = await start({ webhookSecret: secret });
    const avatarId = await uploadAvatar(harness);
    const hook = await waitFor(() => harness.received[0]);
    expect(hook.headers['webhook-id']).toMatch(/^msg_/);
    const verified = new Webhook(secret).verify(hook.raw, hook.headers);
    expect(verified).toMatchObject({ event: 'avatar.ready', avatar_id: avatarId });
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(hook.raw, hook.headers)).toThrow();
  });

  it('retries a receiver answering 500 with the same webhook-id until it answers 200', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const harness = await start({ webhookSecret: secret, webhookRetry: { attempts: 4, baseDelayMs: 10 } });
    harness.receiverStatuses.push(500, 503);
    await uploadAvatar(harness);
    const hook = await waitFor(() => harness.received[0]);
    expect(harness.sandbox.deliveries.map((d) => [d.event, d.status, d.attempt])).toEqual([
      ['avatar.ready', 500, 1],
      ['avatar.ready', 503, 2],
      ['avatar.ready', 200, 3],
    ]);
    expect(new Webhook(secret).verify(hook.raw, hook.headers)).toMatchObject({ event: 'avatar.ready' });
  });

  it('gives up after the configured attempts and records network errors', async () => {
    // A port that was just closed: every attempt fails to connect.
    const gone = await startHarness();
    const deadUrl = `${gone.origin}/hooks/avaturn`;
    await gone.close();
    const harness = await start({ webhookUrl: deadUrl, webhookRetry: { attempts: 2, baseDelayMs: 5 } });
    await uploadAvatar(harness);
    await waitFor(() => (harness.sandbox.deliveries.length >= 2 ? true : undefined));
    await sleep(30);
    expect(harness.sandbox.deliveries.map((d) => [d.status, d.attempt])).toEqual([
      ['error', 1],
      ['error', 2],
    ]);
  });

  it('sends nothing without a webhook URL', async () => {
    const harness = await start({ webhooks: false });
    await uploadAvatar(harness);
    await sleep(120);
    expect(harness.sandbox.deliveries).toEqual([]);
  });
});

describe('avaturn sandbox: fault injection', () => {
  it('duplicates deliveries with the same webhook-id (webhookDuplicateRate 1)', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const harness = await start({ webhookSecret: secret });
    harness.faults.update({ webhookDuplicateRate: 1 });
    await uploadAvatar(harness);
    await waitFor(() => (harness.received.length === 2 ? true : undefined));
    expect(harness.received[0]!.headers['webhook-id']).toBe(harness.received[1]!.headers['webhook-id']);
    expect(harness.received[0]!.body).toEqual(harness.received[1]!.body);
  });

  it('drops deliveries (webhookDropRate 1)', async () => {
    const harness = await start();
    harness.faults.update({ webhookDropRate: 1 });
    const userId = await newUser(harness);
    const { avatar_id, upload_url } = await newAvatar(harness, userId);
    await harness.fetch(upload_url, { method: 'POST', body: photoForm() });
    await sleep(150);
    const list = await harness.api('GET', `users/${userId}/avatars`);
    expect(list.json).toEqual([expect.objectContaining({ id: avatar_id, status: 'ready' })]);
    expect(harness.sandbox.deliveries).toEqual([]);
    expect(harness.received).toEqual([]);
  });

  it('answers the injected status before auth and routing (errorRate 1)', async () => {
    const harness = await start();
    harness.faults.update({ errorRate: 1, errorStatuses: [503] });
    const res = await harness.api('POST', 'users/new', { token: null });
    expect(res.status).toBe(503);
    expect(harness.sandbox.calls.at(-1)).toMatchObject({ status: 503 });
    harness.faults.update({ errorStatuses: [429] });
    const limited = await harness.api('GET', 'users/X/avatars');
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '1']);
    harness.faults.reset();
    expect((await harness.api('POST', 'users/new')).status).toBe(200);
  });

  it('drops connections (dropConnectionRate 1) and records status 0', async () => {
    const harness = await start();
    harness.faults.update({ dropConnectionRate: 1 });
    await expect(harness.api('POST', 'users/new')).rejects.toThrow();
    await waitFor(() => harness.sandbox.calls.at(-1));
    expect(harness.sandbox.calls.at(-1)).toMatchObject({ status: 0 });
  });
});
