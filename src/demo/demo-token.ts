import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { mintToken } from '../auth/mint-token.js';
import { discardBody, sendJson } from '../http/body.js';
import { route, type Router } from '../http/router.js';
import type { Config } from '../config/config.js';

/** Long enough for a session with the demo, and never past AUTH_JWT_MAX_LIFETIME. */
const DEMO_TOKEN_SECONDS = 2 * 3600;

/**
 * `POST /sandbox/demo-token` mints a token for a fresh random demo user, so the page works with
 * no setup. Only with the documented development secret: tokens signed with it are refused by
 * every live gateway (live mode requires AUTH_JWT_SECRET or AUTH_JWKS_URL), and no upstream is
 * live while it is in use, so a minted token can neither spend money nor reach anyone's data.
 * With a real secret or a JWKS the route does not exist and the page asks for a token instead.
 */
export function mountDemoToken(router: Router, config: Config): boolean {
  const { auth } = config;
  if (!auth.usingSandboxSecret || !auth.jwtSecret) return false;
  const seconds = auth.maxLifetimeSeconds > 0 ? Math.min(DEMO_TOKEN_SECONDS, auth.maxLifetimeSeconds) : DEMO_TOKEN_SECONDS;
  route(router, 'POST', '/sandbox/demo-token', async (req, res) => {
    discardBody(req);
    const userId = `demo-${randomBytes(6).toString('hex')}`;
    const token = await mintToken(userId, auth.jwtSecret!, { expiresIn: `${seconds}s`, issuer: auth.issuer, audience: auth.audience });
    const expiresAt = new Date(decodeJwt(token).exp! * 1000).toISOString();
    sendJson(res, 200, { token, userId, expiresAt }, { 'cache-control': 'no-store' });
  });
  return true;
}
