import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { simulateUncachedRenders } from './render-load.js';

describe('MemoryStore bounds', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('evicts the least recently used entry with a TTL past maxEntries', async () => {
    const store = new MemoryStore({ maxEntries: 3, sweepIntervalMs: 0 });
    for (const k of ['a', 'b', 'c']) await store.set(k, k, { ttlMs: 60_000 });
    expect(await store.get('a')).toBe('a'); // a is now the most recently used
    await store.set('d', 'd', { ttlMs: 60_000 });
    expect(await store.get('b')).toBeUndefined();
    expect(await Promise.all(['a', 'c', 'd'].map((k) => store.get(k)))).toEqual(['a', 'c', 'd']);
    expect(store.stats()).toEqual({ volatile: 3, durable: 0, evictions: 1 });
    await store.close();
  });

  it('never evicts entries without a TTL or sets, and reports their growth at maxEntries, then each doubling', async () => {
    const reports: number[] = [];
    const store = new MemoryStore({ maxEntries: 100, sweepIntervalMs: 0, onDurableGrowth: (n) => reports.push(n) });
    for (let i = 0; i < 300; i++) await store.set(`avatar:${i}`, { i });
    for (let i = 0; i < 150; i++) await store.setAdd(`owner-avatars:${i}`, `avatar:${i}`);
    // Caches churning through the bounded tier do not push user data out.
    for (let i = 0; i < 1_000; i++) await store.set(`render:${i}`, i, { ttlMs: 60_000 });
    expect(await store.get('avatar:0')).toEqual({ i: 0 });
    expect(await store.setMembers('owner-avatars:0')).toEqual(['avatar:0']);
    expect(store.stats()).toEqual({ volatile: 100, durable: 450, evictions: 900 });
    expect(reports).toEqual([100, 200, 400]);
    await store.close();
  });

  it('sweeps expired entries on its timer, without anyone reading them', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = 1_000_000;
    const store = new MemoryStore({ sweepIntervalMs: 60_000, now: () => now });
    for (let i = 0; i < 1_000; i++) await store.set(`claim:${i}`, i, { ttlMs: i < 600 ? 30_000 : 120_000 });
    await store.set('avatar:kept', 1);
    now += 30_001;
    expect(store.stats().volatile).toBe(1_000);
    vi.advanceTimersByTime(60_000);
    expect(store.stats()).toEqual({ volatile: 400, durable: 1, evictions: 0 });
    now += 90_000;
    vi.advanceTimersByTime(60_000);
    expect(store.stats()).toEqual({ volatile: 0, durable: 1, evictions: 0 });
    await store.close();
  });

  it('moves a key between tiers when it gains or loses a TTL, and takes a TTL of 0 for gone', async () => {
    let now = 1_000;
    const store = new MemoryStore({ sweepIntervalMs: 0, now: () => now });
    await store.set('watch', 1);
    await store.update<number>('watch', (n) => (n ?? 0) + 1, { ttlMs: 1_000 });
    expect(store.stats()).toMatchObject({ volatile: 1, durable: 0 });
    now += 1_001;
    expect(await store.get('watch')).toBeUndefined();
    await store.set('watch', 3, { ttlMs: 1_000 });
    await store.set('watch', 4);
    expect(store.stats()).toMatchObject({ volatile: 0, durable: 1 });
    expect(await store.set('past', 1, { ttlMs: 0 })).toBe(true);
    expect(await store.get('past')).toBeUndefined();
    expect(await store.set('past', 2, { ifAbsent: true })).toBe(true);
    await store.close();
  });

  it('holds a steady size through 30,000 uncached renders (render cache and image records)', async () => {
    const store = new MemoryStore({ maxEntries: 5_000, sweepIntervalMs: 0 });
    const sizes: number[] = [];
    await simulateUncachedRenders(store, 30_000, () => void sizes.push(store.stats().volatile), 5_000);
    expect(sizes).toEqual([5_000, 5_000, 5_000, 5_000, 5_000, 5_000]);
    expect(store.stats()).toEqual({ volatile: 5_000, durable: 0, evictions: 55_000 });
    await store.close();
  });
});
