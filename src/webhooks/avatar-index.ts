import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import type { StatusDeps } from './deps.js';
import { statusKeys } from './keys.js';

type IndexServices = Pick<StatusDeps, 'store' | 'avatars' | 'config'>;

/** When the watchdog first looks at a pending avatar, and what it remembers between polls. */
export interface WatchState {
  attempt: number;
  /** ms since the epoch */
  nextPollAt: number;
}

/**
 * Indexes of Avaturn avatars kept beside the records: Avaturn id -> local id (webhooks name
 * Avaturn ids) and the set of pending avatars (the watchdog's work list, shared by instances).
 */
export async function indexNewAvatar(services: IndexServices, record: AvaturnAvatarRecord, firstPollAt: number): Promise<void> {
  const { store } = services;
  const keys = statusKeys(services.config);
  await store.set(keys.avatar(record.avaturnAvatarId), record.id);
  await store.set<WatchState>(keys.watch(record.id), { attempt: 0, nextPollAt: firstPollAt });
  await store.setAdd(keys.pending(), record.id);
}

/** The avatar has a final status: the watchdog stops looking at it. */
export async function stopWatching(services: IndexServices, avatarId: string): Promise<void> {
  await services.store.setRemove(statusKeys(services.config).pending(), avatarId);
  await services.store.delete(statusKeys(services.config).watch(avatarId));
}

/**
 * Brings the watchdog's next look at a pending avatar forward to `at` at the latest: a delivery
 * claimed something the API did not (yet) confirm. Only ever earlier, so a flood of such
 * deliveries costs at most one listing per watchdog round.
 */
export async function pollSoon(services: IndexServices, avatarId: string, at: number): Promise<void> {
  // The store keeps no TTL to carry over: this one outlives any deadline, as the watchdog's own do.
  const ttlMs = services.config.avaturn.processingDeadlineMs + 60 * 60 * 1000;
  await services.store.update<WatchState>(
    statusKeys(services.config).watch(avatarId),
    (state) => (state && state.nextPollAt > at ? { ...state, nextPollAt: at } : undefined),
    { ttlMs },
  );
}

export async function findByAvaturnId(services: IndexServices, avaturnAvatarId: string): Promise<AvaturnAvatarRecord | undefined> {
  const id = await services.store.get<string>(statusKeys(services.config).avatar(avaturnAvatarId));
  if (!id) return undefined;
  const record = await services.avatars.get(id);
  return record?.provider === 'AVATURN' ? record : undefined;
}

/** Everything but the record itself (the repository deletes that and completes subscriptions). */
export async function forgetAvatar(services: IndexServices, record: AvaturnAvatarRecord): Promise<void> {
  await stopWatching(services, record.id);
  await services.store.delete(statusKeys(services.config).avatar(record.avaturnAvatarId));
}
