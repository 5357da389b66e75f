import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config.js';

/** The app user a request acts for: the JWT's `sub`. */
export interface Viewer {
  userId: string;
  /** When the token stops being valid (epoch ms, from `exp`): subscriptions end then. */
  tokenExpiresAt: number;
}

/** A little leeway for clocks that disagree by a few seconds, on the lifetime check only. */
const LIFETIME_LEEWAY_SECONDS = 60;

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

export type TokenVerifier = (token: string) => Promise<Viewer>;

/**
 * Builds the verifier once at start-up: HS256 with `AUTH_JWT_SECRET` (or the sandbox default),
 * or RS/ES keys from `AUTH_JWKS_URL` (jose caches and refreshes the key set).
 */
export function createTokenVerifier(auth: Config['auth']): TokenVerifier {
  const options = {
    issuer: auth.issuer,
    audience: auth.audience,
    algorithms: auth.jwksUrl ? ['RS256', 'ES256', 'PS256', 'EdDSA'] : ['HS256'],
    // A token without exp would be valid for ever: refused.
    requiredClaims: ['exp'],
  };
  const key: Uint8Array | JWTVerifyGetKey = auth.jwksUrl
    ? createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 })
    : new TextEncoder().encode(auth.jwtSecret);

  return async (token) => {
    try {
      const { payload } =
        key instanceof Uint8Array ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 256) {
        throw new AuthenticationError('token has no subject');
      }
      const exp = payload.exp!;
      // A stolen long-lived token stays useful for its whole life: cap it. Measured from iat when
      // the token has one (its real lifetime), else from now (what is left of it); an iat in the
      // future counts from now, so it cannot stretch the window.
      const now = Date.now() / 1000;
      const from = Math.min(typeof payload.iat === 'number' ? payload.iat : now, now);
      if (auth.maxLifetimeSeconds > 0 && exp - from > auth.maxLifetimeSeconds + LIFETIME_LEEWAY_SECONDS) {
        throw new AuthenticationError(`token lifetime is longer than the maximum of ${auth.maxLifetimeSeconds} s`);
      }
      return { userId: payload.sub, tokenExpiresAt: exp * 1000 };
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      // Say what kind of problem it was, never echo the token or key material.
      if (err instanceof joseErrors.JWTExpired) throw new AuthenticationError('token expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed) {
        throw new AuthenticationError(err.reason === 'missing' ? `token has no "${err.claim}" claim` : `token claim "${err.claim}" is invalid`);
      }
      throw new AuthenticationError('token is invalid');
    }
  };
}

/** Extracts the token from an `Authorization: Bearer <jwt>` header value. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
