import { Redis } from 'ioredis';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { AvatarRepository } from './avatars/avatar-repository.js';
import { ImageRepository } from './images/image-repository.js';
import { createTokenVerifier, type TokenVerifier } from './auth/verify-token.js';
import type { Config } from './config/config.js';
import { createEventBus, type EventBus } from './events/pubsub.js';
import type { Logger } from './logging/logger.js';
import { PoseCatalog } from './poses/catalog.js';
import { MemoryStore } from './store/memory-store.js';
import { RedisStore } from './store/redis-store.js';
import type { Store } from './store/store.js';
import { AvaturnClient } from './upstreams/avaturn/client.js';
import { createUpstreamDispatcher } from './upstreams/http.js';
import { RenderItClient } from './upstreams/render-it/client.js';

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
    store = new RedisStore(data);
    events = createEventBus({ publish: newRedis('publish'), subscribe: newRedis('subscribe') });
  } else {
    store = new MemoryStore();
    events = createEventBus();
  }

  // One pool per upstream origin, with explicit limits (undici's defaults are unbounded).
  const avaturnPool = createUpstreamDispatcher(new URL(config.avaturn.apiUrl).origin, { connections: 16 });
  const renderItPool = createUpstreamDispatcher(new URL(config.renderIt.apiUrl).origin, { connections: 16 });
  const avaturn = new AvaturnClient({
    baseUrl: config.avaturn.apiUrl,
    apiKey: config.avaturn.apiKey,
    dispatcher: avaturnPool,
    logger: logger.child({ upstream: 'avaturn' }),
  });
  const renderIt = new RenderItClient({
    baseUrl: config.renderIt.apiUrl,
    apiKey: config.renderIt.apiKey,
    dispatcher: renderItPool,
    logger: logger.child({ upstream: 'render-it' }),
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
    avatars: new AvatarRepository(store, events),
    images: new ImageRepository(store, events),
    async checkReady() {
      await store.ping();
      for (const client of redisClients) {
        if (client.status !== 'ready') throw new Error(`redis ${client.options.connectionName} is ${client.status}`);
      }
    },
    async close() {
      await avaturn.close();
      await Promise.all([avaturnPool.close(), renderItPool.close()]);
      await store.close();
      await Promise.all(redisClients.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
