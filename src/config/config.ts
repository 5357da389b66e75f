import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import { parseSandboxFaults } from '../sandbox/faults.js';
import { DEFAULT_MEMORY_STORE_MAX_ENTRIES } from '../store/memory-store.js';

/** Development default for `AUTH_JWT_SECRET` in sandbox mode; documented in the README. Never used in live mode. */
export const SANDBOX_JWT_SECRET = 'avatar-gateway-sandbox-secret-do-not-use-in-production';
/** Keys the gateway's clients present to the embedded simulators (which check them like the real services). */
export const SANDBOX_AVATURN_KEY = 'sandbox-avaturn-key';
export const SANDBOX_RENDERIT_KEY = 'sandbox-renderit-key';
export const SANDBOX_WEBHOOK_TOKEN = 'sandbox-webhook-token';

export const DEFAULT_POSE_CATALOG = fileURLToPath(new URL('../poses/default-catalog.json', import.meta.url));

const MiB = 1024 * 1024;

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
/** The limit's value, its default when unset, undefined when turned off. */
const limitOr = (value: number | null | undefined, fallback: number) => (value === null ? undefined : (value ?? fallback));

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

export type UpstreamMode = 'live' | 'sandbox';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Base URL the outside world reaches this server on (used for webhook and sandbox URLs). */
  publicUrl: string;
  logLevel: string;
  /** Sandbox when at least one upstream is simulated. */
  mode: UpstreamMode;
  avaturn: {
    mode: UpstreamMode;
    apiUrl: string;
    apiKey: string;
    webhookToken: string;
    webhookSecret: string | undefined;
    /** An avatar still processing this long after its photos arrived is failed by the watchdog. @default 600000 */
    processingDeadlineMs: number;
    /** How often the watchdog looks at pending avatars (each is polled with its own backoff). @default 5000 */
    watchdogIntervalMs: number;
    /** How long `Avatar.image` waits for an Avaturn scene render before answering PENDING. @default 5000 */
    sceneRenderWaitMs: number;
  };
  renderIt: {
    mode: UpstreamMode;
    apiUrl: string;
    apiKey: string;
    /** Calls per second the limiter allows; never exceeded in any sliding one-second window. */
    tps: number;
    /** Largest estimated cost of one operation (one subscription event); undefined = no limit. @default 200 */
    budgetUnits: number | undefined;
    /** Time one operation's Render-it calls may take, retries and limiter waits included. */
    deadlineMs: number;
  };
  /** Per-user limits; undefined turns one off (`0`). Shared through Redis when configured. */
  limits: {
    /** Render-it units one user may spend per window. @default 2000 */
    renderUserBudgetUnits: number | undefined;
    /** @default 3600 (1h) */
    renderUserBudgetWindowSeconds: number;
    /** createAvatar and startAvatarUpload together, per user per minute. @default 10 */
    avatarCreatePerMinute: number | undefined;
    /** connectZepetoAccount per user per minute. @default 5 */
    zepetoConnectPerMinute: number | undefined;
  };
  redisUrl: string | undefined;
  /** Put before every Redis key and pub/sub channel: one Redis can serve several deployments. @default 'ag:' */
  redisPrefix: string;
  /** Without Redis: most entries with a TTL the memory store keeps (LRU past it). @default 50000 */
  memoryStoreMaxEntries: number;
  auth: {
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** True when the documented development secret is in use. */
    usingSandboxSecret: boolean;
    /** Longest token lifetime accepted (exp - iat, or exp - now without iat); 0 = no maximum. @default 604800 (7 days) */
    maxLifetimeSeconds: number;
  };
  /** What browsers and anonymous callers get. */
  http: {
    /** Exact origins allowed by CORS (with credentials); empty = no CORS headers at all. @default [] */
    corsOrigins: string[];
    /** Schema introspection; "Did you mean ..." suggestions follow it. @default true in sandbox, false when an upstream is live */
    introspection: boolean;
    /** GraphiQL in a browser at /graphql. @default true in sandbox, false when an upstream is live */
    graphiql: boolean;
  };
  metrics: {
    /** When set, /metrics wants `Authorization: Bearer <token>`. */
    token: string | undefined;
    /** When set, /metrics is served on this port only (0 picks a free one), not on the main port. */
    port: number | undefined;
    /** Distinct operation names kept as label values (first seen first); later ones are `other`. @default 50 */
    maxOperationNames: number;
  };
  subscriptions: {
    /** A graphql-ws socket that sends no connection_init within this is closed (4408). @default 3000 */
    connectionInitTimeoutMs: number;
    /** Operations at once on one graphql-ws socket; 0 = no limit. @default 25 */
    maxPerConnection: number;
    /** Subscriptions at once per user on this instance, SSE and graphql-ws together; 0 = no limit. @default 100 */
    maxPerUser: number;
  };
  /**
   * The demo page at `/` (and, with the sandbox's development secret, POST /sandbox/demo-token).
   * @default true when both upstreams are simulated, false when one is live
   */
  demo: boolean;
  poseCatalogPath: string;
  maxPhotoBytes: number;
  uploads: {
    /** A GraphQL request body (JSON or multipart) silent this long is cut off with 408; 0 disables. @default 30000 */
    bodyIdleTimeoutMs: number;
    /** Multipart uploads one user may have in flight on one instance; 0 disables. @default 2 */
    maxConcurrentPerUser: number;
  };
  /**
   * On SIGTERM, how long readiness answers 503 before the port closes, so a load balancer stops
   * routing here while connections are still accepted. @default 0
   */
  shutdownDelayMs: number;
  sandbox: {
    processingDelayMs: number;
    /** Raw JSON of initial fault settings (see src/sandbox/faults.ts). */
    faults: string | undefined;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment. Throws one `ConfigError` whose message names the
 * variable and what is wrong, so start-up can print a single line and exit.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const raw = env[name];
    const shown = /SECRET|KEY|TOKEN/.test(name) ? '' : raw === undefined ? '' : ` (got "${raw}")`;
    throw new ConfigError(`${name} ${issue.message}${shown}`);
  }
  const e = parsed.data;
  const port = e.PORT ?? 4000;
  const host = e.HOST ?? '127.0.0.1';
  const publicUrl = e.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const avaturnMode: UpstreamMode = e.AVATURN_API_KEY ? 'live' : 'sandbox';
  const renderItMode: UpstreamMode = e.RENDERIT_API_KEY ? 'live' : 'sandbox';
  const anyLive = avaturnMode === 'live' || renderItMode === 'live';

  if (e.AUTH_JWT_SECRET && e.AUTH_JWKS_URL) {
    throw new ConfigError('AUTH_JWT_SECRET and AUTH_JWKS_URL are exclusive: set one of them');
  }
  if (anyLive && !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL) {
    throw new ConfigError('AUTH_JWT_SECRET or AUTH_JWKS_URL is required when an upstream key is set (live mode)');
  }
  if (avaturnMode === 'live' && !e.AVATURN_WEBHOOK_TOKEN) {
    throw new ConfigError('AVATURN_WEBHOOK_TOKEN is required when AVATURN_API_KEY is set');
  }
  const usingSandboxSecret = !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL;
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === port) {
    throw new ConfigError('METRICS_PORT must differ from PORT (it serves /metrics on a separate listener)');
  }
  try {
    parseSandboxFaults(e.SANDBOX_FAULTS);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }

  return {
    env: e.NODE_ENV === 'production' ? 'production' : e.NODE_ENV === 'test' ? 'test' : 'development',
    host,
    port,
    publicUrl,
    logLevel: e.LOG_LEVEL ?? 'info',
    mode: anyLive && avaturnMode === 'live' && renderItMode === 'live' ? 'live' : 'sandbox',
    avaturn: {
      mode: avaturnMode,
      apiUrl: e.AVATURN_API_URL ?? (avaturnMode === 'live' ? 'https://api.avaturn.me' : `${publicUrl}/sandbox/avaturn`),
      apiKey: e.AVATURN_API_KEY ?? SANDBOX_AVATURN_KEY,
      webhookToken: e.AVATURN_WEBHOOK_TOKEN ?? SANDBOX_WEBHOOK_TOKEN,
      webhookSecret: e.AVATURN_WEBHOOK_SECRET,
      processingDeadlineMs: e.AVATAR_PROCESSING_DEADLINE_MS ?? 10 * 60 * 1000,
      watchdogIntervalMs: e.WATCHDOG_INTERVAL_MS ?? 5000,
      sceneRenderWaitMs: e.SCENE_RENDER_WAIT_MS ?? 5000,
    },
    renderIt: {
      mode: renderItMode,
      apiUrl:
        e.RENDERIT_API_URL ?? (renderItMode === 'live' ? 'https://api.render-it.m2s.team' : `${publicUrl}/sandbox/render-it`),
      apiKey: e.RENDERIT_API_KEY ?? SANDBOX_RENDERIT_KEY,
      tps: e.RENDERIT_TPS ?? 10,
      budgetUnits: limitOr(e.RENDER_BUDGET_UNITS, 200),
      deadlineMs: e.RENDER_DEADLINE_MS ?? 15_000,
    },
    limits: {
      renderUserBudgetUnits: limitOr(e.RENDER_USER_BUDGET_UNITS, 2000),
      renderUserBudgetWindowSeconds: e.RENDER_USER_BUDGET_WINDOW ?? 3600,
      avatarCreatePerMinute: limitOr(e.AVATAR_CREATE_LIMIT_PER_MINUTE, 10),
      zepetoConnectPerMinute: limitOr(e.ZEPETO_CONNECT_LIMIT_PER_MINUTE, 5),
    },
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX ?? 'ag:',
    memoryStoreMaxEntries: e.MEMORY_STORE_MAX_ENTRIES ?? DEFAULT_MEMORY_STORE_MAX_ENTRIES,
    auth: {
      jwtSecret: usingSandboxSecret ? SANDBOX_JWT_SECRET : e.AUTH_JWT_SECRET,
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_JWT_ISSUER,
      audience: e.AUTH_JWT_AUDIENCE,
      usingSandboxSecret,
      maxLifetimeSeconds: e.AUTH_JWT_MAX_LIFETIME ?? 7 * 86_400,
    },
    http: {
      corsOrigins: e.CORS_ORIGINS ?? [],
      introspection: e.GRAPHQL_INTROSPECTION ?? !anyLive,
      graphiql: e.GRAPHIQL ?? !anyLive,
    },
    metrics: {
      token: e.METRICS_TOKEN,
      port: e.METRICS_PORT,
      maxOperationNames: e.METRICS_MAX_OPERATION_NAMES ?? 50,
    },
    subscriptions: {
      connectionInitTimeoutMs: e.WS_CONNECTION_INIT_TIMEOUT_MS ?? 3_000,
      maxPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION ?? 25,
      maxPerUser: e.MAX_SUBSCRIPTIONS_PER_USER ?? 100,
    },
    demo: e.DEMO ?? !anyLive,
    poseCatalogPath: e.POSE_CATALOG ?? DEFAULT_POSE_CATALOG,
    maxPhotoBytes: e.MAX_PHOTO_BYTES ?? 15 * MiB,
    uploads: {
      bodyIdleTimeoutMs: e.BODY_IDLE_TIMEOUT_MS ?? 30_000,
      maxConcurrentPerUser: e.MAX_CONCURRENT_UPLOADS_PER_USER ?? 2,
    },
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS ?? 0,
    sandbox: {
      processingDelayMs: e.SANDBOX_PROCESSING_DELAY_MS ?? 2000,
      faults: e.SANDBOX_FAULTS,
    },
  };
}
