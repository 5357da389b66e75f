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

/**
 * Finished renders in the shared store (Redis when configured, so every instance reuses them),
 * plus the renders this process has in flight, so concurrent operations asking for the same
 * render share one upstream call. Across instances, `RenderClaims` plays the same part.
 */
export class RenderCache {
  private readonly inFlight = new Map<string, Promise<RenderResult>>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

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
