import { LRUCache } from 'lru-cache';
import { ttlOf, type Store, type UpdateOptions } from './store.js';

export interface MemoryStoreOptions {
  /**
   * Most entries with a TTL (render cache, images, claims, deliveries, idempotency records) kept
   * at once; past it the least recently used one is evicted, as a cache would. @default 50000
   */
  maxEntries?: number;
  /** How often expired entries are swept (0 = only when read). @default 60000 */
  sweepIntervalMs?: number;
  /**
   * Called when the durable entries (no TTL, and sets) first reach `maxEntries`, then each time
   * their count doubles: they are never evicted, so a count that keeps growing needs a look.
   */
  onDurableGrowth?: (count: number) => void;
  /** The clock TTLs are measured with, in ms (tests pass a fake one; it must not read 0). @default Date.now */
  now?: () => number;
}

export interface MemoryStoreStats {
  /** Entries with a TTL (bounded by `maxEntries`). */
  volatile: number;
  /** Entries without a TTL, plus sets (never evicted). */
  durable: number;
  /** Entries with a TTL evicted before they expired, since start. */
  evictions: number;
}

export const DEFAULT_MEMORY_STORE_MAX_ENTRIES = 50_000;
const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/**
 * One-instance store. Values are stored as JSON so both stores behave alike (no shared references).
 *
 * Bounded in two tiers. What carries a TTL is cache-like by contract (it may vanish at any time
 * anyway), so it lives in an LRU with `maxEntries` and a periodic sweep of expired entries: a long
 * run of uncached renders holds steady memory. What has no TTL (avatar records, per-user indexes,
 * Avaturn user mappings) is user data that Redis would keep too: it is never evicted, only counted,
 * and its growth reported through `onDurableGrowth` (and the memory store gauge on /metrics).
 */
export class MemoryStore implements Store {
  private readonly volatile: LRUCache<string, string>;
  private readonly durable = new Map<string, string>();
  private readonly sets = new Map<string, Set<string>>();
  private readonly maxEntries: number;
  private readonly onDurableGrowth: ((count: number) => void) | undefined;
  private readonly sweeper: NodeJS.Timeout | undefined;
  private nextReportAt: number;
  private evictions = 0;

  constructor(options: MemoryStoreOptions = {}) {
    const now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? DEFAULT_MEMORY_STORE_MAX_ENTRIES;
    this.nextReportAt = this.maxEntries;
    this.onDurableGrowth = options.onDurableGrowth;
    this.volatile = new LRUCache<string, string>({
      max: this.maxEntries,
      perf: { now },
      // Checked against the clock every time: no cached "now", no timer per read.
      ttlResolution: 0,
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.evictions++;
      },
    });
    const sweepMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    if (sweepMs > 0) {
      this.sweeper = setInterval(() => this.sweep(), sweepMs);
      this.sweeper.unref();
    }
  }

  /** Drops every expired entry (run by the timer; exposed for tests). */
  sweep(): void {
    this.volatile.purgeStale();
  }

  stats(): MemoryStoreStats {
    return { volatile: this.volatile.size, durable: this.durableCount(), evictions: this.evictions };
  }

  private durableCount(): number {
    return this.durable.size + this.sets.size;
  }

  private has(key: string): boolean {
    return this.volatile.has(key) || this.durable.has(key) || this.sets.has(key);
  }

  private read<T>(key: string): T | undefined {
    const json = this.volatile.get(key) ?? this.durable.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.read<T>(key);
  }

  async set<T>(key: string, value: T, options: { ttlMs?: number; ifAbsent?: boolean } = {}): Promise<boolean> {
    if (options.ifAbsent && this.has(key)) return false;
    this.write(key, value, options.ttlMs);
    return true;
  }

  private write(key: string, value: unknown, ttlMs: number | undefined): void {
    const json = JSON.stringify(value);
    if (ttlMs === undefined) {
      this.volatile.delete(key);
      this.durable.set(key, json);
      this.noteDurableGrowth();
      return;
    }
    this.durable.delete(key);
    // Already expired (a deadline in the past): as good as written and gone.
    if (ttlMs <= 0) this.volatile.delete(key);
    else this.volatile.set(key, json, { ttl: Math.ceil(ttlMs) });
  }

  private noteDurableGrowth(): void {
    const count = this.durableCount();
    if (count < this.nextReportAt) return;
    this.nextReportAt *= 2;
    this.onDurableGrowth?.(count);
  }

  async delete(key: string): Promise<void> {
    this.volatile.delete(key);
    this.durable.delete(key);
    this.sets.delete(key);
  }

  // Claims hold their owner as JSON, like any value; no await between the check and the change.
  async claim(key: string, owner: string, ttlMs: number): Promise<boolean> {
    if (this.has(key)) return false;
    this.write(key, owner, Math.max(1, ttlMs));
    return true;
  }

  async release(key: string, owner: string): Promise<boolean> {
    if (this.read(key) !== owner) return false;
    this.volatile.delete(key);
    this.durable.delete(key);
    return true;
  }

  async renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    if (this.read(key) !== owner) return false;
    this.write(key, owner, Math.max(1, ttlMs));
    return true;
  }

  /** Read, compute and write with no await in between: that is what makes it atomic on one event loop. */
  async update<T>(key: string, fn: (current: T | undefined) => T | undefined, options: UpdateOptions<T> = {}) {
    const current = this.read<T>(key);
    const next = fn(current);
    if (next === undefined) return current;
    this.write(key, next, ttlOf(options, next));
    return next;
  }

  async setAdd(key: string, member: string): Promise<void> {
    let set = this.sets.get(key);
    if (!set) {
      this.sets.set(key, (set = new Set()));
      this.noteDurableGrowth();
    }
    set.add(member);
  }

  async setRemove(key: string, member: string): Promise<void> {
    const set = this.sets.get(key);
    set?.delete(member);
    // Redis drops a set with its last member; so does this store (an empty set is a missing key).
    if (set?.size === 0) this.sets.delete(key);
  }

  async setMembers(key: string): Promise<string[]> {
    return [...(this.sets.get(key) ?? [])];
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.volatile.clear();
    this.durable.clear();
    this.sets.clear();
  }
}
