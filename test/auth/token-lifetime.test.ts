import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/mint-token.js';
import { createTokenVerifier } from '../../src/auth/verify-token.js';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/env-schema.js';

const SECRET = 'lifetime-test-secret-0123456789abcdef';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const verifierWith = (maxLifetimeSeconds: number) =>
  createTokenVerifier({ jwtSecret: SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined, usingSandboxSecret: false, maxLifetimeSeconds });

/** A token with exactly the claims given (jose adds none by itself). */
const sign = (claims: { iat?: number; exp?: number }) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').sign(key);

describe('token lifetime', () => {
  const verify = verifierWith(7 * 86_400);

  it('refuses a token without exp, however well signed', async () => {
    await expect(verify(await sign({}))).rejects.toThrow('token has no "exp" claim');
    await expect(verify(await sign({ iat: now() }))).rejects.toThrow('token has no "exp" claim');
  });

  it('refuses a token whose lifetime from iat is over the maximum', async () => {
    await expect(verify(await sign({ iat: now(), exp: now() + 8 * 86_400 }))).rejects.toThrow(/lifetime is longer than the maximum of 604800 s/);
    // Issued long ago with a long life: refused, though little of it is left.
    await expect(verify(await sign({ iat: now() - 30 * 86_400, exp: now() + 3600 }))).rejects.toThrow(/lifetime/);
  });

  it('measures from now without iat, and from now when iat claims the future', async () => {
    await expect(verify(await sign({ exp: now() + 30 * 86_400 }))).rejects.toThrow(/lifetime/);
    await expect(verify(await sign({ iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 60 }))).rejects.toThrow(/lifetime/);
    await expect(verify(await sign({ exp: now() + 3600 }))).resolves.toMatchObject({ userId: 'alice' });
  });

  it('accepts what npm run token mints (24 h by default, 7 d at most) and reports when it expires', async () => {
    for (const expiresIn of ['24h', '7d']) {
      const viewer = await verify(await mintToken('alice', SECRET, { expiresIn }));
      expect(viewer.userId).toBe('alice');
      expect(viewer.tokenExpiresAt).toBeGreaterThan(Date.now());
    }
    const viewer = await verify(await sign({ iat: now(), exp: now() + 600 }));
    expect(viewer.tokenExpiresAt).toBe((now() + 600) * 1000);
  });

  it('has no maximum with AUTH_JWT_MAX_LIFETIME=0, but still wants exp', async () => {
    const unbounded = verifierWith(0);
    await expect(unbounded(await sign({ iat: now(), exp: now() + 400 * 86_400 }))).resolves.toMatchObject({ userId: 'alice' });
    await expect(unbounded(await sign({}))).rejects.toThrow(/exp/);
  });
});

describe('AUTH_JWT_MAX_LIFETIME', () => {
  it.each([
    ['3600s', 3600],
    ['30m', 1800],
    ['24h', 86_400],
    ['7d', 604_800],
    ['0', 0],
  ])('reads %s as %d seconds', (value, seconds) => {
    expect(loadConfig({ AUTH_JWT_MAX_LIFETIME: value }).auth.maxLifetimeSeconds).toBe(seconds);
  });

  it('defaults to 7 days and refuses anything else with one line', () => {
    expect(loadConfig({}).auth.maxLifetimeSeconds).toBe(604_800);
    for (const value of ['1w', '-1h', '24 h', 'forever', '']) {
      expect(() => loadConfig({ AUTH_JWT_MAX_LIFETIME: value })).toThrow(ConfigError);
      expect(() => loadConfig({ AUTH_JWT_MAX_LIFETIME: value })).toThrow(/^AUTH_JWT_MAX_LIFETIME must be a duration like 3600s, 30m, 24h or 7d/);
    }
  });
});
