import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { deleteKeys, describeRedis, freePort, startRedisServer, testRedis, uniquePrefix, waitUntil } from '../helpers/redis.js';

interface Instances {
  /** The store under test. */
  a: Store;
  /** A second handle on the same data, as another gateway instance would have (own connection on Redis). */
  b: Store;
}

/** Every Store implementation must pass these: the domain relies on nothing else. */
function storeContract(setup: () => Instances) {
  let a: Store;
  let b: Store;
  let n = 0;
  // A fresh key per test, so tests never see each other's data.
  const key = (name: string) => `${name}:${++n}`;
  beforeAll(() => {
    ({ a, b } = setup());
  });

  it('reads back what it wrote, as a copy, and undefined for a missing key', async () => {
    const k = key('value');
    expect(await a.get(k)).toBeUndefined();
    const value = { name: 'alice', tags: ['x'], nested: { n: 1 } };
    expect(await a.set(k, value)).toBe(true);
    value.tags.push('mutated after set');
    expect(await a.get(k)).toEqual({ name: 'alice', tags: ['x'], nested: { n: 1 } });
    expect(await b.get(k)).toEqual({ name: 'alice', tags: ['x'], nested: { n: 1 } });
    expect(await a.set(k, 'replaced')).toBe(true);
    expect(await b.get(k)).toBe('replaced');
  });

  it('expires a key after its TTL and keeps keys without one', async () => {
    const short = key('ttl');
    const kept = key('no-ttl');
    await a.set(short, 1, { ttlMs: 60 });
    await a.set(kept, 2);
    expect(await a.get(short)).toBe(1);
    await waitUntil(async () => (await b.get(short)) === undefined, 2_000, 'the TTL to expire');
    expect(await a.get(kept)).toBe(2);
  });

  it('writes with ifAbsent only when the key is missing (or expired)', async () => {
    const k = key('claim');
    expect(await a.set(k, 'first', { ifAbsent: true })).toBe(true);
    expect(await b.set(k, 'second', { ifAbsent: true })).toBe(false);
    expect(await a.get(k)).toBe('first');
    await a.delete(k);
    expect(await b.set(k, 'after delete', { ifAbsent: true, ttlMs: 60 })).toBe(true);
    expect(await a.set(k, 'too early', { ifAbsent: true })).toBe(false);
    await waitUntil(async () => (await a.get(k)) === undefined, 2_000, 'the claim to expire');
    expect(await a.set(k, 'after expiry', { ifAbsent: true })).toBe(true);
    expect(await b.get(k)).toBe('after expiry');
  });

  it('lets exactly one of 20 concurrent ifAbsent claims win', async () => {
    const k = key('race');
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).set(k, `claimant-${i}`, { ifAbsent: true })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.get(k)).toBe(`claimant-${claims.indexOf(true)}`);
  });

  it('claims a key for one owner at a time, until it is released or expires', async () => {
    const k = key('claim');
    expect(await a.claim(k, 'owner-a', 60_000)).toBe(true);
    expect(await b.claim(k, 'owner-b', 60_000)).toBe(false);
    expect(await b.get(k)).toBe('owner-a');
    expect(await b.release(k, 'owner-b')).toBe(false);
    expect(await a.get(k)).toBe('owner-a');
    expect(await a.release(k, 'owner-a')).toBe(true);
    expect(await a.release(k, 'owner-a')).toBe(false);
    expect(await b.claim(k, 'owner-b', 60)).toBe(true);
    await waitUntil(async () => (await a.get(k)) === undefined, 2_000, 'the claim to expire');
    expect(await a.claim(k, 'owner-a', 60_000)).toBe(true);
  });

  it('lets exactly one of 20 concurrent claims win', async () => {
    const k = key('claim-race');
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim(k, `claimant-${i}`, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.get(k)).toBe(`claimant-${claims.indexOf(true)}`);
  });

  it('never lets an expired holder release or renew the claim of the next holder', async () => {
    const k = key('lease');
    expect(await a.claim(k, 'first-holder', 50)).toBe(true);
    // The first holder stalls past its lease; the next one takes it over.
    await waitUntil(async () => b.claim(k, 'next-holder', 60_000), 2_000, 'the lease to expire and pass on');
    expect(await a.renew(k, 'first-holder', 60_000)).toBe(false);
    expect(await a.release(k, 'first-holder')).toBe(false);
    expect(await b.get(k)).toBe('next-holder');
    expect(await a.claim(k, 'third-holder', 60_000)).toBe(false);
    expect(await b.release(k, 'next-holder')).toBe(true);
  });

  it('renews a claim for its owner only, from now', async () => {
    const k = key('renew');
    expect(await a.claim(k, 'owner', 150)).toBe(true);
    expect(await b.renew(k, 'someone-else', 60_000)).toBe(false);
    expect(await b.renew(k, 'owner', 60_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await a.get(k)).toBe('owner');
    expect(await a.renew(k, 'owner', 60)).toBe(true);
    await waitUntil(async () => (await b.get(k)) === undefined, 2_000, 'the shortened claim to expire');
    expect(await b.renew(k, 'owner', 60_000)).toBe(false);
  });

  it('updates atomically: 50 concurrent increments from two instances make 50', async () => {
    const k = key('counter');
    const increment = (current: { n: number } | undefined) => ({ n: (current?.n ?? 0) + 1 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).update(k, increment)));
    expect(await a.get(k)).toEqual({ n: 50 });
    // Each call returns the value it wrote: all distinct, 1..50.
    expect(results.map((r) => r!.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('passes undefined for a missing key to update, and writes nothing when update returns undefined', async () => {
    const k = key('noop');
    const seen: unknown[] = [];
    expect(await a.update(k, (current) => (seen.push(current), undefined))).toBeUndefined();
    expect(seen).toEqual([undefined]);
    expect(await a.set(k, 'fresh', { ifAbsent: true })).toBe(true);

    await a.set(k, { version: 3 }, { ttlMs: 60_000 });
    expect(await b.update<{ version: number }>(k, () => undefined)).toEqual({ version: 3 });
    expect(await a.get(k)).toEqual({ version: 3 });

    expect(await b.update<{ version: number }>(k, (c) => ({ version: c!.version + 1 }), { ttlMs: 60 })).toEqual({ version: 4 });
    await waitUntil(async () => (await a.get(k)) === undefined, 2_000, 'the updated key to expire');
  });

  it('keeps small sets: add (idempotent), members, remove', async () => {
    const k = key('set');
    expect(await a.setMembers(k)).toEqual([]);
    await a.setAdd(k, 'x');
    await b.setAdd(k, 'y');
    await a.setAdd(k, 'x');
    expect((await b.setMembers(k)).sort()).toEqual(['x', 'y']);
    await b.setRemove(k, 'x');
    await a.setRemove(k, 'not a member');
    expect(await a.setMembers(k)).toEqual(['y']);
  });

  it('deletes values and sets, and a missing key without complaint', async () => {
    const value = key('doomed');
    const set = key('doomed-set');
    await a.set(value, 1);
    await a.setAdd(set, 'm');
    await b.delete(value);
    await b.delete(set);
    await b.delete(key('never-written'));
    expect(await a.get(value)).toBeUndefined();
    expect(await a.setMembers(set)).toEqual([]);
  });

  it('answers ping while its backing service is up', async () => {
    await expect(a.ping()).resolves.toBeUndefined();
    await expect(b.ping()).resolves.toBeUndefined();
  });
}

describe('MemoryStore', () => {
  storeContract(() => {
    const store = new MemoryStore();
    return { a: store, b: store };
  });
});

describeRedis('RedisStore', () => {
  const prefix = uniquePrefix('store-contract');
  const clients: Redis[] = [];
  afterAll(async () => {
    await deleteKeys(clients[0]!, prefix);
    await Promise.all(clients.map((c) => c.quit()));
  });
  storeContract(() => {
    clients.push(testRedis(), testRedis());
    return { a: new RedisStore(clients[0]!, prefix), b: new RedisStore(clients[1]!, prefix) };
  });

  it('keeps its keys under its prefix', async () => {
    const store = new RedisStore(clients[0]!, prefix);
    await store.set('prefixed', 1);
    expect(await clients[1]!.get(`${prefix}prefixed`)).toBe('1');
  });

  it('fails ping at once while the connection is down, without waiting for reconnect attempts', async () => {
    const server = await startRedisServer(await freePort());
    // Reconnects only every 5 s: a PING queued until then would make readiness hang that long.
    const client = new Redis(server.url, { retryStrategy: () => 5_000, maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    try {
      const store = new RedisStore(client, prefix);
      await waitUntil(() => client.status === 'ready', 2_000, 'the connection');
      await expect(store.ping()).resolves.toBeUndefined();
      await server.kill();
      await waitUntil(() => client.status === 'reconnecting', 2_000, 'the connection to drop');
      const started = Date.now();
      await expect(store.ping()).rejects.toThrow('redis connection is reconnecting');
      expect(Date.now() - started).toBeLessThan(100);
    } finally {
      client.disconnect();
      await server.kill();
    }
  });
});
