import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import { RedisSlidingWindowLimiter, type AcquireAttempt } from '../../../src/upstreams/admission/redis-sliding-window-limiter.js';
import { deleteKeys, describeRedis, testRedis, uniquePrefix } from '../../helpers/redis.js';
import { maxInWindow } from '../../helpers/render-gateway.js';

describeRedis('RedisSlidingWindowLimiter', () => {
  const prefix = uniquePrefix('render-tps');
  let one: Redis;
  let two: Redis;

  beforeAll(() => {
    one = testRedis();
    two = testRedis();
  });
  afterAll(async () => {
    await deleteKeys(one, prefix);
    await Promise.all([one.quit(), two.quit()]);
  });

  /** Grant times on Redis's clock, from the limiter's own attempts. */
  function recordGrants(limiter: RedisSlidingWindowLimiter, grants: number[]) {
    const original = limiter.tryAcquire.bind(limiter);
    vi.spyOn(limiter, 'tryAcquire').mockImplementation(async () => {
      const attempt: AcquireAttempt = await original();
      if (attempt.granted) grants.push(attempt.at);
      return attempt;
    });
  }

  it('keeps two instances sharing a key within the limit in every sliding second', async () => {
    const key = `${prefix}shared`;
    const a = new RedisSlidingWindowLimiter({ redis: one, key, limit: 10, guardMs: 0 });
    const b = new RedisSlidingWindowLimiter({ redis: two, key, limit: 10, guardMs: 0 });
    const grants: number[] = [];
    recordGrants(a, grants);
    recordGrants(b, grants);
    const started = Date.now();
    await Promise.all(Array.from({ length: 25 }, (_, i) => (i % 2 ? a : b).acquire()));
    expect(grants).toHaveLength(25);
    expect(maxInWindow(grants)).toBe(10);
    // 25 calls at 10 per second need two full windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('answers how long to wait when full, and keeps keys apart', async () => {
    const full = new RedisSlidingWindowLimiter({ redis: one, key: `${prefix}full`, limit: 2, guardMs: 0 });
    const other = new RedisSlidingWindowLimiter({ redis: one, key: `${prefix}other`, limit: 2, guardMs: 0 });
    expect((await full.tryAcquire()).granted).toBe(true);
    expect((await full.tryAcquire()).granted).toBe(true);
    const refused = await full.tryAcquire();
    expect(refused.granted).toBe(false);
    if (!refused.granted) expect(refused.waitMs).toBeGreaterThan(900);
    expect((await other.tryAcquire()).granted).toBe(true);
  });

  it('stops waiting when the signal aborts', async () => {
    const limiter = new RedisSlidingWindowLimiter({ redis: one, key: `${prefix}abort`, limit: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    setTimeout(() => controller.abort(new Error('deadline')), 50);
    await expect(waiting).rejects.toThrow('deadline');
  });
});
