import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseSandboxFaults } from '../sandbox/faults.js';
import { DEFAULT_MEMORY_STORE_MAX_ENTRIES } from '../store/memory-store.js';
import { ConfigError, MiB, readEnv } from './env-schema.js';

/** Development default for `AUTH_JWT_SECRET` in sandbox mode; documented in the README. Never used in live mode. */
export const SANDBOX_JWT_SECRET = 'avatar-gateway-sandbox-secret-do-not-use-in-production';
/** Keys the gateway's clients present to the embedded simulators (which check them like the real services). */
export const SANDBOX_AVATURN_KEY = 'sandbox-avaturn-key';
export const SANDBOX_RENDERIT_KEY = 'sandbox-renderit-key';
const SANDBOX_WEBHOOK_TOKEN = 'sandbox-webhook-token';

export const DEFAULT_POSE_CATALOG = fileURLToPath(new URL('../poses/default-catalog.json', import.meta.url));

/** The limit's value, its default when unset, undefined when turned off. */
const limitOr = (value: number | null | undefined, fallback: number) => (value === null ? undefined : (value ?? fallback));

type UpstreamMode = 'live' | 'sandbox';

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
    /**
     * Starts every store key of the Avaturn flows: a hash of the API URL, never of the API key, so
     * a key rotation keeps every mapping (two Avaturn projects on one API URL need two Redis databases).
     */
    keyNamespace: string;
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

/**
 * Reads and validates the environment. Throws one `ConfigError` whose message names the
 * variable and what is wrong, so start-up can print a single line and exit.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = readEnv(env);
  const port = e.PORT ?? 4000;
  const host = e.HOST ?? '127.0.0.1';
  const publicUrl = e.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const avaturnMode: UpstreamMode = e.AVATURN_API_KEY ? 'live' : 'sandbox';
  const renderItMode: UpstreamMode = e.RENDERIT_API_KEY ? 'live' : 'sandbox';
  const anyLive = avaturnMode === 'live' || renderItMode === 'live';
  const avaturnApiUrl = e.AVATURN_API_URL ?? (avaturnMode === 'live' ? 'https://api.avaturn.me' : `${publicUrl}/sandbox/avaturn`);

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
      apiUrl: avaturnApiUrl,
      apiKey: e.AVATURN_API_KEY ?? SANDBOX_AVATURN_KEY,
      webhookToken: e.AVATURN_WEBHOOK_TOKEN ?? SANDBOX_WEBHOOK_TOKEN,
      webhookSecret: e.AVATURN_WEBHOOK_SECRET,
      processingDeadlineMs: e.AVATAR_PROCESSING_DEADLINE_MS ?? 10 * 60 * 1000,
      watchdogIntervalMs: e.WATCHDOG_INTERVAL_MS ?? 5000,
      sceneRenderWaitMs: e.SCENE_RENDER_WAIT_MS ?? 5000,
      keyNamespace: `avaturn:${createHash('sha256').update(avaturnApiUrl.replace(/\/+$/, '')).digest('hex').slice(0, 12)}`,
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
