/**
 * Admission before each upstream attempt (retries included). Implementations wait until the
 * upstream's rate allows one more call, and reject when `signal` aborts.
 */
export interface RateLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
}
