import { NotFoundError } from '../errors/app-error.js';
import type { EventBus, Topics } from '../events/pubsub.js';
import type { Store } from './store.js';

export interface VersionedRecord {
  id: string;
  /** The app user (JWT sub) the record belongs to. */
  ownerId: string;
  /** Grows by one with every change; subscribers never go backwards. */
  version: number;
}

export interface VersionedRecordsOptions<R extends VersionedRecord> {
  /** Store key of a record: `${keyPrefix}:${id}`. */
  keyPrefix: string;
  /** Topic told about every write. */
  topic: keyof Topics;
  /** Message of the NOT_FOUND an unknown or foreign id gets. */
  notFound: string;
  /** How long a record is kept, from its new value. @default for ever */
  ttlMs?: (record: R) => number | undefined;
  /** Fields every change also sets (e.g. `updatedAt`). */
  touch?: () => Partial<R>;
}

/**
 * The storage rules every record kind shares: reads scoped to the owner (another user's id is
 * NOT_FOUND, exactly like an unknown one, so ids leak nothing), atomic changes that bump
 * `version`, and a change event published only after the write is stored.
 */
export class VersionedRecords<R extends VersionedRecord> {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly options: VersionedRecordsOptions<R>,
  ) {}

  private key(id: string): string {
    return `${this.options.keyPrefix}:${id}`;
  }

  private publish(record: Pick<R, 'id' | 'version'>, deleted?: boolean): void {
    this.events.publish(this.options.topic, record.id, { id: record.id, version: record.version, ...(deleted ? { deleted } : {}) });
  }

  async put(record: R): Promise<R> {
    await this.store.set(this.key(record.id), record, { ttlMs: this.options.ttlMs?.(record) });
    this.publish(record);
    return record;
  }

  get(id: string): Promise<R | undefined> {
    return this.store.get<R>(this.key(id));
  }

  async getOwned(id: string, ownerId: string): Promise<R> {
    const record = await this.get(id);
    if (!record || record.ownerId !== ownerId) throw new NotFoundError(this.options.notFound);
    return record;
  }

  /** Applies `change` atomically (undefined = no change), bumps the version, stores, then publishes. */
  async update(id: string, change: (current: R) => Partial<R> | undefined): Promise<R | undefined> {
    let changed = false;
    const next = await this.store.update<R>(
      this.key(id),
      (current) => {
        changed = false;
        if (!current) return undefined;
        const patch = change(current);
        if (!patch) return undefined;
        changed = true;
        return { ...current, ...patch, ...this.options.touch?.(), version: current.version + 1 };
      },
      { ttlMs: this.options.ttlMs },
    );
    if (next && changed) this.publish(next);
    return next;
  }

  /** Removes the record; subscriptions on it complete. */
  async delete(record: R): Promise<void> {
    await this.store.delete(this.key(record.id));
    this.publish({ id: record.id, version: record.version + 1 }, true);
  }
}
