import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { RenderCache } from './render-cache.js';
import { RenderClaims } from './render-claims.js';
import { renderSettingsFrom, type RenderSettings } from './render-settings.js';

/** The long-lived parts of the render path, one per process (see src/services.ts). */
export interface RenderRuntime {
  settings: RenderSettings;
  cache: RenderCache;
  /** Which instance renders a job several ask for (only when the store is shared). */
  claims: RenderClaims;
}

/** @param shared whether other instances use the same store (Redis): claims only matter then. */
export function createRenderRuntime(config: Config, store: Store, shared: boolean): RenderRuntime {
  const settings = renderSettingsFrom(config);
  const cache = new RenderCache(store, settings.cacheTtlMs);
  return { settings, cache, claims: new RenderClaims(store, cache, shared) };
}
