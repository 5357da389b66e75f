/**
 * `npm run token -- alice [--expires 7d]` prints an HS256 token for app user `alice`, signed with
 * AUTH_JWT_SECRET or, in sandbox mode, the documented development secret. It refuses a lifetime
 * the gateway would not accept (AUTH_JWT_MAX_LIFETIME, 7 days by default).
 */
import { decodeJwt } from 'jose';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { ConfigError } from '../config/env-schema.js';
import { mintToken } from './mint-token.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { expires: { type: 'string', default: '24h' } },
});
const sub = positionals[0];
if (!sub) {
  console.error('usage: npm run token -- <user-id> [--expires 24h]');
  process.exit(2);
}
try {
  const config = loadConfig();
  if (!config.auth.jwtSecret) {
    console.error('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this tool');
    process.exit(2);
  }
  const token = await mintToken(sub, config.auth.jwtSecret, {
    expiresIn: values.expires,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
  const { exp = 0, iat = 0 } = decodeJwt(token);
  const max = config.auth.maxLifetimeSeconds;
  if (max > 0 && exp - iat > max) {
    console.error(`--expires ${values.expires} is longer than AUTH_JWT_MAX_LIFETIME (${max} s): the gateway would refuse this token`);
    process.exit(2);
  }
  process.stdout.write(`${token}\n`);
} catch (err) {
  console.error(err instanceof ConfigError ? `Invalid configuration: ${err.message}` : (err as Error).message);
  process.exit(1);
}
