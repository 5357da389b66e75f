import type { Config } from '../config/config.js';

/** Tuning of the render path, read from the configuration once at start-up. */
export interface RenderSettings {
  /** Time one operation's Render-it calls may take, retries and limiter waits included. @default 15000 */
  deadlineMs: number;
  /** Largest cost in units one operation may spend; undefined means no limit. */
  budgetUnits: number | undefined;
  /** How long Render-it keeps a result URL valid [ASSUMED in the contract]. @default 3600000 */
  urlLifetimeMs: number;
  /**
   * How long a finished render is reused. Shorter than the URL lifetime, so a reused URL still
   * has at least the difference left to be downloaded. @default 3000000 (50 min)
   */
  cacheTtlMs: number;
  /** Poses per Multi Images call (the upstream's maximum). @default 10 */
  maxPosesPerCall: number;
  /**
   * Whether render fields share one DataLoader batch. Off, every field makes its own Single
   * call: only the benchmark's baseline turns it off. @default true
   */
  batching: boolean;
}

export function renderSettingsFrom(config: Config): RenderSettings {
  return {
    deadlineMs: config.renderIt.deadlineMs,
    budgetUnits: config.renderIt.budgetUnits,
    urlLifetimeMs: 60 * 60_000,
    cacheTtlMs: 50 * 60_000,
    maxPosesPerCall: 10,
    batching: true,
  };
}
