import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BudgetExceededError, RateLimitedError } from '../../src/errors/app-error.js';
import { RenderBudget } from '../../src/limits/render-budget.js';
import { UserLimiter } from '../../src/limits/user-limiter.js';
import { deleteKeys, describeRedis, freePort, startRedisServer, testRedis, uniquePrefix } from '../helpers/redis.js';

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err);

describe('UserLimiter (memory)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits `points` per user per window, then refuses with when to retry, other users unaffected', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limiter = new UserLimiter({ name: 'test', points: 3, durationSeconds: 60, message: 'Too many' });
    for (let i = 0; i < 3; i++) await limiter.consume('alice');
    vi.advanceTimersByTime(20_000);
    const refused = await refusal(limiter.consume('alice'));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 40, details: { retryAfterSeconds: 40 } });
    expect((refused as Error).message).toBe('Too many; retry in 40 s');
    await expect(limiter.consume('bob')).resolves.toBeUndefined();
    // The window is over: alice has her points again.
    vi.advanceTimersByTime(40_000);
    await expect(limiter.consume('alice')).resolves.toBeUndefined();
  });

  it('does not count refused points: a refused large request leaves room for a small one', async () => {
    const limiter = new UserLimiter({ name: 'test', points: 10, durationSeconds: 60, message: 'Spent' });
    await limiter.consume('alice', 6);
    expect(await refusal(limiter.consume('alice', 5))).toBeInstanceOf(RateLimitedError);
    await expect(limiter.consume('alice', 4)).resolves.toBeUndefined();
    expect(await refusal(limiter.consume('alice', 1))).toBeInstanceOf(RateLimitedError);
  });

  it('refunds what was not spent and charges what was spent over a reservation', async () => {
    const limiter = new UserLimiter({ name: 'test', points: 10, durationSeconds: 60, message: 'Spent' });
    await limiter.consume('alice', 8);
    await limiter.refund('alice', 5);
    await limiter.consume('alice', 7);
    expect(await refusal(limiter.consume('alice', 1))).toBeInstanceOf(RateLimitedError);
    await limiter.refund('alice', 3);
    await limiter.refund('alice', -2);
    await expect(limiter.consume('alice', 1)).resolves.toBeUndefined();
    expect(await refusal(limiter.consume('alice', 1))).toBeInstanceOf(RateLimitedError);
  });
});

describe('RenderBudget', () => {
  it('counts fractional units exactly (thousandths), and settles reservations to what was billed', async () => {
    const budget = new RenderBudget({ units: 2, windowSeconds: 3600 });
    // Eight W240 images cost 8 x 0.375 = 3 units: a reservation of 3 never fits a budget of 2.
    expect(await refusal(budget.reserve('alice', 3))).toBeInstanceOf(BudgetExceededError);
    await budget.reserve('alice', 0.375 * 4);
    await budget.settle('alice', 1.5, 0.375);
    // 0.375 spent: 1.625 left, not a thousandth less.
    await budget.reserve('alice', 1.625);
    const refused = await refusal(budget.reserve('alice', 0.25));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as Error).message).toMatch(/^Render budget of 2 units per hour spent; retry in \d+ s$/);
  });
});

describeRedis('UserLimiter (Redis)', () => {
  const prefix = uniquePrefix('user-limiter');
  let one: Redis;
  let two: Redis;
  beforeAll(async () => {
    one = testRedis();
    two = testRedis();
    await Promise.all([one.ping(), two.ping()]);
  });
  afterAll(async () => {
    await deleteKeys(one, prefix);
    await Promise.all([one.quit(), two.quit()]);
  });

  it('shares one count between instances, under REDIS_PREFIX, with the window in the key TTL', async () => {
    const options = { name: 'shared', points: 4, durationSeconds: 60, message: 'Too many', prefix };
    const a = new UserLimiter({ ...options, redis: one });
    const b = new UserLimiter({ ...options, redis: two });
    await a.consume('alice', 2);
    await b.consume('alice', 2);
    const refused = await refusal(a.consume('alice'));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(55);
    expect(await one.get(`${prefix}limit:shared:alice`)).toBe('4');
    expect(await one.pttl(`${prefix}limit:shared:alice`)).toBeGreaterThan(55_000);
    await b.refund('alice', 1);
    await expect(a.consume('alice')).resolves.toBeUndefined();
  });

  it('keeps limiting per instance in memory while Redis is away, answering within its timeout', async () => {
    const server = await startRedisServer(await freePort());
    const client = testRedis(server.url);
    await client.ping();
    try {
      const limiter = new UserLimiter({ name: 'away', points: 2, durationSeconds: 60, message: 'Too many', prefix, redis: client });
      await limiter.consume('alice');
      expect(await client.get(`${prefix}limit:away:alice`)).toBe('1');
      await server.kill();
      await vi.waitFor(() => expect(client.status).not.toBe('ready'));
      // The insurance limiter starts empty: this instance admits a full window on its own, then refuses.
      const timed = async (promise: Promise<unknown>) => {
        const started = Date.now();
        const outcome = await refusal(promise);
        expect(Date.now() - started).toBeLessThan(1_000);
        return outcome;
      };
      expect(await timed(limiter.consume('alice'))).toBeUndefined();
      expect(await timed(limiter.consume('alice'))).toBeUndefined();
      expect(await timed(limiter.consume('alice'))).toBeInstanceOf(RateLimitedError);
    } finally {
      client.disconnect();
      await server.kill();
    }
  });
});
