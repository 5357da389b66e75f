import { describe, expect, it, vi } from 'vitest';
import {
  UpstreamAbortedError,
  UpstreamBadRequestError,
  UpstreamRateLimitedError,
  UpstreamServerError,
} from '../../src/upstreams/errors.js';
import { backoffDelay, withRetry } from '../../src/upstreams/retry.js';

const serverError = () => new UpstreamServerError('render-it', 500, undefined);

/** A clock that only moves when the retry loop sleeps. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('backoffDelay', () => {
  it('draws from [0, min(cap, base * 2^attempt)] (full jitter)', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    const top = () => 0.999999;
    expect(backoffDelay(0, policy, top)).toBe(99);
    expect(backoffDelay(1, policy, top)).toBe(199);
    expect(backoffDelay(3, policy, top)).toBe(799);
    expect(backoffDelay(4, policy, top)).toBe(999);
    expect(backoffDelay(20, policy, top)).toBe(999);
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
  });

  it('stays inside the window for any random draw', () => {
    const policy = { baseDelayMs: 50, maxDelayMs: 2000 };
    for (let attempt = 0; attempt < 10; attempt++) {
      for (let i = 0; i < 200; i++) {
        const d = backoffDelay(attempt, policy, Math.random);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(2000, 50 * 2 ** attempt));
      }
    }
  });
});

describe('withRetry', () => {
  it('retries retryable errors of idempotent calls until success', async () => {
    const t = fakeTime();
    const fn = vi.fn().mockRejectedValueOnce(serverError()).mockRejectedValueOnce(serverError()).mockResolvedValue('ok');
    await expect(withRetry(fn, { idempotent: true, maxAttempts: 3, baseDelayMs: 100, random: () => 0.5, ...t })).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(3);
    expect(t.sleeps).toEqual([50, 100]);
  });

  it('gives up with the last error when attempts run out', async () => {
    const t = fakeTime();
    const last = serverError();
    const fn = vi.fn().mockRejectedValueOnce(serverError()).mockRejectedValueOnce(last);
    await expect(withRetry(fn, { idempotent: true, maxAttempts: 2, ...t })).rejects.toBe(last);
  });

  it('never retries a non-retryable error', async () => {
    const fn = vi.fn().mockRejectedValue(new UpstreamBadRequestError('render-it', 400, undefined));
    await expect(withRetry(fn, { idempotent: true, ...fakeTime() })).rejects.toBeInstanceOf(UpstreamBadRequestError);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('does not retry a non-idempotent call on 500, but does on 429 (not processed)', async () => {
    const fn500 = vi.fn().mockRejectedValue(serverError());
    await expect(withRetry(fn500, { idempotent: false, ...fakeTime() })).rejects.toBeInstanceOf(UpstreamServerError);
    expect(fn500).toHaveBeenCalledTimes(1);

    const fn429 = vi.fn().mockRejectedValueOnce(new UpstreamRateLimitedError('avaturn', 10)).mockResolvedValue('ok');
    await expect(withRetry(fn429, { idempotent: false, ...fakeTime() })).resolves.toBe('ok');
  });

  it('never retries a streamed body, whatever the error', async () => {
    const fn = vi.fn().mockRejectedValue(new UpstreamRateLimitedError('avaturn', 0));
    await expect(withRetry(fn, { idempotent: true, streamedBody: true, ...fakeTime() })).rejects.toBeInstanceOf(
      UpstreamRateLimitedError,
    );
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('waits at least Retry-After, even when the jitter draws less', async () => {
    const t = fakeTime();
    const fn = vi.fn().mockRejectedValueOnce(new UpstreamRateLimitedError('render-it', 2500)).mockResolvedValue('ok');
    await withRetry(fn, { idempotent: true, random: () => 0, ...t });
    expect(t.sleeps).toEqual([2500]);
  });

  it('keeps the jitter when it is longer than Retry-After', async () => {
    const t = fakeTime();
    const fn = vi.fn().mockRejectedValueOnce(new UpstreamRateLimitedError('render-it', 10)).mockResolvedValue('ok');
    await withRetry(fn, { idempotent: true, baseDelayMs: 1000, random: () => 0.5, ...t });
    expect(t.sleeps).toEqual([500]);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs', async () => {
    const t = fakeTime();
    const err = new UpstreamRateLimitedError('render-it', 3_600_000);
    await expect(withRetry(vi.fn().mockRejectedValue(err), { idempotent: true, ...t })).rejects.toBe(err);
    expect(t.sleeps).toEqual([]);
  });

  it('never sleeps past the deadline: gives up with the last error instead', async () => {
    const t = fakeTime();
    const deadline = t.now() + 1000;
    const fn = vi.fn().mockRejectedValue(serverError());
    await expect(
      withRetry(fn, { idempotent: true, maxAttempts: 10, baseDelayMs: 400, maxDelayMs: 400, random: () => 0.999, deadline, ...t }),
    ).rejects.toBeInstanceOf(UpstreamServerError);
    // 399 + 399 = 798 fits; a third wait would end at 1197 > deadline.
    expect(t.sleeps).toEqual([399, 399]);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(t.now()).toBeLessThanOrEqual(deadline);
  });

  it('gives up at once when Retry-After ends past the deadline', async () => {
    const t = fakeTime();
    const err = new UpstreamRateLimitedError('render-it', 5000);
    const fn = vi.fn().mockRejectedValue(err);
    await expect(withRetry(fn, { idempotent: true, deadline: t.now() + 2000, ...t })).rejects.toBe(err);
    expect(t.sleeps).toEqual([]);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const fn = vi.fn().mockRejectedValue(serverError());
    const run = withRetry(fn, { idempotent: true, baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toBeInstanceOf(UpstreamAbortedError);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('rethrows foreign errors untouched', async () => {
    const bug = new TypeError('bug');
    await expect(withRetry(vi.fn().mockRejectedValue(bug), { idempotent: true })).rejects.toBe(bug);
  });
});
