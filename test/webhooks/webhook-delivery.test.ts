import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { createAvatar, waitForAvatar } from '../helpers/avatar-flows.js';
import type { WatchState } from '../../src/webhooks/avatar-index.js';
import { statusKeys } from '../../src/webhooks/keys.js';
import { CONFIRMATION_MEMORY_MS } from '../../src/webhooks/confirmations.js';
import { ACCEPTED, avatarReadyBody, deliver, listen, recordOf, upstreamStatus } from '../helpers/webhooks.js';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  // The watchdog stays out of the way here: every change must come from the deliveries under test.
  // Processing takes long enough that a delivery right after the upload precedes it.
  gw = await startTestGateway({ WATCHDOG_INTERVAL_MS: '600000', SANDBOX_PROCESSING_DELAY_MS: '300' });
  token = await gw.token('delivery-owner');
});
afterAll(() => gw.stop());
afterEach(() => {
  gw.app.sandbox!.faults.avaturn.reset();
});

/** An avatar Avaturn finished (listed ready) whose own avatar.ready was dropped. */
async function readyUpstreamOnly() {
  gw.app.sandbox!.faults.avaturn.update({ webhookDropRate: 1 });
  const id = await createAvatar(gw, token);
  const record = await recordOf(gw, id);
  await upstreamStatus(gw, record, 'ready');
  gw.app.sandbox!.faults.avaturn.update({ webhookDropRate: 0 });
  expect(record.status).toBe('PROCESSING');
  return { id, record };
}

describe('Avaturn webhook deliveries', () => {
  it('applies the same delivery sent five times at once exactly once (one change, one push)', async () => {
    const { id, record } = await readyUpstreamOnly();
    const pushes = await listen(gw, 'avatar:updated', record.id);
    const body = JSON.stringify(avatarReadyBody(record));
    const replies = await Promise.all(Array.from({ length: 5 }, () => deliver(gw, body)));
    expect(replies).toEqual([ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED]);
    await sleep(100);
    await pushes.stop();
    expect(pushes.events).toEqual([{ id: record.id, version: record.version + 1 }]);
    expect((await recordOf(gw, id)).status).toBe('READY');

    // Five more, one after the other: unsigned copies are not remembered, and change nothing.
    for (let i = 0; i < 5; i++) expect(await deliver(gw, body)).toEqual(ACCEPTED);
    expect((await recordOf(gw, id)).version).toBe(record.version + 1);
  });

  it('changes nothing for an old or contradicting event after a newer state (confirmed with the API)', async () => {
    const { id, record } = await readyUpstreamOnly();
    expect(await deliver(gw, avatarReadyBody(record))).toEqual(ACCEPTED);
    const ready = await recordOf(gw, id);
    expect(ready.status).toBe('READY');
    const pushes = await listen(gw, 'avatar:updated', record.id);
    // A different body (so not a duplicate) claiming failure, then a stale copy with other fields.
    expect(await deliver(gw, { ...avatarReadyBody(record), status: 'failed' })).toEqual(ACCEPTED);
    expect(await deliver(gw, { ...avatarReadyBody(record), note: 'late' })).toEqual(ACCEPTED);
    await sleep(50);
    await pushes.stop();
    expect(pushes.events).toEqual([]);
    expect(await recordOf(gw, id)).toEqual(ready);
  });

  it('does not believe avatar.ready while the API still says processing, has the watchdog look soon, and applies the same body once it is true', async () => {
    gw.app.sandbox!.faults.avaturn.update({ webhookDropRate: 1 });
    const id = await createAvatar(gw, token);
    const record = await recordOf(gw, id);
    // As if the watchdog had backed off to its longest delay.
    const watchKey = statusKeys(gw.services.config).watch(record.id);
    await gw.services.store.set<WatchState>(watchKey, { attempt: 7, nextPollAt: Date.now() + 60_000 });
    // Sent at once, well before the sandbox's processing delay elapsed.
    expect(await deliver(gw, avatarReadyBody(record))).toEqual(ACCEPTED);
    expect((await recordOf(gw, id)).status).toBe('PROCESSING');
    const watch = await gw.services.store.get<WatchState>(watchKey);
    expect(watch?.attempt).toBe(7);
    expect(watch?.nextPollAt).toBeLessThanOrEqual(Date.now() + CONFIRMATION_MEMORY_MS);
    // The identical body later, once Avaturn is done and the last confirmation is forgotten: not taken for a duplicate.
    await upstreamStatus(gw, record, 'ready');
    await sleep(CONFIRMATION_MEMORY_MS + 100);
    expect(await deliver(gw, avatarReadyBody(record))).toEqual(ACCEPTED);
    expect((await recordOf(gw, id)).status).toBe('READY');
  });

  it('answers 503 when it cannot confirm, and handles the retry afresh', async () => {
    const { id, record } = await readyUpstreamOnly();
    gw.app.sandbox!.faults.avaturn.update({ errorRate: 1, errorStatuses: [500] });
    const failed = await deliver(gw, avatarReadyBody(record));
    expect(failed).toEqual({ status: 503, body: '{"error":"unavailable"}' });
    expect((await recordOf(gw, id)).status).toBe('PROCESSING');
    gw.app.sandbox!.faults.avaturn.update({ errorRate: 0 });
    // A failed confirmation is not remembered: the retry asks again.
    expect(await deliver(gw, avatarReadyBody(record))).toEqual(ACCEPTED);
    expect((await recordOf(gw, id)).status).toBe('READY');
  });

  it('pushes once when the sandbox duplicates every delivery', async () => {
    gw.app.sandbox!.faults.avaturn.update({ webhookDuplicateRate: 1 });
    const id = await createAvatar(gw, token);
    const record = await recordOf(gw, id);
    const pushes = await listen(gw, 'avatar:updated', record.id);
    await waitForAvatar(gw, token, id, (a) => a.status === 'READY');
    await sleep(200);
    await pushes.stop();
    const copies = gw.app.sandbox!.avaturn!.deliveries.filter((d) => (d.body as { avatar_id?: string }).avatar_id === record.avaturnAvatarId);
    expect(copies.map((c) => c.status)).toEqual([200, 200]);
    expect(pushes.events.filter((e) => e.version > record.version)).toHaveLength(1);
  });
});

describe('Avaturn webhook deliveries that never come', () => {
  let fast: TestGateway;
  beforeAll(async () => {
    fast = await startTestGateway({ WATCHDOG_INTERVAL_MS: '50', SANDBOX_FAULTS: JSON.stringify({ avaturn: { webhookDropRate: 1 } }) });
  });
  afterAll(() => fast.stop());

  it('still reach READY: the watchdog polls the listing', async () => {
    const owner = await fast.token('dropped-owner');
    const id = await createAvatar(fast, owner);
    await waitForAvatar(fast, owner, id, (a) => a.status === 'READY');
    expect(fast.app.sandbox!.avaturn!.deliveries).toEqual([]);
  });
});
