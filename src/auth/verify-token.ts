import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config.js';

/** The app user a request acts for: the JWT's `sub`. */
export interface Viewer {
  userId: string;
}

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
      return { userId: payload.sub };
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      // Say what kind of problem it was, never echo the token or key material.
      if (err instanceof joseErrors.JWTExpired) throw new AuthenticationError('token expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed) throw new AuthenticationError(`token claim "${err.claim}" is invalid`);
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
