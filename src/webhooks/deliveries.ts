import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/store.js';

/** A delivery already handled is recognised for this long (senders retry for minutes, not days). */
const DONE_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim left by an instance that died mid-delivery frees itself after this. */
const CLAIM_TTL_MS = 30_000;
/** How long a concurrent copy waits for the first one to finish. */
const WAIT_MS = 5_000;

type Entry = { state: 'processing' } | { state: 'done' };

export type DeliveryOutcome = 'processed' | 'duplicate' | 'busy';

/**
 * Runs `handle` once per delivery key, across instances: the first copy claims the key
 * (set-if-absent) and marks it done after its changes are stored; a copy arriving meanwhile
 * waits for that and is then acknowledged as a duplicate. If the first copy fails, the claim is
 * dropped so the sender's retry is handled afresh; a copy that waited in vain answers `busy`
 * (the sender retries later).
 */
export async function handleOnce(store: Store, key: string, handle: () => Promise<void>): Promise<DeliveryOutcome> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await store.set<Entry>(key, { state: 'processing' }, { ttlMs: CLAIM_TTL_MS, ifAbsent: true })) {
      try {
        await handle();
      } catch (err) {
        await store.delete(key);
        throw err;
      }
      await store.set<Entry>(key, { state: 'done' }, { ttlMs: DONE_TTL_MS });
      return 'processed';
    }
    const entry = await store.get<Entry>(key);
    if (entry?.state === 'done') return 'duplicate';
    if (Date.now() > deadline) return 'busy';
    if (entry) await sleep(20);
  }
}
