import { z } from 'zod';

/**
 * The environment variables the gateway reads and how each one is parsed: one zod schema, so a bad
 * value is refused with a message naming the variable. Defaults and the checks between variables
 * live in `config.ts`.
 */

export const MiB = 1024 * 1024;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const intFrom = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number between ${min} and ${max}`);

const booleanFlag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');
const onOff = z.enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0 (true or false)' }).transform((v) => v === '1' || v === 'true');

/** A whole number of seconds, minutes, hours or days (`3600s`, `30m`, `24h`, `7d`; plain digits are seconds), as seconds. */
const SECONDS_PER: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };
const durationSeconds = z
  .string()
  .regex(/^\d+(s|m|h|d)?$/, 'must be a duration like 3600s, 30m, 24h or 7d')
  .transform((v) => Number(v.replace(/\D+$/, '')) * SECONDS_PER[v.replace(/^\d+/, '')]!);

/** Comma-separated exact origins (`https://app.example.com`); an entry that is not a bare origin is refused. */
const originList = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
  .refine(
    (origins) => origins.every((o) => URL.canParse(o) && new URL(o).origin === o && /^https?:/.test(o)),
    'must list exact origins like https://app.example.com (scheme, host and port only; no *, path or trailing slash)',
  );

/** A limit where `0` turns it off: parsed as null, so that unset (undefined) can still take the default. */
const limitFrom = (max: number) => intFrom(0, max).transform((n) => (n === 0 ? null : n));

const httpUrl = z
  .string()
  .url('must be an absolute http(s) URL')
  .refine((u) => /^https?:\/\//.test(u), 'must be an absolute http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));

const envSchema = z.object({
  NODE_ENV: optionalString,
  HOST: optionalString,
  PORT: intFrom(0, 65535).optional(),
  PUBLIC_URL: httpUrl.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  AVATURN_API_URL: httpUrl.optional(),
  AVATURN_API_KEY: optionalString,
  AVATURN_WEBHOOK_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,}$/, 'must be at least 16 characters of [A-Za-z0-9_-]')
    .optional(),
  AVATURN_WEBHOOK_SECRET: z
    .string()
    .regex(/^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/, 'must be a Standard Webhooks secret (whsec_<base64>)')
    .optional(),
  RENDERIT_API_URL: httpUrl.optional(),
  RENDERIT_API_KEY: optionalString,
  RENDERIT_TPS: intFrom(1, 10_000).optional(),
  RENDER_DEADLINE_MS: intFrom(100, 600_000).optional(),
  RENDER_BUDGET_UNITS: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of cost units (0 = no limit)')
    .transform((v) => (Number(v) === 0 ? null : Number(v)))
    .optional(),
  RENDER_USER_BUDGET_UNITS: limitFrom(100_000_000).optional(),
  RENDER_USER_BUDGET_WINDOW: durationSeconds.refine((n) => n >= 1 && n <= 7 * 86_400, 'must be between 1s and 7d').optional(),
  AVATAR_CREATE_LIMIT_PER_MINUTE: limitFrom(100_000).optional(),
  ZEPETO_CONNECT_LIMIT_PER_MINUTE: limitFrom(100_000).optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'must be 1-64 characters of [A-Za-z0-9_:.-]').optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL')
    .optional(),
  // lru-cache allocates its index for this many entries up front: keep it sane.
  MEMORY_STORE_MAX_ENTRIES: intFrom(100, 1_000_000).optional(),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 needs a 256-bit key)').optional(),
  AUTH_JWKS_URL: httpUrl.optional(),
  AUTH_JWT_ISSUER: optionalString,
  AUTH_JWT_AUDIENCE: optionalString,
  POSE_CATALOG: optionalString,
  MAX_PHOTO_BYTES: intFrom(1024, 200 * MiB).optional(),
  BODY_IDLE_TIMEOUT_MS: intFrom(0, 600_000).optional(),
  MAX_CONCURRENT_UPLOADS_PER_USER: intFrom(0, 1000).optional(),
  SANDBOX_PROCESSING_DELAY_MS: intFrom(0, 600_000).optional(),
  AVATAR_PROCESSING_DEADLINE_MS: intFrom(100, 24 * 60 * 60 * 1000).optional(),
  WATCHDOG_INTERVAL_MS: intFrom(10, 10 * 60 * 1000).optional(),
  SCENE_RENDER_WAIT_MS: intFrom(0, 60_000).optional(),
  SANDBOX_FAULTS: optionalString,
  SHUTDOWN_DELAY_MS: intFrom(0, 120_000).optional(),
  AUTH_JWT_MAX_LIFETIME: durationSeconds.optional(),
  CORS_ORIGINS: originList.optional(),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  GRAPHIQL: booleanFlag.optional(),
  METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 printable characters without spaces').optional(),
  METRICS_PORT: intFrom(0, 65535).optional(),
  METRICS_MAX_OPERATION_NAMES: intFrom(0, 1_000).optional(),
  WS_CONNECTION_INIT_TIMEOUT_MS: intFrom(100, 60_000).optional(),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: intFrom(0, 10_000).optional(),
  MAX_SUBSCRIPTIONS_PER_USER: intFrom(0, 100_000).optional(),
  DEMO: onOff.optional(),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment, or throws one `ConfigError` naming the variable (never echoing a secret). */
export function readEnv(env: NodeJS.ProcessEnv): z.output<typeof envSchema> {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  const raw = env[name];
  const shown = /SECRET|KEY|TOKEN/.test(name) ? '' : raw === undefined ? '' : ` (got "${raw}")`;
  throw new ConfigError(`${name} ${issue.message}${shown}`);
}
