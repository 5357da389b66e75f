import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from './store.js';

export interface AwaitClaimOptions {
  /** Absolute time (ms since the epoch) after which the wait gives up. */
  until: number;
  /** How often the store is looked at. */
  pollMs: number;
}

/**
 * Waits for the outcome of work another owner claimed (`claimKey`), as `read` finds it: that
 * outcome as soon as it is there; undefined once the claim is gone without one (its holder gave
 * up, failed or died: the caller may claim the work itself) or when `until` passed. Polls the
 * store, so it works across instances whatever the store is.
 */
export async function awaitClaim<T>(
  store: Store,
  claimKey: string,
  read: () => Promise<T | undefined>,
  options: AwaitClaimOptions,
): Promise<T | undefined> {
  while (Date.now() < options.until) {
    await sleep(options.pollMs);
    const outcome = await read();
    if (outcome !== undefined) return outcome;
    // Read once more after the claim is gone: the holder writes its outcome before it releases.
    if ((await store.get(claimKey)) === undefined) return read();
  }
  return undefined;
}
