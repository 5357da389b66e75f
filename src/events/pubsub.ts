import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';

/**
 * An event says "this record changed, now at `version`". Subscribers read the record itself from
 * the store, so a lost or repeated event never shows stale state, and the payload crossing
 * Redis stays small and free of secrets.
 */
export interface ChangeEvent {
  id: string;
  version: number;
  /** True when the record was deleted: subscriptions on it complete. */
  deleted?: boolean;
}

/** Topics are scoped by id: a subscriber only ever hears about the record it asked for. */
export type Topics = {
  'avatar:updated': [avatarId: string, event: ChangeEvent];
  'image:updated': [imageId: string, event: ChangeEvent];
  'zepeto-connection:updated': [sessionId: string, event: ChangeEvent];
};

export type EventBus = PubSub<Topics> & {
  /**
   * Resolves once the subscription that `subscribe(topic, id)` started is live. Over Redis the
   * event target sends SUBSCRIBE without waiting for it; a second SUBSCRIBE on the same connection
   * is answered after the first, so awaiting it means "listening". Read state only after this.
   */
  listening(topic: keyof Topics, id: string): Promise<void>;
};

export interface RedisEventClients {
  publish: Redis;
  subscribe: Redis;
  /** Told about a PUBLISH/SUBSCRIBE/UNSUBSCRIBE that failed (Redis away, or closing on shutdown). @default ignored */
  onError?: (err: unknown, command: string) => void;
  /**
   * Put before every channel name, so deployments sharing one Redis do not hear each other
   * (pub/sub ignores the database number). @default ''
   */
  channelPrefix?: string;
}

/** In-memory for one instance; over Redis (two connections: publish and subscribe) for many. */
export function createEventBus(redis?: RedisEventClients): EventBus {
  if (!redis) return Object.assign(createPubSub<Topics>(), { listening: async () => {} });
  const onError = redis.onError ?? (() => {});
  const subscribeClient = redis.subscribe;
  const prefix = redis.channelPrefix ?? '';
  const pubsub = createPubSub<Record<string, [id: string, event: ChangeEvent]>>({
    eventTarget: createRedisEventTarget({
      publishClient: guardFireAndForget(redis.publish, onError),
      subscribeClient: guardFireAndForget(subscribeClient, onError),
    }),
  });
  const bus = {
    publish: (topic: keyof Topics, id: string, event: ChangeEvent) => pubsub.publish(`${prefix}${topic}`, id, event),
    subscribe: (topic: keyof Topics, id: string) => pubsub.subscribe(`${prefix}${topic}`, id),
    // Channel names as @graphql-yoga/subscription builds them: `${topic}:${id}`.
    listening: async (topic: keyof Topics, id: string) => {
      await subscribeClient.subscribe(`${prefix}${topic}:${id}`);
    },
  };
  return bus as EventBus;
}

const FIRE_AND_FORGET = new Set<PropertyKey>(['publish', 'subscribe', 'unsubscribe']);

/**
 * The Redis event target fires these commands without awaiting them. Without a handler, one that
 * fails (Redis away, or an unsubscribe racing shutdown's QUIT) is an unhandled rejection, which
 * ends a Node process. The connection errors themselves are logged where the clients are made.
 */
function guardFireAndForget(client: Redis, onError: (err: unknown, command: string) => void): Redis {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (!FIRE_AND_FORGET.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        result.catch((err: unknown) => onError(err, String(property)));
        return result;
      };
    },
  });
}
