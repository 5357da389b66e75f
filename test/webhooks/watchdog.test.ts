import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyUpstreamStatus } from '../../src/webhooks/avatar-status.js';
import { statusKeys } from '../../src/webhooks/keys.js';
import { AvaturnWatchdog } from '../../src/webhooks/watchdog.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { listen, recordOf } from '../helpers/webhooks.js';
import { subscribeWs } from '../helpers/subscriptions.js';
import { AvatarUpdatedSubscription } from '../helpers/documents/avatars.js';
import { createAvatar, createAvatarDirect, sandboxCalls, waitForAvatar } from '../helpers/avatar-flows.js';
import { noFace } from '../helpers/photos.js';

describe('AvaturnWatchdog', () => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway({ WATCHDOG_INTERVAL_MS: '50', AVATAR_PROCESSING_DEADLINE_MS: '5000' });
    token = await gw.token('watchdog-owner');
  });
  afterAll(() => gw.stop());

  it('fails a NO_FACE avatar, which Avaturn never announces, with a reason, and pushes it', async () => {
    const id = await createAvatar(gw, token, { frontal: noFace() });
    const ws = subscribeWs(gw, token, AvatarUpdatedSubscription, { id });
    try {
      expect((await ws.next()).value?.data?.avatarUpdated).toMatchObject({ status: 'PROCESSING' });
      expect((await ws.next()).value?.data?.avatarUpdated).toMatchObject({
        status: 'FAILED',
        failureReason: 'Avaturn could not make an avatar from these photos (for example, no face was found)',
      });
    } finally {
      await ws.close();
    }
    const record = await recordOf(gw, id);
    expect(gw.app.sandbox!.avaturn!.deliveries.some((d) => (d.body as { avatar_id?: string }).avatar_id === record.avaturnAvatarId)).toBe(false);
    expect(await gw.services.store.setMembers(statusKeys(gw.services.config).pending())).not.toContain(record.id);
  });
});

describe('AvaturnWatchdog backoff', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ WATCHDOG_INTERVAL_MS: '50', SANDBOX_PROCESSING_DELAY_MS: '60000' });
    await gw.app.watchdog.stop();
  });
  afterAll(() => gw.stop());

  it('polls each pending avatar with doubling delays, one listing per Avaturn user per round', async () => {
    const token = await gw.token('backoff-owner');
    const ids = [await createAvatar(gw, token), await createAvatar(gw, token)];
    const records = await Promise.all(ids.map((id) => recordOf(gw, id)));
    let now = Date.now() + 100;
    const watchdog = new AvaturnWatchdog(gw.services, () => now);
    const listings = () => sandboxCalls(gw, 'GET', `/users/${records[0]!.avaturnUserId}/avatars`).length;
    const rounds: Array<{ at: number; listings: number }> = [];
    for (let step = 0; step < 16; step++) {
      await watchdog.round();
      rounds.push({ at: now, listings: listings() });
      now += 50;
    }
    // Polled at +0, +50, +150, +350, +750 (delays 50, 100, 200, 400): five listings in 800 ms, not sixteen.
    const polledAt = rounds.filter((r, i) => r.listings !== (rounds[i - 1]?.listings ?? 0)).map((r) => r.at - rounds[0]!.at);
    expect(polledAt).toEqual([0, 50, 150, 350, 750]);
    const state = await gw.services.store.get<{ attempt: number }>(statusKeys(gw.services.config).watch(records[1]!.id));
    expect(state?.attempt).toBe(5);
  });
});

describe('AvaturnWatchdog deadlines', () => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    // Avaturn takes a minute; the gateway gives it 300 ms.
    gw = await startTestGateway({ WATCHDOG_INTERVAL_MS: '50', AVATAR_PROCESSING_DEADLINE_MS: '300', SANDBOX_PROCESSING_DELAY_MS: '60000' });
    token = await gw.token('deadline-owner');
  });
  afterAll(() => gw.stop());

  it('fails an avatar still processing past AVATAR_PROCESSING_DEADLINE_MS, once', async () => {
    const id = await createAvatar(gw, token);
    const record = await recordOf(gw, id);
    const pushes = await listen(gw, 'avatar:updated', record.id);
    const failed = await waitForAvatar(gw, token, id, (a) => a.status === 'FAILED');
    expect(failed).toMatchObject({ failureReason: 'Avaturn did not finish processing the photos within 300 ms' });
    await sleep(200);
    await pushes.stop();
    expect(pushes.events).toHaveLength(1);
    // Avaturn's word still wins if it does finish: a confirmed ready revives a timed-out avatar.
    const revived = await applyUpstreamStatus(gw.services, record.id, 'ready');
    expect(revived).toMatchObject({ status: 'READY', failureReason: null, timedOut: false });
  });

  it('fails an avatar whose photos never arrive once the upload URL expired', async () => {
    await gw.app.watchdog.stop();
    const started = await gw.execute(
      (await import('../helpers/documents/avatars.js')).StartAvatarUploadMutation,
      { input: { bodyType: 'FEMALE' } },
      { token },
    );
    const result = started.data!.startAvatarUpload;
    if (result.__typename !== 'StartAvatarUploadSuccess') throw new Error(JSON.stringify(result));
    expect(result.expiresInSeconds).toBeGreaterThan(3500);
    // Two hours later, seen by a watchdog with a shifted clock.
    const later = new AvaturnWatchdog(gw.services, () => Date.now() + 2 * 60 * 60 * 1000);
    await later.round();
    await waitForAvatar(gw, token, result.avatar.id, (a) => a.status === 'FAILED' && 'failureReason' in a && a.failureReason === 'The photos were not uploaded before the upload URL expired');
  });

  it('never fails an avatar twice when two instances check it at the same time', async () => {
    await gw.app.watchdog.stop();
    const id = await createAvatarDirect(gw, token);
    const record = await recordOf(gw, id);
    const pushes = await listen(gw, 'avatar:updated', record.id);
    const clock = () => Date.now() + 2 * 60 * 60 * 1000;
    const a = new AvaturnWatchdog(gw.services, clock);
    const b = new AvaturnWatchdog(gw.services, clock);
    const listings = () => sandboxCalls(gw, 'GET', `/users/${record.avaturnUserId}/avatars`).length;
    const listingsBefore = listings();
    // Both past the lease (as when it expires mid-round), their listings answered at the same
    // moment, and every store write a little slow (as over a network): their checks interleave.
    gw.app.sandbox!.faults.avaturn.update({ latencyMs: 100 });
    const store = gw.services.store;
    const update = store.update.bind(store);
    vi.spyOn(store, 'update').mockImplementation(async (...args: Parameters<typeof update>) => {
      await sleep(5);
      return update(...args);
    });
    try {
      await Promise.all([a.pollDue(), b.pollDue()]);
    } finally {
      vi.restoreAllMocks();
      gw.app.sandbox!.faults.avaturn.reset();
    }
    expect(listings() - listingsBefore).toBe(2);
    await sleep(50);
    await pushes.stop();
    // AWAITING_UPLOAD -> PROCESSING (photos seen in the listing) -> FAILED (deadline): two changes, one failure pushed.
    expect(pushes.events.map((e) => e.version)).toEqual([record.version + 1, record.version + 2]);
    expect(await recordOf(gw, id)).toMatchObject({ status: 'FAILED', version: record.version + 2 });
  });
});
