import { randomUUID } from 'node:crypto';
import { awaitClaim } from '../store/await-claim.js';
import type { Store } from '../store/store.js';
import type { RenderCache, RenderResult } from './render-cache.js';

/** How often an instance waiting for another's render looks for its result. */
const WAIT_POLL_MS = 40;

/** A render some batch must make: its cache key, and its result once it is in the cache. */
interface Claimable {
  key: string;
  result: Promise<unknown>;
}

/**
 * Which instance renders a job that several ask for at once: the one holding its claim in the
 * shared store renders it, the others wait for its result in the cache (and render it themselves
 * only if it gives up). Without other instances (memory store) every claim is granted at once:
 * the cache's in-flight map already dedupes, and claims would only cost store round trips.
 */
export class RenderClaims {
  /** Identifies this process's claims. */
  private readonly owner = randomUUID();

  /** @param shared whether other instances use the same store. */
  constructor(
    private readonly store: Store,
    private readonly cache: RenderCache,
    private readonly shared: boolean,
  ) {}

  /**
   * Claims each render until `deadline` (ms since the epoch): `mine` are this process's to
   * render (each claim is given back once its result is stored, or failed), `elsewhere` another
   * instance holds. A store that is away must not stop rendering: then every render is `mine`.
   */
  async claim<R extends Claimable>(renders: readonly R[], deadline: number): Promise<{ mine: R[]; elsewhere: R[] }> {
    const ttlMs = Math.max(1_000, deadline - Date.now());
    const claimed = await Promise.all(
      renders.map((render) => (this.shared ? this.store.claim(claimKey(render.key), this.owner, ttlMs).catch(() => true) : true)),
    );
    const mine = renders.filter((_render, i) => claimed[i]);
    for (const render of mine) {
      const release = () => (this.shared ? this.store.release(claimKey(render.key), this.owner).catch(() => false) : undefined);
      render.result.then(release, release);
    }
    return { mine, elsewhere: renders.filter((_render, i) => !claimed[i]) };
  }

  /**
   * The result of a render another instance claimed. Undefined when it gave up (its claim is
   * gone without a result) or the deadline passed: the caller then renders it itself.
   */
  awaitElsewhere(key: string, deadline: number): Promise<RenderResult | undefined> {
    return awaitClaim(this.store, claimKey(key), () => this.cache.get(key), { until: deadline, pollMs: WAIT_POLL_MS });
  }
}

const claimKey = (key: string) => `claim:${key}`;
