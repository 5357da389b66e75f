import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/store.js';

/** A claim left by an instance that died mid-delivery frees itself after this. */
const CLAIM_TTL_MS = 30_000;
/** How long a concurrent copy waits for the first one to finish. */
const WAIT_MS = 5_000;

type Entry = { state: 'processing' } | { state: 'done' };

export type Delivery<R> = { status: 'processed'; result: R } | { status: 'duplicate' } | { status: 'busy' };

/**
 * Runs `handle` for one delivery key at a time, across instances: the first copy claims the key
 * (set-if-absent); a copy arriving meanwhile waits for it. Afterwards the key is remembered for
 * `rememberMs(result)` (a later copy is answered `duplicate`), or, at 0, released: a later copy is
 * then handled afresh, which must be harmless (changes are monotonic and confirmed). A copy that
 * failed releases the key too, so the sender's retry is handled afresh; a copy that waited in
 * vain answers `busy` (the sender retries later).
 */
export async function handleOnce<R>(store: Store, key: string, handle: () => Promise<R>, rememberMs: (result: R) => number): Promise<Delivery<R>> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await store.set<Entry>(key, { state: 'processing' }, { ttlMs: CLAIM_TTL_MS, ifAbsent: true })) {
      let result: R;
      try {
        result = await handle();
      } catch (err) {
        await store.delete(key);
        throw err;
      }
      const ttlMs = rememberMs(result);
      if (ttlMs > 0) await store.set<Entry>(key, { state: 'done' }, { ttlMs });
      else await store.delete(key);
      return { status: 'processed', result };
    }
    const entry = await store.get<Entry>(key);
    if (entry?.state === 'done') return { status: 'duplicate' };
    if (Date.now() > deadline) return { status: 'busy' };
    if (entry) await sleep(20);
  }
}
