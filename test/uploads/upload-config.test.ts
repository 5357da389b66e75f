import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/env-schema.js';

describe('upload and body settings', () => {
  it('default to a 30 s idle-body timeout and two uploads per user; 0 turns either off', () => {
    expect(loadConfig({}).uploads).toEqual({ bodyIdleTimeoutMs: 30_000, maxConcurrentPerUser: 2 });
    expect(loadConfig({ BODY_IDLE_TIMEOUT_MS: '0', MAX_CONCURRENT_UPLOADS_PER_USER: '0' }).uploads).toEqual({
      bodyIdleTimeoutMs: 0,
      maxConcurrentPerUser: 0,
    });
    expect(loadConfig({ BODY_IDLE_TIMEOUT_MS: '5000', MAX_CONCURRENT_UPLOADS_PER_USER: '4' }).uploads).toEqual({
      bodyIdleTimeoutMs: 5000,
      maxConcurrentPerUser: 4,
    });
  });

  it.each([
    [{ BODY_IDLE_TIMEOUT_MS: '-1' }, /^BODY_IDLE_TIMEOUT_MS must be a whole number between 0 and 600000 \(got "-1"\)$/],
    [{ BODY_IDLE_TIMEOUT_MS: '30s' }, /^BODY_IDLE_TIMEOUT_MS must be a whole number/],
    [{ MAX_CONCURRENT_UPLOADS_PER_USER: 'many' }, /^MAX_CONCURRENT_UPLOADS_PER_USER must be a whole number between 0 and 1000/],
  ])('refuses %o with one clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
