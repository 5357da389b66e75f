import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RedisSlidingWindowLimiter } from '../../../src/upstreams/admission/redis-sliding-window-limiter.js';
import { SlidingWindowLimiter } from '../../../src/upstreams/admission/sliding-window-limiter.js';
import { Admission } from '../../../src/upstreams/admission/admission.js';
import { FairQueue } from '../../../src/upstreams/admission/fair-queue.js';
import { deleteKeys, describeRedis, testRedis, uniquePrefix } from '../../helpers/redis.js';
import { maxInWindow } from '../../helpers/render-gateway.js';

/** Starts one acquire per entry of `users` (in that order) and records who is admitted, in order. */
function acquireAll(acquire: (user: string) => Promise<unknown>, users: string[]) {
  const order: string[] = [];
  const grants: number[] = [];
  const done = Promise.all(
    users.map((user) =>
      acquire(user).then(() => {
        order.push(user);
        grants.push(Date.now());
      }),
    ),
  );
  return { order, grants, done };
}

describe('FairQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('serves users round-robin, each in FIFO order', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, guardMs: 0 });
    const queue = new FairQueue(() => limiter.acquire());
    const served: string[] = [];
    const calls = ['a1', 'a2', 'a3', 'b1', 'c1', 'b2'].map((name) => queue.acquire(name[0]!).then(() => served.push(name)));
    await vi.runAllTimersAsync();
    await Promise.all(calls);
    expect(served).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('puts a user arriving during a flood right after the call being admitted, and keeps the TPS window', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 10, guardMs: 0 });
    const queue = new FairQueue(() => limiter.acquire());
    const { order, grants, done } = acquireAll((user) => queue.acquire(user), Array.from({ length: 80 }, () => 'flooder'));
    await vi.advanceTimersByTimeAsync(1500);
    const arrivedAt = order.length;
    const other = queue.acquire('other').then(() => {
      order.push('other');
      grants.push(Date.now());
    });
    await vi.advanceTimersByTimeAsync(1000);
    await other;
    // At most the flooder's call already being admitted went first: about one slot, not 60.
    expect(order.indexOf('other') - arrivedAt).toBeLessThanOrEqual(1);
    await vi.runAllTimersAsync();
    await done;
    expect(order).toHaveLength(81);
    expect(maxInWindow(grants)).toBe(10);
  });

  it('drops a waiter aborted in its queue and rejects it with the reason; the others go on', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, guardMs: 0 });
    const queue = new FairQueue(() => limiter.acquire());
    const served: string[] = [];
    await queue.acquire('a');
    // a2 is being admitted (waiting for the window); b and c wait for their turn behind it.
    const a2 = queue.acquire('a').then(() => served.push('a2'));
    const controller = new AbortController();
    const aborted = queue.acquire('b', controller.signal);
    const c = queue.acquire('c').then(() => served.push('c'));
    controller.abort(new Error('client went away'));
    await expect(aborted).rejects.toThrow('client went away');
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all([a2, c]);
    expect(served).toEqual(['a2', 'c']);
    await expect(queue.acquire('b', controller.signal)).rejects.toThrow('client went away');
  });

  it("passes a waiter's signal to `admit` and rejects with admit's error, then serves the next", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, guardMs: 0 });
    const queue = new FairQueue((signal) => limiter.acquire(signal));
    await queue.acquire('a');
    const controller = new AbortController();
    const waiting = queue.acquire('a', controller.signal);
    const next = queue.acquire('b');
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    await vi.advanceTimersByTimeAsync(1000);
    await expect(next).resolves.toBeUndefined();
  });
});

describe('Admission', () => {
  it('holds at most `maxConcurrent` attempts, giving a freed connection to the next user in turn', async () => {
    const admission = new Admission({ maxConcurrent: 2 });
    const releases = await Promise.all([admission.enter('a'), admission.enter('a')]);
    const served: string[] = [];
    const waiting = ['a', 'a', 'b'].map((user) => admission.enter(user).then((release) => (served.push(user), release)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(served).toEqual([]);
    releases[0]!();
    releases[0]!(); // a second release of the same attempt gives nothing back
    await new Promise((resolve) => setImmediate(resolve));
    expect(served).toEqual(['a']);
    releases[1]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(served).toEqual(['a', 'b']);
    (await waiting[0]!)();
    await Promise.all(waiting);
    expect(served).toEqual(['a', 'b', 'a']);
  });

  it('gives the connection back when the limiter refuses', async () => {
    const admission = new Admission({ maxConcurrent: 1, limiter: { acquire: () => Promise.reject(new Error('limiter closed')) } });
    await expect(admission.enter('a')).rejects.toThrow('limiter closed');
    await expect(admission.enter('a')).rejects.toThrow('limiter closed');
  });
});

describeRedis('FairQueue in front of the Redis TPS window', () => {
  const prefix = uniquePrefix('fair-tps');
  let redis: Redis;
  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it("serves another user's call within a few slots while one user floods, within the limit", async () => {
    const limiter = new RedisSlidingWindowLimiter({ redis, key: `${prefix}tps`, limit: 10, guardMs: 0 });
    const grants: number[] = [];
    const original = limiter.tryAcquire.bind(limiter);
    vi.spyOn(limiter, 'tryAcquire').mockImplementation(async () => {
      const attempt = await original();
      if (attempt.granted) grants.push(attempt.at);
      return attempt;
    });
    const queue = new FairQueue((signal) => limiter.acquire(signal));
    const flood = Promise.all(Array.from({ length: 30 }, () => queue.acquire('flooder')));
    await vi.waitFor(() => expect(grants.length).toBeGreaterThanOrEqual(10));
    const before = grants.length;
    await queue.acquire('other');
    // The other user's grant is the last recorded; at most one flooder call was granted before it.
    expect(grants.length - before - 1).toBeLessThanOrEqual(1);
    await flood;
    expect(maxInWindow(grants)).toBeLessThanOrEqual(10);
  });
});
