import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlidingWindowLimiter } from '../../../src/upstreams/admission/sliding-window-limiter.js';
import { maxInWindow } from '../../helpers/render-gateway.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `count` acquires and records the fake time each is granted. */
function acquireAll(limiter: SlidingWindowLimiter, count: number, signal?: AbortSignal) {
  const grants: number[] = [];
  const done = Promise.all(
    Array.from({ length: count }, () => limiter.acquire(signal).then(() => grants.push(Date.now()))),
  );
  return { grants, done };
}

describe('SlidingWindowLimiter', () => {
  it('admits `limit` calls at once and the next only when the first leaves the window (plus guard)', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 3, guardMs: 50 });
    const { grants, done } = acquireAll(limiter, 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(grants).toEqual([1_000_000, 1_000_000, 1_000_000]);
    await vi.advanceTimersByTimeAsync(1049);
    expect(grants).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(grants[3]).toBe(1_001_050);
  });

  it('never lets any sliding second hold more than `limit`, unlike a token bucket at a window edge', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 5, guardMs: 0 });
    const grants: number[] = [];
    const pending: Promise<unknown>[] = [];
    // Bursts of 8 straddling each whole second: where a bucket of 5 admits 5 before the edge and 5 after.
    for (let second = 1; second <= 5; second++) {
      for (let k = 0; k < 8; k++) {
        vi.setSystemTime(1_000_000 + second * 1000 - 8 + 2 * k);
        pending.push(limiter.acquire().then(() => grants.push(Date.now())));
        await vi.advanceTimersByTimeAsync(0);
      }
      vi.setSystemTime(1_000_000 + second * 1000 + 500);
      await vi.advanceTimersByTimeAsync(0);
    }
    await vi.runAllTimersAsync();
    await Promise.all(pending);
    expect(grants.length).toBe(pending.length);
    expect(maxInWindow(grants)).toBe(5);
  });

  it('serves waiters first come, first served', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, guardMs: 0 });
    const order: number[] = [];
    const all = [1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n)));
    await vi.runAllTimersAsync();
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3]);
  });

  it('rejects an aborted waiter and gives its turn to the next', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, guardMs: 0 });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error('client went away'));
    await expect(aborted).rejects.toThrow('client went away');
    await vi.advanceTimersByTimeAsync(1000);
    await expect(next).resolves.toBeUndefined();
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('client went away');
  });

  it('rejects waiters on close', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1 });
    await limiter.acquire();
    const waiting = limiter.acquire();
    limiter.close();
    await expect(waiting).rejects.toThrow('closed');
    await expect(limiter.acquire()).rejects.toThrow('closed');
  });

  it('refuses a limit below 1', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0 })).toThrow(RangeError);
  });
});
