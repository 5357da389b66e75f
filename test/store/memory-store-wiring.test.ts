import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/env-schema.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startTestGateway } from '../helpers/gateway.js';

describe('MEMORY_STORE_MAX_ENTRIES', () => {
  it('defaults to 50,000 and refuses values outside 100..1,000,000 with one line', () => {
    expect(loadConfig({}).memoryStoreMaxEntries).toBe(50_000);
    expect(loadConfig({ MEMORY_STORE_MAX_ENTRIES: '2000' }).memoryStoreMaxEntries).toBe(2_000);
    for (const bad of ['0', '99', '1000001', 'many']) {
      expect(() => loadConfig({ MEMORY_STORE_MAX_ENTRIES: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ MEMORY_STORE_MAX_ENTRIES: bad })).toThrow(/^MEMORY_STORE_MAX_ENTRIES must be a whole number between 100 and 1000000/);
    }
  });

  it('bounds the gateway memory store, and /metrics shows its size and evictions', async () => {
    const gw = await startTestGateway({ MEMORY_STORE_MAX_ENTRIES: '100' });
    try {
      const store = gw.services.store;
      expect(store).toBeInstanceOf(MemoryStore);
      for (let i = 0; i < 250; i++) await store.set(`cache:${i}`, i, { ttlMs: 60_000 });
      expect((store as MemoryStore).stats()).toMatchObject({ volatile: 100 });
      const text = await gw.services.metrics.metrics();
      expect(text).toMatch(/^avatar_gateway_memory_store_entries\{tier="volatile"\} 100$/m);
      expect(text).toMatch(/^avatar_gateway_memory_store_entries\{tier="durable"\} \d+$/m);
      expect(Number(/^avatar_gateway_memory_store_evictions_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(150);
    } finally {
      await gw.stop();
    }
  });
});
