import { Counter, Gauge, type Registry } from 'prom-client';
import type { MemoryStore } from './memory-store.js';

/**
 * The memory store's size on /metrics (read at scrape time): entries with a TTL (bounded, LRU),
 * durable entries (never evicted: a steady climb means this load wants Redis) and evictions.
 */
export function registerMemoryStoreMetrics(registry: Registry, store: MemoryStore): void {
  new Gauge({
    name: 'avatar_gateway_memory_store_entries',
    help: 'Entries in the in-memory store: tier="volatile" (with a TTL, LRU-bounded by MEMORY_STORE_MAX_ENTRIES) or tier="durable" (no TTL, never evicted).',
    labelNames: ['tier'] as const,
    registers: [registry],
    collect() {
      const { volatile, durable } = store.stats();
      this.set({ tier: 'volatile' }, volatile);
      this.set({ tier: 'durable' }, durable);
    },
  });
  let counted = 0;
  new Counter({
    name: 'avatar_gateway_memory_store_evictions_total',
    help: 'Entries with a TTL the in-memory store evicted before they expired (it was full).',
    registers: [registry],
    collect() {
      const { evictions } = store.stats();
      this.inc(evictions - counted);
      counted = evictions;
    },
  });
}
