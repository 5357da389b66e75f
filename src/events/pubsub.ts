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

export type EventBus = PubSub<Topics>;

/** In-memory for one instance; over Redis (two connections: publish and subscribe) for many. */
export function createEventBus(redis?: { publish: Redis; subscribe: Redis }): EventBus {
  if (!redis) return createPubSub<Topics>();
  return createPubSub<Topics>({
    eventTarget: createRedisEventTarget({ publishClient: redis.publish, subscribeClient: redis.subscribe }),
  });
}
