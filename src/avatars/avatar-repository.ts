import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors/app-error.js';
import type { EventBus } from '../events/pubsub.js';
import type { Store } from '../store/store.js';
import { VersionedRecords } from '../store/versioned-records.js';
import type { AvatarProvider, AvatarRecord } from './avatar-record.js';

const ownerIndex = (ownerId: string) => `owner-avatars:${ownerId}`;
const zepetoConnectionIndex = (zepetoId: string) => `zepeto-connected-by:${zepetoId}`;

type NewAvatar<R extends AvatarRecord> = Omit<R, 'id' | 'version' | 'createdAt' | 'updatedAt'> & { id?: string };

/**
 * Avatars in the shared store: owner-scoped, versioned, published on `avatar:updated` (the rules
 * of `VersionedRecords`), plus a per-owner index for `viewer.avatars`.
 */
export class AvatarRepository {
  private readonly records: VersionedRecords<AvatarRecord>;

  constructor(
    private readonly store: Store,
    events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.records = new VersionedRecords<AvatarRecord>(store, events, {
      keyPrefix: 'avatar',
      topic: 'avatar:updated',
      notFound: 'Avatar not found',
      touch: () => ({ updatedAt: this.now().toISOString() }),
    });
  }

  async create<R extends AvatarRecord>(input: NewAvatar<R>): Promise<R> {
    const at = this.now().toISOString();
    const record = { ...input, id: input.id ?? randomUUID(), version: 1, createdAt: at, updatedAt: at } as R;
    await this.store.setAdd(ownerIndex(record.ownerId), record.id);
    if (record.provider === 'ZEPETO') await this.store.setAdd(zepetoConnectionIndex(record.zepetoId), record.ownerId);
    return (await this.records.put(record)) as R;
  }

  /**
   * The app users who connected `zepetoId` through the gateway, ever: deleting the avatar does
   * not take it off the list, because Render-it keeps the ID connected to the workspace (and so
   * renders it for anyone who names it) after the gateway forgot it.
   */
  connectedBy(zepetoId: string): Promise<string[]> {
    return this.store.setMembers(zepetoConnectionIndex(zepetoId));
  }

  /** Any avatar by id, without the owner check: for webhooks and the watchdog only. */
  get(id: string): Promise<AvatarRecord | undefined> {
    return this.records.get(id);
  }

  /** The avatar if `ownerId` owns it (and, if given, it has `provider`); NOT_FOUND otherwise. */
  async getOwned<P extends AvatarProvider>(
    id: string,
    ownerId: string,
    provider?: P,
  ): Promise<Extract<AvatarRecord, { provider: P }>> {
    const record = await this.records.getOwned(id, ownerId);
    if (provider && record.provider !== provider) throw new NotFoundError('Avatar not found');
    return record as Extract<AvatarRecord, { provider: P }>;
  }

  async listByOwner(ownerId: string): Promise<AvatarRecord[]> {
    const ids = await this.store.setMembers(ownerIndex(ownerId));
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records
      .filter((r): r is AvatarRecord => r !== undefined && r.ownerId === ownerId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Atomic change (undefined = none) with a version bump, stored, then published. */
  update<R extends AvatarRecord>(id: string, change: (current: R) => Partial<R> | undefined): Promise<R | undefined> {
    return this.records.update(id, change as (current: AvatarRecord) => Partial<AvatarRecord> | undefined) as Promise<
      R | undefined
    >;
  }

  async delete(record: AvatarRecord): Promise<void> {
    await this.records.delete(record);
    await this.store.setRemove(ownerIndex(record.ownerId), record.id);
  }
}
