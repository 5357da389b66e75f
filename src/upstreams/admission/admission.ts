import { FairQueue } from './fair-queue.js';
import type { RateLimiter } from './rate-limiter.js';

/** The queue of calls made for no user in particular (the ZEPETO login poller, scripts). */
const NO_USER = '';

/** Gives back the connection an admitted attempt holds; idempotent. */
export type Release = () => void;

/**
 * Connections of the pool an attempt may hold. Only the fair queue's one admission in progress
 * ever waits here, so one sleeper is all it keeps.
 */
class Permits {
  private sleeper: (() => void) | undefined;

  constructor(private free: number) {}

  take(signal: AbortSignal | undefined): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.sleeper = undefined;
        reject(signal!.reason);
      };
      this.sleeper = () => {
        signal?.removeEventListener('abort', onAbort);
        this.sleeper = undefined;
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  give(): void {
    if (this.sleeper) this.sleeper();
    else this.free++;
  }
}

export interface AdmissionOptions {
  /** Attempts in flight at once (the pool's connections). @default unlimited */
  maxConcurrent?: number;
  /** Taken once a connection is free, so granted calls never queue in the pool and leave in a burst. */
  limiter?: RateLimiter;
}

/**
 * Admission of every upstream attempt: a free connection, then a slot of the rate limiter, in
 * fair turns between users (see FairQueue). Without it a FIFO gate lets one user's flood of
 * queued calls make everyone else's single call wait behind all of them.
 */
export class Admission {
  private readonly permits: Permits | undefined;
  private readonly queue: FairQueue<Release>;

  constructor(options: AdmissionOptions) {
    const { limiter } = options;
    const permits = options.maxConcurrent ? new Permits(options.maxConcurrent) : undefined;
    this.permits = permits;
    this.queue = new FairQueue(async (signal) => {
      await permits?.take(signal);
      try {
        await limiter?.acquire(signal);
      } catch (err) {
        permits?.give();
        throw err;
      }
      let held = permits !== undefined;
      return () => {
        if (held) permits!.give();
        held = false;
      };
    });
  }

  /** Waits for `user`'s turn, a connection and a TPS slot; the attempt then calls the release. */
  enter(user: string | undefined, signal?: AbortSignal): Promise<Release> {
    return this.queue.acquire(user ?? NO_USER, signal);
  }
}
