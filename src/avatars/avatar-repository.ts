import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors/app-error.js';
import type { EventBus } from '../events/pubsub.js';
import type { Store } from '../store/store.js';
import type { AvatarProvider, AvatarRecord } from './avatar-record.js';

const key = (id: string) => `avatar:${id}`;
const ownerIndex = (ownerId: string) => `owner-avatars:${ownerId}`;

type NewAvatar<R extends AvatarRecord> = Omit<R, 'id' | 'version' | 'createdAt' | 'updatedAt'> & { id?: string };

/**
 * Avatars in the shared store, with the two rules every caller relies on: reads are scoped to
 * the owner (another user's id answers NOT_FOUND, never FORBIDDEN, so ids leak nothing), and
 * every write bumps `version` and publishes `avatar:updated` after it is stored.
 */
export class AvatarRepository {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create<R extends AvatarRecord>(input: NewAvatar<R>): Promise<R> {
    const at = this.now().toISOString();
    const record = { ...input, id: input.id ?? randomUUID(), version: 1, createdAt: at, updatedAt: at } as R;
    await this.store.set(key(record.id), record);
    await this.store.setAdd(ownerIndex(record.ownerId), record.id);
    this.events.publish('avatar:updated', record.id, { id: record.id, version: record.version });
    return record;
  }

  /** Any avatar by id, without the owner check: for webhooks and the watchdog only. */
  get(id: string): Promise<AvatarRecord | undefined> {
    return this.store.get<AvatarRecord>(key(id));
  }

  /** The avatar if `ownerId` owns it (and, if given, it has `provider`); NOT_FOUND otherwise. */
  async getOwned<P extends AvatarProvider>(
    id: string,
    ownerId: string,
    provider?: P,
  ): Promise<Extract<AvatarRecord, { provider: P }>> {
    const record = await this.get(id);
    if (!record || record.ownerId !== ownerId || (provider && record.provider !== provider)) {
      throw new NotFoundError('Avatar not found');
    }
    return record as Extract<AvatarRecord, { provider: P }>;
  }

  async listByOwner(ownerId: string): Promise<AvatarRecord[]> {
    const ids = await this.store.setMembers(ownerIndex(ownerId));
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records
      .filter((r): r is AvatarRecord => r !== undefined && r.ownerId === ownerId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /**
   * Atomically applies `change` (return undefined for "no change"); on a change, bumps the
   * version, stores, then publishes. Returns the stored record.
   */
  async update<R extends AvatarRecord>(id: string, change: (current: R) => Partial<R> | undefined): Promise<R | undefined> {
    let changed = false;
    const next = await this.store.update<R>(key(id), (current) => {
      changed = false;
      if (!current) return undefined;
      const patch = change(current);
      if (!patch) return undefined;
      changed = true;
      return { ...current, ...patch, version: current.version + 1, updatedAt: this.now().toISOString() };
    });
    if (next && changed) this.events.publish('avatar:updated', next.id, { id: next.id, version: next.version });
    return next;
  }

  async delete(record: AvatarRecord): Promise<void> {
    await this.store.delete(key(record.id));
    await this.store.setRemove(ownerIndex(record.ownerId), record.id);
    this.events.publish('avatar:updated', record.id, { id: record.id, version: record.version + 1, deleted: true });
  }
}
