import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveRecord } from '../../src/events/live-record.js';
import { createEventBus, type ChangeEvent, type EventBus } from '../../src/events/pubsub.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { deleteKeys, describeRedis, testRedis, uniquePrefix, waitForSubscribers, waitUntil } from '../helpers/redis.js';

interface Rec {
  id: string;
  version: number;
  label: string;
}

/** Next value of an async iterator, or a failure after `ms` (a lost event must not hang the suite). */
async function nextWithin<T>(it: AsyncIterator<T>, ms = 2_000): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([it.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves on the next macrotask: long enough for every in-process event already published to be delivered. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createEventBus (memory)', () => {
  it('delivers events for the subscribed id only, in order', async () => {
    const bus = createEventBus();
    const x = bus.subscribe('avatar:updated', 'x');
    const y = bus.subscribe('avatar:updated', 'y');
    const xFirst = x.next();
    const yFirst = y.next();
    bus.publish('avatar:updated', 'y', { id: 'y', version: 1 });
    bus.publish('avatar:updated', 'x', { id: 'x', version: 1 });
    bus.publish('avatar:updated', 'x', { id: 'x', version: 2 });
    expect((await xFirst).value).toEqual({ id: 'x', version: 1 });
    expect((await x.next()).value).toEqual({ id: 'x', version: 2 });
    expect((await yFirst).value).toEqual({ id: 'y', version: 1 });
    await x.return?.(undefined);
    await y.return?.(undefined);
  });

  it('keeps topics apart even for the same id', async () => {
    const bus = createEventBus();
    const images = bus.subscribe('image:updated', 'same');
    const first = images.next();
    bus.publish('avatar:updated', 'same', { id: 'same', version: 1 });
    bus.publish('image:updated', 'same', { id: 'same', version: 7 });
    expect((await first).value).toEqual({ id: 'same', version: 7 });
    await images.return?.(undefined);
  });
});

/** A record in a store plus the bus, written the way the repositories do: store first, then publish. */
function recordFixture(store: Store, writer: EventBus, id = randomUUID()) {
  const key = `rec:${id}`;
  return {
    id,
    load: () => store.get<Rec>(key),
    async write(version: number, label = `v${version}`) {
      await store.set<Rec>(key, { id, version, label });
      writer.publish('avatar:updated', id, { id, version });
    },
    publish(event: Omit<ChangeEvent, 'id'>) {
      writer.publish('avatar:updated', id, { id, ...event });
    },
    async remove(version: number) {
      await store.delete(key);
      writer.publish('avatar:updated', id, { id, version, deleted: true });
    },
  };
}

