import { ttlOf, type Store, type UpdateOptions } from './store.js';

interface Entry {
  json: string;
  expiresAt: number | undefined;
}

/** One-instance store. Values are stored as JSON so both stores behave alike (no shared references). */
export class MemoryStore implements Store {
  private readonly entries = new Map<string, Entry>();
  private readonly sets = new Map<string, Set<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  async set<T>(key: string, value: T, options: { ttlMs?: number; ifAbsent?: boolean } = {}): Promise<boolean> {
    if (options.ifAbsent && this.live(key)) return false;
    this.write(key, value, options.ttlMs);
    return true;
  }

  private write(key: string, value: unknown, ttlMs: number | undefined): void {
    this.entries.set(key, {
      json: JSON.stringify(value),
      expiresAt: ttlMs === undefined ? undefined : this.now() + ttlMs,
    });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
    this.sets.delete(key);
  }

  /** Read, compute and write with no await in between: that is what makes it atomic on one event loop. */
  async update<T>(key: string, fn: (current: T | undefined) => T | undefined, options: UpdateOptions<T> = {}) {
    const entry = this.live(key);
    const current = entry ? (JSON.parse(entry.json) as T) : undefined;
    const next = fn(current);
    if (next === undefined) return current;
    this.write(key, next, ttlOf(options, next));
    return next;
  }

  async setAdd(key: string, member: string): Promise<void> {
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Set()));
    set.add(member);
  }

  async setRemove(key: string, member: string): Promise<void> {
    this.sets.get(key)?.delete(member);
  }

  async setMembers(key: string): Promise<string[]> {
    return [...(this.sets.get(key) ?? [])];
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
    this.sets.clear();
  }
}
