import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createClient } from 'graphql-sse';
import type { Redis } from 'ioredis';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ZepetoAvatarRecord } from '../../src/avatars/avatar-record.js';
import { liveRecord } from '../../src/events/live-record.js';
import { schema } from '../../src/schema/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  REDIS_URL,
  describeRedis,
  freePort,
  startRedisServer,
  testRedis,
  waitForSubscribers,
  waitUntil,
  type RedisServer,
} from '../helpers/redis.js';

async function readiness(gw: TestGateway): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const res = await request(`${gw.url}/readyz`, { headersTimeout: 5_000 });
  return { status: res.statusCode, body: (await res.body.json()) as { status: string; reason?: string } };
}

/** Next value of an async iterator, or a failure after `ms`. */
async function nextWithin<T>(it: AsyncIterator<T>, ms = 3_000): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([it.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describeRedis('two gateway instances sharing Redis', () => {
  let a: TestGateway;
  let b: TestGateway;
  let admin: Redis;
  // Every record this file writes belongs to this owner, so nothing collides with other runs.
  const ownerId = `multi-instance-${randomUUID()}`;
  const created: ZepetoAvatarRecord[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestGateway({ REDIS_URL }), startTestGateway({ REDIS_URL })]);
    admin = testRedis();
  });
  afterAll(async () => {
    for (const record of created) await a?.services.avatars.delete(record);
    await Promise.all([a?.stop(), b?.stop()]);
    await admin?.quit();
  });

  const createAvatar = async (zepetoId: string) => {
    const record = await a.services.avatars.create<ZepetoAvatarRecord>({ ownerId, provider: 'ZEPETO', status: 'READY', zepetoId });
    created.push(record);
    return record;
  };

  it('reports ready on both instances once their Redis connections are up', async () => {
    for (const gw of [a, b]) {
      await waitUntil(async () => (await readiness(gw)).status === 200, 5_000, 'readiness');
      expect(await readiness(gw)).toEqual({ status: 200, body: { status: 'ready' } });
    }
  });

  it('reads on B a record written through A', async () => {
    const record = await createAvatar('z1');
    expect(await b.services.avatars.getOwned(record.id, ownerId)).toEqual(record);
    expect((await b.services.avatars.listByOwner(ownerId)).map((r) => r.id)).toContain(record.id);
    await expect(b.services.avatars.getOwned(record.id, 'someone-else')).rejects.toThrow('Avatar not found');
  });

  it('delivers a change made on A to a subscriber on B, and completes it when A deletes the avatar', async () => {
    const record = await createAvatar('z2');
    const live = liveRecord<ZepetoAvatarRecord>({
      events: b.services.events,
      topic: 'avatar:updated',
      id: record.id,
      load: () => b.services.avatars.getOwned(record.id, ownerId, 'ZEPETO').catch(() => undefined),
    });
    expect((await nextWithin(live)).value).toMatchObject({ id: record.id, version: 1, status: 'READY' });
    await waitForSubscribers(admin, `ag:avatar:updated:${record.id}`);

    const next = nextWithin(live);
    await a.services.avatars.update<ZepetoAvatarRecord>(record.id, () => ({ status: 'FAILED' }));
    expect((await next).value).toMatchObject({ id: record.id, version: 2, status: 'FAILED' });

    const end = nextWithin(live);
    await a.services.avatars.delete({ ...record, version: 2 });
    expect(await end).toEqual({ done: true, value: undefined });
  });

  // Needs the ZepetoAvatar type (a separate issue); until it is in the schema this runs at the service level above only.
  it.skipIf(!schema.getType('ZepetoAvatar'))('streams avatarUpdated over SSE from B for a change made on A', async () => {
    const record = await createAvatar('z3');
    const token = await b.token(ownerId);
    const client = createClient({ url: `${b.url}/graphql`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const updates = client.iterate<{ avatarUpdated: { id: string; status: string } }>({
      query: 'subscription ($id: ID!) { avatarUpdated(id: $id) { id status } }',
      variables: { id: encodeGlobalID('ZepetoAvatar', record.id) },
    });
    try {
      expect((await nextWithin(updates)).value?.data?.avatarUpdated.status).toBe('READY');
      await waitForSubscribers(admin, `ag:avatar:updated:${record.id}`);
      await a.services.avatars.update<ZepetoAvatarRecord>(record.id, () => ({ status: 'FAILED' }));
      expect((await nextWithin(updates)).value?.data?.avatarUpdated.status).toBe('FAILED');
    } finally {
      await updates.return?.(undefined);
      client.dispose();
    }
  });
});

describeRedis('readiness while Redis goes away and comes back', () => {
  let redis: RedisServer | undefined;
  let gw: TestGateway | undefined;

  beforeAll(async () => {
    redis = await startRedisServer(await freePort());
    gw = await startTestGateway({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await gw?.stop();
    await redis?.kill();
  });

  it('answers 503 while Redis is down and 200 again once it is back', async () => {
    await waitUntil(async () => (await readiness(gw!)).status === 200, 5_000, 'readiness with Redis up');

    await redis!.kill();
    await waitUntil(async () => (await readiness(gw!)).status === 503, 5_000, 'readiness to fail without Redis');
    const down = await readiness(gw!);
    expect(down.body.status).toBe('unavailable');

    redis = await startRedisServer(redis!.port);
    await waitUntil(async () => (await readiness(gw!)).status === 200, 10_000, 'readiness to recover');
  });
});
