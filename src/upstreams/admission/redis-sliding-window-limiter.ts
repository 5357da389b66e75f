import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { RateLimiter } from './rate-limiter.js';

/**
 * Sliding log in one sorted set (score = grant time in ms), checked and written atomically.
 * The clock is Redis's own TIME, so instances with skewed clocks still share one window.
 * KEYS[1] the log; ARGV: span ms, limit, unique member. Returns {1, grantedAt} or {0, waitMs}.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local span = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], span * 2)
  return {1, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + span - now}`;

export interface RedisSlidingWindowOptions {
  redis: Redis;
  /** The sorted set's key; every instance calling the same upstream account must use the same one. */
  key: string;
  limit: number;
  /** @default 1000 */
  windowMs?: number;
  /** Margin added to the window for network jitter (see SlidingWindowLimiter). @default 50 */
  guardMs?: number;
  /** Waits between tries; instances race for a freed slot, so jitter spreads them out. @default 10 */
  jitterMs?: number;
}

export type AcquireAttempt = { granted: true; at: number } | { granted: false; waitMs: number };

/** The TPS limiter shared by every instance through Redis (used when `REDIS_URL` is set). */
export class RedisSlidingWindowLimiter implements RateLimiter {
  private readonly spanMs: number;
  private readonly jitterMs: number;

  constructor(private readonly options: RedisSlidingWindowOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`limit must be a whole number >= 1, got ${options.limit}`);
    this.spanMs = (options.windowMs ?? 1000) + (options.guardMs ?? 50);
    this.jitterMs = options.jitterMs ?? 10;
  }

  /** One atomic try: a slot now (with its grant time on Redis's clock), or how long until one frees. */
  async tryAcquire(): Promise<AcquireAttempt> {
    const [granted, value] = (await this.options.redis.eval(
      ACQUIRE,
      1,
      this.options.key,
      String(this.spanMs),
      String(this.options.limit),
      randomUUID(),
    )) as [number, number];
    return granted === 1 ? { granted: true, at: value } : { granted: false, waitMs: Math.max(1, value) };
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const attempt = await this.tryAcquire();
      if (attempt.granted) return;
      // Rethrow the signal's own reason (the deadline), not the timer's AbortError.
      await delay(attempt.waitMs + Math.floor(Math.random() * this.jitterMs), undefined, { signal }).catch((err: unknown) => {
        throw signal?.aborted ? signal.reason : err;
      });
    }
  }
}
