import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/store.js';

/** A claim left by an instance that died mid-delivery frees itself after this. */
const CLAIM_TTL_MS = 30_000;
/** How long a copy waits for another instance's copy to finish. */
const WAIT_MS = 5_000;

type Entry = { state: 'processing' } | { state: 'done' };

type Delivery<R> = { status: 'processed'; result: R } | { status: 'duplicate' } | { status: 'busy' };

/**
 * Handles one delivery key at a time, across instances. Copies arriving in this process while one
 * is handled share its outcome. Otherwise the first copy claims the key in the store
 * (set-if-absent) and a copy on another instance waits for it. Afterwards the key is remembered
 * for `rememberMs` (a later copy is a `duplicate`, handled no further), or, at 0, released: a later
 * copy is then handled afresh, which must be harmless (changes are monotonic and confirmed). A
 * copy that failed releases the key too, so the sender's retry is handled afresh; a copy that
 * waited in vain for another instance answers `busy` (the sender retries later).
 */
export class DeliveryLedger {
  private readonly inFlight = new Map<string, Promise<Delivery<unknown>>>();

  constructor(private readonly store: Store) {}

  handleOnce<R>(key: string, handle: () => Promise<R>, rememberMs: number): Promise<Delivery<R>> {
    const joined = this.inFlight.get(key) as Promise<Delivery<R>> | undefined;
    // A copy that joins is a duplicate of the one being handled, whatever it turns out to do.
    if (joined) return joined.then((d) => (d.status === 'processed' ? { status: 'duplicate' } : d));
    const flight = this.claimAndHandle(key, handle, rememberMs);
    this.inFlight.set(key, flight);
    const forget = () => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    };
    flight.then(forget, forget);
    return flight;
  }

  private async claimAndHandle<R>(key: string, handle: () => Promise<R>, rememberMs: number): Promise<Delivery<R>> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await this.store.set<Entry>(key, { state: 'processing' }, { ttlMs: CLAIM_TTL_MS, ifAbsent: true })) {
        let result: R;
        try {
          result = await handle();
        } catch (err) {
          await this.store.delete(key);
          throw err;
        }
        if (rememberMs > 0) await this.store.set<Entry>(key, { state: 'done' }, { ttlMs: rememberMs });
        else await this.store.delete(key);
        return { status: 'processed', result };
      }
      const entry = await this.store.get<Entry>(key);
      if (entry?.state === 'done') return { status: 'duplicate' };
      if (Date.now() > deadline) return { status: 'busy' };
      if (entry) await sleep(20);
    }
  }
}
