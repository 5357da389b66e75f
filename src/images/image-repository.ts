import { NotFoundError } from '../errors/app-error.js';
import type { ImageRecord } from '../avatars/avatar-record.js';
import type { EventBus } from '../events/pubsub.js';
import type { Store } from '../store/store.js';

const key = (id: string) => `image:${id}`;
/** A pending render is kept this long at most; a ready one until its URL expires. */
const PENDING_TTL_MS = 60 * 60 * 1000;

/** Renders in the shared store, owner-scoped like avatars; writes publish `image:updated`. */
export class ImageRepository {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  private ttlOf(image: ImageRecord): number {
    if (!image.expiresAt) return PENDING_TTL_MS;
    return Math.max(1_000, Date.parse(image.expiresAt) - this.now());
  }

  async save(image: ImageRecord): Promise<ImageRecord> {
    await this.store.set(key(image.id), image, { ttlMs: this.ttlOf(image) });
    this.events.publish('image:updated', image.id, { id: image.id, version: image.version });
    return image;
  }

  get(id: string): Promise<ImageRecord | undefined> {
    return this.store.get<ImageRecord>(key(id));
  }

  async getOwned(id: string, ownerId: string): Promise<ImageRecord> {
    const image = await this.get(id);
    if (!image || image.ownerId !== ownerId) throw new NotFoundError('Image not found');
    return image;
  }

  /** Atomic change with version bump, then publish (see AvatarRepository.update). */
  async update(id: string, change: (current: ImageRecord) => Partial<ImageRecord> | undefined): Promise<ImageRecord | undefined> {
    let changed = false;
    let ttlMs: number | undefined;
    const next = await this.store.update<ImageRecord>(key(id), (current) => {
      changed = false;
      if (!current) return undefined;
      const patch = change(current);
      if (!patch) return undefined;
      changed = true;
      const updated = { ...current, ...patch, version: current.version + 1 };
      ttlMs = this.ttlOf(updated);
      return updated;
    });
    if (next && changed) {
      if (ttlMs !== undefined) await this.store.set(key(id), next, { ttlMs });
      this.events.publish('image:updated', next.id, { id: next.id, version: next.version });
    }
    return next;
  }
}
