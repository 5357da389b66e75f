import { setTimeout as delay } from 'node:timers/promises';
import { UpstreamAbortedError, UpstreamError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. @default 3 */
  maxAttempts: number;
  /** Backoff base: attempt n waits up to `baseDelayMs * 2^n`. @default 200 */
  baseDelayMs: number;
  /** Cap of the backoff window. @default 5000 */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is returned at once. @default 30000 */
  maxRetryAfterMs: number;
}

const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};

/** Seams for tests: randomness, time and waiting. */
export interface RetryHooks {
  /** Uniform in [0, 1). @default Math.random */
  random?: () => number;
  /** Waits `ms`, rejecting when `signal` aborts. @default timers/promises setTimeout */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** @default Date.now */
  now?: () => number;
}

export interface RetryOptions extends Partial<RetryPolicy>, RetryHooks {
  /** Repeating the call has the effect of doing it once. Without it only errors proving the request was not processed (429) are retried. */
  idempotent: boolean;
  /** The request body was a stream: it is gone after the first attempt, so nothing is retried. */
  streamedBody?: boolean;
  /** Absolute time (ms since the epoch): no wait ends past it. */
  deadline?: number;
  /** Aborts waiting between attempts. */
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: UpstreamError }) => void;
}

/** Full jitter: uniform in [0, min(maxDelayMs, baseDelayMs * 2^attempt)]. `attempt` counts from 0. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * window);
}

/** Whether `error` may be retried under `options` (ignoring attempts and time). */
function isRetryable(error: unknown, options: Pick<RetryOptions, 'idempotent' | 'streamedBody'>): error is UpstreamError {
  if (!(error instanceof UpstreamError) || !error.retryable || options.streamedBody) return false;
  return options.idempotent || error.notProcessed;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal });

/**
 * Runs `attempt` until it succeeds, a non-retryable error occurs, attempts run out, or the next
 * wait would end past the deadline; then the last error is thrown. Waits use full-jitter
 * exponential backoff and are never shorter than the upstream's `Retry-After`.
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs,
  };
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;

  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isRetryable(error, options) || n + 1 >= policy.maxAttempts) throw error;
      const retryAfter = error.retryAfterMs ?? 0;
      if (retryAfter > policy.maxRetryAfterMs) throw error;
      const delayMs = Math.max(backoffDelay(n, policy, random), retryAfter);
      if (options.deadline !== undefined && now() + delayMs >= options.deadline) throw error;
      if (options.signal?.aborted) throw new UpstreamAbortedError(error.upstream, options.signal.reason);
      options.onRetry?.({ attempt: n, delayMs, error });
      try {
        await sleep(delayMs, options.signal);
      } catch (sleepError) {
        throw new UpstreamAbortedError(error.upstream, sleepError);
      }
    }
  }
}
