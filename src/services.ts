import { Redis } from 'ioredis';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { AvatarRepository } from './avatars/avatar-repository.js';
import { ImageRepository } from './images/image-repository.js';
import { createTokenVerifier, type TokenVerifier } from './auth/verify-token.js';
import { createUserLimits, type UserLimits } from './limits/user-limits.js';
import { createRenderRuntime, type RenderRuntime } from './renders/render-runtime.js';
import { ZepetoConnectionRepository } from './zepeto/connection-repository.js';
import { ZepetoLoginPoller } from './zepeto/login-poller.js';
import type { Config } from './config/config.js';
import { createEventBus, type EventBus } from './events/pubsub.js';
import type { Logger } from './logging/logger.js';
import { PoseCatalog } from './poses/catalog.js';
import { createUpstreamMetrics } from './observability/upstream-metrics.js';
import { MemoryStore } from './store/memory-store.js';
import { registerMemoryStoreMetrics } from './store/memory-store-metrics.js';
import { RedisStore } from './store/redis-store.js';
import type { Store } from './store/store.js';
import { AvaturnClient } from './upstreams/avaturn/client.js';
import { createUpstreamDispatcher } from './upstreams/http.js';
import { RenderItClient } from './upstreams/render-it/client.js';
import { createRenderItLimiter } from './upstreams/render-it/tps-limiter.js';

/**
 * Long-lived things, created once per process (in `src/server/start-gateway.ts`) and closed on
 * shutdown. Request contexts reach them through `ctx.services`; nothing here does I/O at import.
 */
export interface Services {
  config: Config;
  logger: Logger;
  catalog: PoseCatalog;
  store: Store;
  events: EventBus;
  verifyToken: TokenVerifier;
  metrics: Registry;
  avaturn: AvaturnClient;
  renderIt: RenderItClient;
  avatars: AvatarRepository;
  images: ImageRepository;
  /** Render cache, claims and settings. */
  renders: RenderRuntime;
  /** Per-user render budget and mutation rate limits (shared through Redis when configured). */
  limits: UserLimits;
  zepetoConnections: ZepetoConnectionRepository;
  /** Polls pending ZEPETO QR logins. */
  zepetoLogins: ZepetoLoginPoller;
  /** Checks what readiness depends on: the store and the event bus. */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

export function createServices(config: Config, logger: Logger): Services {
  const catalog = PoseCatalog.fromFile(config.poseCatalogPath);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });

  const redisClients: Redis[] = [];
  const newRedis = (role: string) => {
    const client = new Redis(config.redisUrl!, {
      connectionName: `avatar-gateway:${role}`,
      // Fail commands fast while Redis is away instead of queueing them without bound.
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: false,
    });
    client.on('error', (err) => logger.warn({ err: { message: err.message }, role }, 'redis connection error'));
    redisClients.push(client);
    return client;
  };

  let store: Store;
  let events: EventBus;
  if (config.redisUrl) {
    const data = newRedis('data');
    store = new RedisStore(data, config.redisPrefix);
    events = createEventBus({
      publish: newRedis('publish'),
      subscribe: newRedis('subscribe'),
      channelPrefix: config.redisPrefix,
      onError: (err, command) => logger.warn({ err: { message: (err as Error).message }, command }, 'redis pub/sub command failed'),
    });
  } else {
    const memory = new MemoryStore({
      maxEntries: config.memoryStoreMaxEntries,
      onDurableGrowth: (count) =>
        logger.warn({ count }, 'memory store: durable entries (avatars, per-user indexes) are never evicted and keep growing; set REDIS_URL for this load'),
    });
    registerMemoryStoreMetrics(metrics, memory);
    store = memory;
    events = createEventBus();
  }

  // One pool per upstream origin, with explicit limits (undici's defaults are unbounded).
  const observeUpstream = createUpstreamMetrics(metrics);
  const UPSTREAM_CONNECTIONS = 16;
  const avaturnPool = createUpstreamDispatcher(new URL(config.avaturn.apiUrl).origin, { connections: UPSTREAM_CONNECTIONS });
  const renderItPool = createUpstreamDispatcher(new URL(config.renderIt.apiUrl).origin, { connections: UPSTREAM_CONNECTIONS });
  const avaturn = new AvaturnClient({
    baseUrl: config.avaturn.apiUrl,
    apiKey: config.avaturn.apiKey,
    dispatcher: avaturnPool,
    logger: logger.child({ upstream: 'avaturn' }),
    observe: observeUpstream,
  });
  // The limiters get their own Redis connection so their waits never queue behind data commands.
  const limiterRedis = config.redisUrl ? newRedis('limiter') : undefined;
  const renders = createRenderRuntime(config, store, config.redisUrl !== undefined);
  const tps = createRenderItLimiter(config.renderIt, limiterRedis);
  const renderIt = new RenderItClient({
    baseUrl: config.renderIt.apiUrl,
    apiKey: config.renderIt.apiKey,
    dispatcher: renderItPool,
    logger: logger.child({ upstream: 'render-it' }),
    observe: observeUpstream,
    limiter: tps.limiter,
    maxConcurrent: UPSTREAM_CONNECTIONS,
    // Renders are idempotent and every operation has a deadline (RENDER_DEADLINE_MS), which is
    // the real bound; more attempts let a gallery ride out a burst of 429/5xx.
    retry: { maxAttempts: 6 },
  });
  const avatars = new AvatarRepository(store, events);
  const zepetoConnections = new ZepetoConnectionRepository(store, events);
  const zepetoLogins = new ZepetoLoginPoller({
    renderIt,
    connections: zepetoConnections,
    avatars,
    logger: logger.child({ component: 'zepeto-logins' }),
  });

  return {
    config,
    logger,
    catalog,
    store,
    events,
    verifyToken: createTokenVerifier(config.auth),
    metrics,
    avaturn,
    renderIt,
    avatars,
    images: new ImageRepository(store, events),
    renders,
    limits: createUserLimits(config, limiterRedis),
    zepetoConnections,
    zepetoLogins,
    async checkReady() {
      await store.ping();
      for (const client of redisClients) {
        if (client.status !== 'ready') throw new Error(`redis ${client.options.connectionName} is ${client.status}`);
      }
    },
    async close() {
      await zepetoLogins.close();
      tps.close();
      await avaturn.close();
      await Promise.all([avaturnPool.close(), renderItPool.close()]);
      await store.close();
      await Promise.all(redisClients.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
