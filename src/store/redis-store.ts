import type { Redis } from 'ioredis';
import { ttlOf, type Store, type UpdateOptions } from './store.js';

// ARGV: expected current JSON ('' = absent), new JSON, TTL in ms ('' = none).
const COMPARE_AND_SET = `
local cur = redis.call('GET', KEYS[1])
if (cur == false and ARGV[1] == '') or cur == ARGV[1] then
  if ARGV[3] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) else redis.call('SET', KEYS[1], ARGV[2]) end
  return 1
end
return 0`;

// Claims: KEYS[1] the claim, ARGV[1] the owner's JSON (ARGV[2] the new TTL in ms for RENEW).
// Compare and act in one step, so an owner whose claim expired never touches the next holder's.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Longest a readiness ping waits: probes must answer quickly even when Redis hangs. */
const PING_TIMEOUT_MS = 1_000;

/** Store over Redis: every instance sees the same state. Keys are prefixed so tests can share a server. */
export class RedisStore implements Store {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ag:',
  ) {}

  private k(key: string): string {
    return this.prefix + key;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(this.k(key));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set<T>(key: string, value: T, options: { ttlMs?: number; ifAbsent?: boolean } = {}): Promise<boolean> {
    const json = JSON.stringify(value);
    const k = this.k(key);
    let result: string | null;
    if (options.ttlMs !== undefined && options.ifAbsent) result = await this.redis.set(k, json, 'PX', options.ttlMs, 'NX');
    else if (options.ttlMs !== undefined) result = await this.redis.set(k, json, 'PX', options.ttlMs);
    else if (options.ifAbsent) result = await this.redis.set(k, json, 'NX');
    else result = await this.redis.set(k, json);
    return result === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.k(key));
  }

  async claim(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.k(key), JSON.stringify(owner), 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async release(key: string, owner: string): Promise<boolean> {
    return (await this.redis.eval(RELEASE, 1, this.k(key), JSON.stringify(owner))) === 1;
  }

  async renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.k(key), JSON.stringify(owner), String(Math.max(1, Math.ceil(ttlMs))))) === 1;
  }

  /**
   * Optimistic compare-and-set: read, compute, then a Lua script writes only if the value is still
   * the one read (retried otherwise). Runs on the shared connection, unlike WATCH/MULTI.
   */
  async update<T>(key: string, fn: (current: T | undefined) => T | undefined, options: UpdateOptions<T> = {}) {
    const k = this.k(key);
    for (let attempt = 0; attempt < 100; attempt++) {
      const raw = await this.redis.get(k);
      const current = raw === null ? undefined : (JSON.parse(raw) as T);
      const next = fn(current);
      if (next === undefined) return current;
      const ttlMs = ttlOf(options, next);
      const ttl = ttlMs === undefined ? '' : String(ttlMs);
      const written = await this.redis.eval(COMPARE_AND_SET, 1, k, raw ?? '', JSON.stringify(next), ttl);
      if (written === 1) return next;
    }
    throw new Error(`store update of ${key} kept conflicting`);
  }

  async setAdd(key: string, member: string): Promise<void> {
    await this.redis.sadd(this.k(key), member);
  }

  async setRemove(key: string, member: string): Promise<void> {
    await this.redis.srem(this.k(key), member);
  }

  async setMembers(key: string): Promise<string[]> {
    return this.redis.smembers(this.k(key));
  }

  /**
   * Readiness: fails at once while the connection is down (a queued PING would wait for the next
   * reconnect attempts, seconds apart), and within `PING_TIMEOUT_MS` if Redis does not answer.
   */
  async ping(): Promise<void> {
    const status = this.redis.status;
    if (status === 'reconnecting' || status === 'close' || status === 'end') throw new Error(`redis connection is ${status}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis did not answer PING within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.redis.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    // The connection is owned by whoever created it (see src/services.ts).
  }
}
