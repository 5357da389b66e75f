import { DEFAULT_MEMORY_STORE_MAX_ENTRIES, MemoryStore } from '../src/store/memory-store.js';
import { simulateUncachedRenders } from '../test/store/render-load.js';

const RENDERS = 100_000;
const gc = (globalThis as { gc?: () => void }).gc;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function trend(maxEntries: number): Promise<string[]> {
  const store = new MemoryStore({ maxEntries });
  gc?.();
  const base = process.memoryUsage().heapUsed;
  const lines: string[] = [];
  await simulateUncachedRenders(
    store,
    RENDERS,
    (done) => {
      if (done !== 10_000 && done !== 50_000 && done !== RENDERS) return;
      gc?.();
      const { volatile, durable } = store.stats();
      lines.push(`${String(done).padStart(6)} renders: heapUsed +${mib(process.memoryUsage().heapUsed - base)}, ${volatile} entries (+${durable} durable)`);
    },
    10_000,
  );
  await store.close();
  return lines;
}

/**
 * The memory store through 100,000 uncached renders (render cache entry and image record each,
 * written by the gateway's own code) at the default MEMORY_STORE_MAX_ENTRIES: the heap grows
 * until the bound, then holds (the unbounded store grew ~1.4 KB per render for ever). Run with
 * `node --expose-gc --import tsx bench/index.ts memory` for heap figures after a full GC.
 */
export async function run(): Promise<{ name: string; lines: string[] }> {
  return {
    name: `memory store: ${RENDERS.toLocaleString('en')} uncached renders, MEMORY_STORE_MAX_ENTRIES=${DEFAULT_MEMORY_STORE_MAX_ENTRIES}${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`,
    lines: await trend(DEFAULT_MEMORY_STORE_MAX_ENTRIES),
  };
}