describe('liveRecord', () => {
  const bus = createEventBus();
  const store = new MemoryStore();

  it('yields the current state first, then newer versions only', async () => {
    const rec = recordFixture(store, bus);
    await rec.write(1);
    let loads = 0;
    const live = liveRecord<Rec>({ events: bus, topic: 'avatar:updated', id: rec.id, load: () => (loads++, rec.load()) });
    expect((await nextWithin(live)).value).toEqual({ id: rec.id, version: 1, label: 'v1' });

    const second = live.next();
    rec.publish({ version: 1 }); // repeated
    rec.publish({ version: 0 }); // late
    await rec.write(2);
    expect((await second).value).toEqual({ id: rec.id, version: 2, label: 'v2' });
    // The stale events never caused a read.
    expect(loads).toBe(2);

    // An event announcing a version the store does not show yet (or anymore) yields nothing backwards.
    const third = live.next();
    rec.publish({ version: 5 });
    await rec.write(3);
    expect((await third).value).toEqual({ id: rec.id, version: 3, label: 'v3' });
    await live.return?.(undefined);
  });

  it('ends when the record is deleted', async () => {
    const rec = recordFixture(store, bus);
    await rec.write(1);
    const live = liveRecord<Rec>({ events: bus, topic: 'avatar:updated', id: rec.id, load: rec.load });
    await nextWithin(live);
    const next = live.next();
    await rec.remove(2);
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('ends at once when the record does not exist', async () => {
    const live = liveRecord<Rec>({ events: bus, topic: 'avatar:updated', id: randomUUID(), load: async () => undefined });
    expect(await nextWithin(live)).toEqual({ done: true, value: undefined });
  });

  it('does not lose a change made between subscribing and reading the state', async () => {
    const rec = recordFixture(store, bus);
    await rec.write(1);
    let firstLoad = true;
    const load = async () => {
      if (!firstLoad) return rec.load();
      firstLoad = false;
      const seen = await rec.load(); // reads v1 ...
      await rec.write(2); // ... and v2 lands (and is announced) before the read returns
      return seen;
    };
    const live = liveRecord<Rec>({ events: bus, topic: 'avatar:updated', id: rec.id, load });
    expect((await nextWithin(live)).value?.version).toBe(1);
    expect((await nextWithin(live)).value?.version).toBe(2);
    await live.return?.(undefined);
  });

  it('hears nothing more once the consumer stops', async () => {
    const rec = recordFixture(store, bus);
    await rec.write(1);
    let loads = 0;
    const live = liveRecord<Rec>({ events: bus, topic: 'avatar:updated', id: rec.id, load: () => (loads++, rec.load()) });
    await nextWithin(live);
    await live.return?.(undefined);
    await rec.write(2);
    await settle();
    expect(loads).toBe(1);
    expect(await live.next()).toEqual({ done: true, value: undefined });
  });
});

describeRedis('createEventBus (Redis, two instances)', () => {
  const prefix = uniquePrefix('event-bus');
  const clients: Redis[] = [];
  let admin: Redis;
  let a: EventBus;
  let b: EventBus;
  let storeA: Store;
  let storeB: Store;

  beforeAll(() => {
    const client = () => {
      const c = testRedis();
      clients.push(c);
      return c;
    };
    admin = client();
    a = createEventBus({ publish: client(), subscribe: client() });
    b = createEventBus({ publish: client(), subscribe: client() });
    storeA = new RedisStore(client(), prefix);
    storeB = new RedisStore(client(), prefix);
  });
  afterAll(async () => {
    await deleteKeys(admin, prefix);
    await Promise.all(clients.map((c) => c.quit()));
  });

  const channel = (id: string) => `avatar:updated:${id}`;

  it('delivers an event published on one instance to a subscriber on the other, scoped by id', async () => {
    const x = randomUUID();
    const y = randomUUID();
    const onX = b.subscribe('avatar:updated', x);
    const onY = b.subscribe('avatar:updated', y);
    const firstX = nextWithin(onX);
    const firstY = nextWithin(onY);
    await waitForSubscribers(admin, channel(x));
    await waitForSubscribers(admin, channel(y));

    // Y goes first: if scoping leaked, X's subscriber would see it before its own event.
    a.publish('avatar:updated', y, { id: y, version: 1 });
    a.publish('avatar:updated', x, { id: x, version: 4, deleted: true });
    expect((await firstX).value).toEqual({ id: x, version: 4, deleted: true });
    expect((await firstY).value).toEqual({ id: y, version: 1 });

    await onX.return?.(undefined);
    await onY.return?.(undefined);
    await waitUntil(async () => Number(((await admin.pubsub('NUMSUB', channel(x))) as [string, number])[1]) === 0, 2_000, 'unsubscribe');
  });

  it('keeps deployments with different channel prefixes apart on one Redis', async () => {
    const id = randomUUID();
    const own = [testRedis(), testRedis(), testRedis(), testRedis()] as const;
    clients.push(...own);
    const blue = createEventBus({ publish: own[0], subscribe: own[1], channelPrefix: `${prefix}blue:` });
    const green = createEventBus({ publish: own[2], subscribe: own[3], channelPrefix: `${prefix}green:` });
    const onGreen = green.subscribe('avatar:updated', id);
    const firstGreen = nextWithin(onGreen);
    await green.listening('avatar:updated', id);
    blue.publish('avatar:updated', id, { id, version: 1 });
    green.publish('avatar:updated', id, { id, version: 2 });
    // Had blue's event crossed over, green's first event would be version 1.
    expect((await firstGreen).value).toEqual({ id, version: 2 });
    await onGreen.return?.(undefined);
  });

  it('delivers to subscribers on the publishing instance too', async () => {
    const id = randomUUID();
    const onA = a.subscribe('image:updated', id);
    const first = nextWithin(onA);
    await waitForSubscribers(admin, `image:updated:${id}`);
    a.publish('image:updated', id, { id, version: 2 });
    expect((await first).value).toEqual({ id, version: 2 });
    await onA.return?.(undefined);
  });

  it('runs liveRecord across instances: state written on A reaches a live record on B', async () => {
    const recA = recordFixture(storeA, a);
    const recB = recordFixture(storeB, b, recA.id);
    await recA.write(1);
    const live = liveRecord<Rec>({ events: b, topic: 'avatar:updated', id: recA.id, load: recB.load });
    expect((await nextWithin(live)).value?.version).toBe(1);
    await waitForSubscribers(admin, channel(recA.id));

    const next = nextWithin(live);
    recA.publish({ version: 1 });
    await recA.write(2, 'from A');
    expect((await next).value).toEqual({ id: recA.id, version: 2, label: 'from A' });

    const end = nextWithin(live);
    await recA.remove(3);
    expect(await end).toEqual({ done: true, value: undefined });
    // The ended stream released its Redis subscription.
    await waitUntil(
      async () => Number(((await admin.pubsub('NUMSUB', channel(recA.id))) as [string, number])[1]) === 0,
      2_000,
      'the live record to unsubscribe',
    );
  });
});
