import { NotFoundError } from '../errors/app-error.js';
import type { EventBus } from '../events/pubsub.js';
import type { Store } from '../store/store.js';
import type { ZepetoConnectionRecord } from './connection-record.js';

const key = (id: string) => `zepeto-connection:${id}`;
/** A login lasts a minute; its outcome stays readable for a while after. */
const RETAIN_MS = 60 * 60_000;

/** QR logins in the shared store, owner-scoped; writes publish `zepeto-connection:updated`. */
export class ZepetoConnectionRepository {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: Pick<ZepetoConnectionRecord, 'id' | 'ownerId' | 'url' | 'expiresAt'>): Promise<ZepetoConnectionRecord> {
    const at = this.now().toISOString();
    const record: ZepetoConnectionRecord = { ...input, status: 'PENDING', avatarIds: [], version: 1, createdAt: at, updatedAt: at };
    await this.store.set(key(record.id), record, { ttlMs: RETAIN_MS });
    this.events.publish('zepeto-connection:updated', record.id, { id: record.id, version: record.version });
    return record;
  }

  get(id: string): Promise<ZepetoConnectionRecord | undefined> {
    return this.store.get<ZepetoConnectionRecord>(key(id));
  }

  /** Another user's session answers NOT_FOUND, like an unknown one. */
  async getOwned(id: string, ownerId: string): Promise<ZepetoConnectionRecord> {
    const record = await this.get(id);
    if (!record || record.ownerId !== ownerId) throw new NotFoundError('ZEPETO connection not found');
    return record;
  }

  /** Atomic change with a version bump, then publish; `change` returning undefined changes nothing. */
  async update(
    id: string,
    change: (current: ZepetoConnectionRecord) => Partial<ZepetoConnectionRecord> | undefined,
  ): Promise<ZepetoConnectionRecord | undefined> {
    let changed = false;
    const next = await this.store.update<ZepetoConnectionRecord>(
      key(id),
      (current) => {
        changed = false;
        if (!current) return undefined;
        const patch = change(current);
        if (!patch) return undefined;
        changed = true;
        return { ...current, ...patch, version: current.version + 1, updatedAt: this.now().toISOString() };
      },
      { ttlMs: RETAIN_MS },
    );
    if (next && changed) this.events.publish('zepeto-connection:updated', next.id, { id: next.id, version: next.version });
    return next;
  }
}
