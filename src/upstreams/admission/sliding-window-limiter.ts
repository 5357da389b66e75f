import type { RateLimiter } from './rate-limiter.js';

export interface SlidingWindowOptions {
  /** Calls admitted in any window of `windowMs`. */
  limit: number;
  /** @default 1000 */
  windowMs?: number;
  /**
   * Added to the window. A grant here is a request arriving upstream a few ms later, and that
   * delay varies; the margin keeps the upstream's own one-second window from seeing `limit + 1`.
   * @default 50
   */
  guardMs?: number;
  /** @default performance.now (monotonic: a wall-clock step cannot empty the window; read at each use, so fake timers apply) */
  now?: () => number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * One-process TPS limiter: a sliding log of the last `limit` grant times. A call is admitted
 * only when fewer than `limit` grants lie in the window ending now, so unlike a token bucket it
 * never bursts past the limit at a window edge. Waiters are served first come, first served.
 */
export class SlidingWindowLimiter implements RateLimiter {
  private readonly limit: number;
  private readonly spanMs: number;
  private readonly now: () => number;
  /** Grant times, oldest first; never longer than `limit`. */
  private readonly grants: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(options: SlidingWindowOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`limit must be a whole number >= 1, got ${options.limit}`);
    this.limit = options.limit;
    this.spanMs = (options.windowMs ?? 1000) + (options.guardMs ?? 50);
    this.now = options.now ?? (() => performance.now());
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new Error('rate limiter closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiters.length === 0 && this.tryGrant()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.remove(waiter);
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  /** Rejects every waiter; later acquires fail. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(new Error('rate limiter closed'));
    }
  }

  private tryGrant(): boolean {
    const now = this.now();
    // A grant exactly `spanMs` ago has left the window, matching how Render-it's sandbox counts.
    while (this.grants.length > 0 && this.grants[0]! <= now - this.spanMs) this.grants.shift();
    if (this.grants.length >= this.limit) return false;
    this.grants.push(now);
    return true;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiters.length === 0) return;
    const wait = Math.max(0, this.grants[0]! + this.spanMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, wait);
    this.timer.unref?.();
  }

  private drain(): void {
    while (this.waiters.length > 0 && this.tryGrant()) {
      const waiter = this.waiters.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.schedule();
  }

  private remove(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}
