import type { EventBus } from '../events/pubsub.js';
import type { Store } from '../store/store.js';
import { VersionedRecords } from '../store/versioned-records.js';
import type { ImageRecord } from './image-record.js';

/** A pending render is kept this long at most; a ready one until its URL expires. */
const PENDING_TTL_MS = 60 * 60 * 1000;

/** Renders in the shared store: owner-scoped, versioned, published on `image:updated`. */
export class ImageRepository extends VersionedRecords<ImageRecord> {
  constructor(store: Store, events: EventBus, now: () => number = Date.now) {
    super(store, events, {
      keyPrefix: 'image',
      topic: 'image:updated',
      notFound: 'Image not found',
      ttlMs: (image) => (image.expiresAt ? Math.max(1_000, Date.parse(image.expiresAt) - now()) : PENDING_TTL_MS),
    });
  }

  /** Stores a new or replaced render. */
  save(image: ImageRecord): Promise<ImageRecord> {
    return this.put(image);
  }
}
