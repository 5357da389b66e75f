/**
 * Shared state behind every instance: memory for one instance, Redis when `REDIS_URL` is set.
 * Values are JSON. The primitives are the few the domain needs: plain keys with TTL, claims
 * (leases held by one owner at a time: single flight, locks, dedupe, idempotency), small sets
 * (per-user indexes) and an atomic read-modify-write for versioned records.
 */
export interface UpdateOptions<T> {
  /** Lifetime of the written value: fixed, or computed from it (undefined = for ever). */
  ttlMs?: number | ((next: T) => number | undefined);
}

/** The TTL an update writes with. */
export function ttlOf<T>(options: UpdateOptions<T>, next: T): number | undefined {
  return typeof options.ttlMs === 'function' ? options.ttlMs(next) : options.ttlMs;
}

export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  /**
   * Writes `value`. With `ifAbsent`, only when the key does not exist: for values written once
   * whose first write wins (a mapping); leases use `claim`. Returns whether it wrote.
   */
  set<T>(key: string, value: T, options?: { ttlMs?: number; ifAbsent?: boolean }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Takes `key` for `owner` (a value unique to the taker) for `ttlMs`, unless someone holds it.
   * Returns whether it did. While held, `get(key)` reads the owner.
   */
  claim(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /**
   * Gives `key` back if `owner` still holds it, in one atomic step: a claim that expired and was
   * taken by someone else is theirs, and stays. Returns whether it released.
   */
  release(key: string, owner: string): Promise<boolean>;
  /** Extends `owner`'s claim to `ttlMs` from now if it still holds it (a heartbeat). Returns whether it did. */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /**
   * Atomically replaces the value with `fn(current)`; `fn` returning `undefined` leaves it
   * unchanged. `fn` may run more than once under contention, so it must be pure.
   */
  update<T>(key: string, fn: (current: T | undefined) => T | undefined, options?: UpdateOptions<T>): Promise<T | undefined>;
  setAdd(key: string, member: string): Promise<void>;
  setRemove(key: string, member: string): Promise<void>;
  setMembers(key: string): Promise<string[]>;
  /** Throws when the backing service is unreachable (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
