import { randomUUID } from 'node:crypto';
import { awaitClaim } from '../store/await-claim.js';
import type { Store } from '../store/store.js';

/** What Render-it answered for one job; shared by every caller allowed to render it. */
export interface RenderResult {
  /** One URL for a still or an animation, one per frame for frames. */
  urls: string[];
  /** Animations only: frames in the APNG. */
  frameCount: number | null;
  /** When the URLs stop working (ms since the epoch). */
  expiresAt: number;
}

/** How often an instance waiting for another's render looks for its result. */
const WAIT_POLL_MS = 40;

/**
 * Finished renders in the shared store (Redis when configured, so every instance reuses them),
 * plus the renders this process has in flight, so concurrent operations asking for the same
 * render share one upstream call. Across instances a claim in the store plays the same part:
 * the instance holding it renders, the others wait for its result (and render themselves only
 * if it gives up).
 */
export class RenderCache {
  private readonly inFlight = new Map<string, Promise<RenderResult>>();
  /** Identifies this process's claims, so it never releases another instance's. */
  private readonly owner = randomUUID();

  /**
   * @param shared whether other instances use the same store. When not (one instance, memory
   * store), the in-flight map already dedupes and claims would only cost store round trips.
   */
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    private readonly shared = true,
  ) {}

  /** Claims the right to render `key` until `deadline` (ms since the epoch). */
  async claim(key: string, deadline: number): Promise<boolean> {
    if (!this.shared) return true;
    return this.store.claim(`claim:${key}`, this.owner, Math.max(1_000, deadline - Date.now()));
  }

  /** Gives a claim back once its render is stored (or failed), if this process still holds it. */
  async release(key: string): Promise<void> {
    if (!this.shared) return;
    await this.store.release(`claim:${key}`, this.owner);
  }

  /**
   * Waits for the render another instance claimed. Undefined when it gave up (its claim is gone
   * without a result) or the deadline passed: the caller then renders itself.
   */
  awaitElsewhere(key: string, deadline: number): Promise<RenderResult | undefined> {
    return awaitClaim(this.store, `claim:${key}`, () => this.get(key), { until: deadline, pollMs: WAIT_POLL_MS });
  }

  get(key: string): Promise<RenderResult | undefined> {
    return this.store.get<RenderResult>(key);
  }

  /** The render of `key` another operation of this process is waiting for, if any. */
  pending(key: string): Promise<RenderResult> | undefined {
    return this.inFlight.get(key);
  }

  /** Registers `render` as in flight for `key` until it settles; a success is then stored. */
  track(key: string, render: Promise<RenderResult>): Promise<RenderResult> {
    const stored = render.then(async (result) => {
      // A failed cache write only costs a later re-render; the render itself succeeded.
      await this.store.set(key, result, { ttlMs: this.ttlMs }).catch(() => false);
      return result;
    });
    this.inFlight.set(key, stored);
    const forget = () => {
      if (this.inFlight.get(key) === stored) this.inFlight.delete(key);
    };
    stored.then(forget, forget);
    return stored;
  }
}
