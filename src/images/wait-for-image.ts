import { setTimeout as sleep } from 'node:timers/promises';
import type { EventBus } from '../events/pubsub.js';
import type { ImageRepository } from './image-repository.js';
import type { ImageRecord } from './image-record.js';

/**
 * Waits at most `waitMs` for a render to settle (READY or FAILED), or with `untilSaved` just for
 * it to exist. Listens before reading, so a change between the read and the wait is not missed;
 * the listener is always removed. Returns the latest state (possibly still PENDING, or undefined
 * if it never appeared).
 */
export async function waitForImage(
  services: { events: EventBus; images: ImageRepository },
  imageId: string,
  waitMs: number,
  untilSaved = false,
): Promise<ImageRecord | undefined> {
  const done = (image: ImageRecord | undefined) => (untilSaved ? image !== undefined : image !== undefined && image.status !== 'PENDING');
  const events = services.events.subscribe('image:updated', imageId)[Symbol.asyncIterator]();
  let next = events.next();
  await services.events.listening('image:updated', imageId);
  const timer = new AbortController();
  const timedOut = sleep(waitMs, 'timeout' as const, { signal: timer.signal }).catch(() => 'cancelled' as const);
  try {
    for (;;) {
      const image = await services.images.get(imageId);
      if (done(image) || waitMs <= 0) return image;
      const winner = await Promise.race([next.then(() => 'event' as const), timedOut]);
      if (winner !== 'event') return services.images.get(imageId);
      next = events.next();
    }
  } finally {
    timer.abort();
    await events.return?.();
  }
}
