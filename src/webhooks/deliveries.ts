import { randomUUID } from 'node:crypto';
import { awaitClaim } from '../store/await-claim.js';
import type { Store } from '../store/store.js';

/** A claim left by an instance that died mid-delivery frees itself after this. */
const CLAIM_TTL_MS = 30_000;
/** How long a copy waits for another instance's copy to finish. */
const WAIT_MS = 5_000;
const WAIT_POLL_MS = 20;

/** What a handled delivery leaves behind, when it is to be remembered. */
type Done = { state: 'done' };

type Delivery<R> = { status: 'processed'; result: R } | { status: 'duplicate' } | { status: 'busy' };

/**
 * Handles one delivery key at a time, across instances. Copies arriving in this process while one
 * is handled share its outcome. Otherwise the first copy claims the key in the store and a copy
 * on another instance waits for it. Afterwards the key is remembered for `rememberMs` (a later
 * copy is a `duplicate`, handled no further), or, at 0, only released: a later copy is then
 * handled afresh, which must be harmless (changes are monotonic and confirmed). A copy that
 * failed releases the claim too, so the sender's retry is handled afresh; a copy that waited in
 * vain for another instance answers `busy` (the sender retries later).
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
    const claimKey = `${key}:claim`;
    const owner = randomUUID();
    const done = () => this.store.get<Done>(key);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await done()) return { status: 'duplicate' };
      if (await this.store.claim(claimKey, owner, CLAIM_TTL_MS)) {
        try {
          const result = await handle();
          if (rememberMs > 0) await this.store.set<Done>(key, { state: 'done' }, { ttlMs: rememberMs });
          return { status: 'processed', result };
        } finally {
          await this.store.release(claimKey, owner);
        }
      }
      if (await awaitClaim(this.store, claimKey, done, { until: deadline, pollMs: WAIT_POLL_MS })) return { status: 'duplicate' };
      if (Date.now() >= deadline) return { status: 'busy' };
    }
  }
}
