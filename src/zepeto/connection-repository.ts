import type { EventBus } from '../events/pubsub.js';
import type { Store } from '../store/store.js';
import { VersionedRecords } from '../store/versioned-records.js';
import type { ZepetoConnectionRecord } from './connection-record.js';

/** A login lasts a minute; its outcome stays readable for a while after. */
const RETAIN_MS = 60 * 60_000;

/** QR logins in the shared store: owner-scoped, versioned, published on `zepeto-connection:updated`. */
export class ZepetoConnectionRepository extends VersionedRecords<ZepetoConnectionRecord> {
  constructor(
    store: Store,
    events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(store, events, {
      keyPrefix: 'zepeto-connection',
      topic: 'zepeto-connection:updated',
      notFound: 'ZEPETO connection not found',
      ttlMs: () => RETAIN_MS,
      touch: () => ({ updatedAt: this.now().toISOString() }),
    });
  }

  create(input: Pick<ZepetoConnectionRecord, 'id' | 'ownerId' | 'url' | 'expiresAt'>): Promise<ZepetoConnectionRecord> {
    const at = this.now().toISOString();
    return this.put({ ...input, status: 'PENDING', avatarIds: [], version: 1, createdAt: at, updatedAt: at });
  }
}
