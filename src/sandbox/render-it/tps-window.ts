/**
 * The workspace's TPS limit: a sliding window over the calls admitted in the last `windowMs`.
 * Rejected calls are not recorded, so a client that keeps retrying gets in as soon as a slot frees.
 */
export class TpsWindow {
  /** Admission times, oldest first; never longer than `limit`. */
  private readonly admitted: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs = 1000,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`tps must be a whole number >= 1, got ${limit}`);
  }

  /** Admits a call at `at`, or answers how many ms until the oldest admitted call leaves the window. */
  tryAdmit(at: number): { admitted: true } | { admitted: false; retryAfterMs: number } {
    while (this.admitted.length > 0 && this.admitted[0]! <= at - this.windowMs) this.admitted.shift();
    if (this.admitted.length >= this.limit) {
      return { admitted: false, retryAfterMs: this.admitted[0]! + this.windowMs - at };
    }
    this.admitted.push(at);
    return { admitted: true };
  }

  /** Calls admitted in the window ending at `at`. */
  inWindow(at: number): number {
    return this.admitted.filter((t) => t > at - this.windowMs).length;
  }
}
