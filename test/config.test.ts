import { describe, expect, it } from 'vitest';
import { SANDBOX_JWT_SECRET, loadConfig } from '../src/config/config.js';
import { ConfigError } from '../src/config/env-schema.js';

describe('config', () => {
  it('defaults to sandbox mode with the development secret and simulator URLs', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('sandbox');
    expect(config.port).toBe(4000);
    expect(config.avaturn.mode).toBe('sandbox');
    expect(config.avaturn.apiUrl).toBe('http://127.0.0.1:4000/sandbox/avaturn');
    expect(config.renderIt.apiUrl).toBe('http://127.0.0.1:4000/sandbox/render-it');
    expect(config.auth.jwtSecret).toBe(SANDBOX_JWT_SECRET);
    expect(config.auth.usingSandboxSecret).toBe(true);
  });

  it('makes each upstream live on its own key', () => {
    const config = loadConfig({ RENDERIT_API_KEY: 'ZB-key', AUTH_JWT_SECRET: 's'.repeat(32) });
    expect(config.renderIt.mode).toBe('live');
    expect(config.renderIt.apiUrl).toBe('https://api.render-it.m2s.team');
    expect(config.avaturn.mode).toBe('sandbox');
    const both = loadConfig({
      RENDERIT_API_KEY: 'k',
      AVATURN_API_KEY: 'k',
      AVATURN_WEBHOOK_TOKEN: 't'.repeat(20),
      AUTH_JWKS_URL: 'https://idp.example/jwks.json',
    });
    expect(both.mode).toBe('live');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number between 0 and 65535 \(got "abc"\)$/],
    [{ RENDERIT_TPS: '0' }, /^RENDERIT_TPS /],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ REDIS_PREFIX: 'has space' }, /^REDIS_PREFIX must be 1-64 characters/],
    [{ AUTH_JWT_SECRET: 'short' }, /^AUTH_JWT_SECRET must be at least 32 characters/],
    [{ PUBLIC_URL: 'ftp://x' }, /^PUBLIC_URL must be an absolute http\(s\) URL/],
    [{ RENDERIT_API_KEY: 'k' }, /^AUTH_JWT_SECRET or AUTH_JWKS_URL is required/],
    [{ AVATURN_API_KEY: 'k', AUTH_JWT_SECRET: 's'.repeat(32) }, /^AVATURN_WEBHOOK_TOKEN is required/],
    [{ SANDBOX_FAULTS: '{bad' }, /^SANDBOX_FAULTS must be JSON/],
    [{ SANDBOX_FAULTS: '{"renderIt":{"errorRate":2}}' }, /^SANDBOX_FAULTS renderIt.errorRate/],
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a secret value in its message', () => {
    try {
      loadConfig({ AUTH_JWT_SECRET: 'tiny-secret' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('tiny-secret');
    }
  });
});
