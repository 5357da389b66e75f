import { randomUUID } from 'node:crypto';
import { DEFAULT_POSE_CATALOG, loadConfig } from '../../src/config/config.js';
import { createEventBus } from '../../src/events/pubsub.js';
import { ImageRepository } from '../../src/images/image-repository.js';
import { PoseCatalog } from '../../src/poses/catalog.js';
import { imageRecordsOf, saveImageRecords } from '../../src/renders/image-records.js';
import { RenderCache } from '../../src/renders/render-cache.js';
import { cacheKeyOf, type RenderJob } from '../../src/renders/render-job.js';
import { renderSettingsFrom } from '../../src/renders/render-settings.js';
import type { Store } from '../../src/store/store.js';

/**
 * What `n` uncached single-image renders leave in a store, written by the gateway's own code (the
 * render cache and the image records of `render-loader.ts`), without the HTTP and the simulator:
 * each one a distinct ZEPETO avatar, a URL as long as Render-it's, for several owners.
 * `onProgress` runs after every `every` renders.
 */
export async function simulateUncachedRenders(
  store: Store,
  n: number,
  onProgress?: (done: number) => void | Promise<void>,
  every = 10_000,
): Promise<void> {
  const cache = new RenderCache(store, renderSettingsFrom(loadConfig({})).cacheTtlMs);
  const images = new ImageRepository(store, createEventBus());
  const pose = PoseCatalog.fromFile(DEFAULT_POSE_CATALOG).ofProvider('ZEPETO').find((p) => p.kind === 'STILL')!;
  const owners = Array.from({ length: 50 }, () => `load-owner-${randomUUID()}`);
  for (let i = 1; i <= n; i++) {
    const job: RenderJob = { kind: 'still', quality: 'W640', pose, targets: [{ zepetoId: `zepeto-${i}`, avatarId: randomUUID() }] };
    const url = `https://render-it.example/results/${randomUUID()}.png?X-Amz-Expires=3600&X-Amz-Signature=${randomUUID().replaceAll('-', '')}`;
    const result = { urls: [url], frameCount: null, expiresAt: Date.now() + 60 * 60_000 };
    await cache.track(cacheKeyOf(job), Promise.resolve(result));
    await saveImageRecords(images, imageRecordsOf(owners[i % owners.length]!, job, result));
    if (onProgress && i % every === 0) await onProgress(i);
  }
}
