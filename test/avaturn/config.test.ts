import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/env-schema.js';

describe('config: Avaturn watchdog and scene render settings', () => {
  it('defaults to a 10 minute processing deadline, a 5 s watchdog interval and a 5 s scene render wait', () => {
    const { avaturn } = loadConfig({});
    expect(avaturn).toMatchObject({ processingDeadlineMs: 600_000, watchdogIntervalMs: 5_000, sceneRenderWaitMs: 5_000 });
  });

  it('reads them from the environment', () => {
    const { avaturn } = loadConfig({ AVATAR_PROCESSING_DEADLINE_MS: '1000', WATCHDOG_INTERVAL_MS: '20', SCENE_RENDER_WAIT_MS: '0' });
    expect(avaturn).toMatchObject({ processingDeadlineMs: 1000, watchdogIntervalMs: 20, sceneRenderWaitMs: 0 });
  });

  it.each([
    [{ AVATAR_PROCESSING_DEADLINE_MS: '50' }, /^AVATAR_PROCESSING_DEADLINE_MS must be a whole number between 100 and/],
    [{ WATCHDOG_INTERVAL_MS: 'soon' }, /^WATCHDOG_INTERVAL_MS must be a whole number/],
    [{ SCENE_RENDER_WAIT_MS: '60001' }, /^SCENE_RENDER_WAIT_MS must be a whole number between 0 and 60000/],
  ])('stops on %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
