import { randomUUID } from 'node:crypto';
import { awaitClaim } from '../store/await-claim.js';
import type { Store } from '../store/store.js';

/**
 * How long one confirmation answers for the same subject again. Long enough that a burst of
 * copies (however they differ) costs one or two upstream calls; short enough that a delivery that
 * truly follows a change is confirmed afresh soon (and the watchdog is asked to look meanwhile).
 */
export const CONFIRMATION_MEMORY_MS = 2_000;
/** A claim left by an instance that died mid-confirmation frees itself after this. */
const CLAIM_TTL_MS = 15_000;
/** How long an instance waits for another's confirmation before asking itself. */
const WAIT_MS = 10_000;
const WAIT_POLL_MS = 25;

/** Wrapped so that a remembered `null` ("not listed") is told apart from nothing remembered. */
interface Answer<T> {
  value: T;
}

/**
 * Single flight for the API calls that confirm webhook deliveries, keyed by what they confirm (an
 * avatar's status, an export of one customization): concurrent confirmations of one subject in
 * this process share one call; across instances a claim in the store does the same (the others
 * wait for its answer, and ask themselves only if it gives up); and the answer is remembered for
 * `CONFIRMATION_MEMORY_MS` in the store, so sequential copies reuse it. A failed call is not
 * remembered: the next delivery asks again.
 */
export class Confirmations {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly owner = randomUUID();

  /** @param shared whether other instances use the same store (claims only help then). */
  constructor(
    private readonly store: Store,
    private readonly shared: boolean,
  ) {}

  confirm<T>(key: string, ask: () => Promise<T>): Promise<T> {
    const joined = this.inFlight.get(key) as Promise<T> | undefined;
    if (joined) return joined;
    const flight = this.confirmOnce(key, ask);
    this.inFlight.set(key, flight);
    const forget = () => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    };
    flight.then(forget, forget);
    return flight;
  }

  private async confirmOnce<T>(key: string, ask: () => Promise<T>): Promise<T> {
    const answerKey = `${key}:answer`;
    const claimKey = `${key}:claim`;
    const remembered = await this.store.get<Answer<T>>(answerKey);
    if (remembered) return remembered.value;
    if (this.shared && !(await this.store.claim(claimKey, this.owner, CLAIM_TTL_MS))) {
      const elsewhere = await awaitClaim(this.store, claimKey, () => this.store.get<Answer<T>>(answerKey), {
        until: Date.now() + WAIT_MS,
        pollMs: WAIT_POLL_MS,
      });
      if (elsewhere) return elsewhere.value;
    }
    try {
      const value = await ask();
      await this.store.set<Answer<T>>(answerKey, { value }, { ttlMs: CONFIRMATION_MEMORY_MS });
      return value;
    } finally {
      if (this.shared) await this.store.release(claimKey, this.owner);
    }
  }
}
