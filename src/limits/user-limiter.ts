import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors/app-error.js';

export interface UserLimiterOptions {
  /** Names the limit in its keys, e.g. `avatar-create`. */
  name: string;
  /** Points one user may spend per window (whole numbers: rate-limiter-flexible counts integers). */
  points: number;
  durationSeconds: number;
  /** First words of the RATE_LIMITED message, e.g. `Too many avatars created`. */
  message: string;
  /** Shared by every instance when given (keys under `prefix`). */
  redis?: Redis;
  /** REDIS_PREFIX. @default 'ag:' */
  prefix?: string;
}

/** A Redis answer slower than this counts as Redis being away (it takes a few ms when healthy). */
const REDIS_TIMEOUT_MS = 300;

/**
 * Points per user per window, counted by rate-limiter-flexible (in Redis when configured, else in
 * memory). Its window is fixed per user: it opens at the user's first point and lasts
 * `durationSeconds`, so no span of that length ever holds more than twice `points`.
 *
 * Redis away (an error, or no answer within REDIS_TIMEOUT_MS): each instance goes on counting in
 * memory, with the same limits (rate-limiter-flexible's insurance limiter). Limits keep holding
 * per instance, so N instances admit at most N times a limit while Redis is down, and a limiter
 * outage never refuses service by itself. Chosen over failing closed because every path it
 * guards already fails on its own without Redis where it must (the store, the shared TPS
 * window): a limit must neither add an outage nor let a user go unlimited. Commands sent while
 * the connection is still opening wait for it (ioredis' offline queue), so a start-up or a
 * reconnect does not hand out fresh in-memory windows.
 */
export class UserLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(readonly options: UserLimiterOptions) {
    if (!Number.isInteger(options.points) || options.points < 1) throw new RangeError(`points must be a whole number >= 1, got ${options.points}`);
    const base = { points: options.points, duration: options.durationSeconds, keyPrefix: `${options.prefix ?? 'ag:'}limit:${options.name}` };
    const memory = new RateLimiterMemory(base);
    this.limiter = options.redis
      ? new RLWrapperTimeouts({
          limiter: new RateLimiterRedis({ ...base, storeClient: options.redis, insuranceLimiter: memory }),
          timeoutMs: REDIS_TIMEOUT_MS,
          insuranceLimiter: memory,
        })
      : memory;
  }

  /** Takes `points` from `user`'s window, or throws RATE_LIMITED (nothing taken) with when to retry. */
  async consume(user: string, points = 1): Promise<void> {
    try {
      await this.limiter.consume(user, points);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      // rate-limiter-flexible counts refused points too: give them back, a refused request costs nothing.
      await this.limiter.reward(user, points).catch(() => undefined);
      throw new RateLimitedError(this.options.message, Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    }
  }

  /**
   * Gives `points` back (negative: takes more, without refusing: what was billed is spent).
   * A refund landing after the window closed credits the next one; it is at most one
   * reservation, so the bound above barely moves.
   */
  async refund(user: string, points: number): Promise<void> {
    if (points > 0) await this.limiter.reward(user, points);
    else if (points < 0) await this.limiter.penalty(user, -points);
  }
}
