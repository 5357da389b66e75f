import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import type { RateLimiter } from '../upstreams/admission/rate-limiter.js';
import { RenderCache } from './render-cache.js';
import { RenderClaims } from './render-claims.js';
import { renderSettingsFrom, type RenderSettings } from './render-settings.js';
import { RedisSlidingWindowLimiter } from '../upstreams/admission/redis-sliding-window-limiter.js';
import { SlidingWindowLimiter } from '../upstreams/admission/sliding-window-limiter.js';

/** The long-lived parts of the render path, one per process (see src/services.ts). */
export interface RenderRuntime {
  settings: RenderSettings;
  cache: RenderCache;
  /** Which instance renders a job several ask for (only when the store is shared). */
  claims: RenderClaims;
  /** In front of every Render-it call; shared through Redis by all instances when configured. */
  limiter: RateLimiter;
  close(): void;
}

/**
 * Render-it counts TPS per workspace (API key), so instances calling the same API with the
 * same key share one window; a different sandbox or key gets its own.
 */
function limiterKey(config: Config): string {
  const account = createHash('sha256').update(`${config.renderIt.apiUrl}\n${config.renderIt.apiKey}`).digest('hex');
  return `ag:render-it:tps:${account.slice(0, 16)}`;
}

export function createRenderRuntime(config: Config, store: Store, redis?: Redis): RenderRuntime {
  const settings = renderSettingsFrom(config);
  const limit = config.renderIt.tps;
  const memory = redis ? undefined : new SlidingWindowLimiter({ limit });
  const limiter = redis ? new RedisSlidingWindowLimiter({ redis, key: limiterKey(config), limit }) : memory!;
  const cache = new RenderCache(store, settings.cacheTtlMs);
  return {
    settings,
    cache,
    // Claims across instances only matter when the store is shared (Redis).
    claims: new RenderClaims(store, cache, redis !== undefined),
    limiter,
    close: () => memory?.close(),
  };
}
