import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/codes.js';
import { awaitClaim } from '../store/await-claim.js';
import type { AvaturnDeps } from './deps.js';
import { avaturnKeys } from './keys.js';

/** Longest wait for another request (maybe on another instance) that is creating the same user. */
const WAIT_MS = 20_000;
/** The users/new call's own deadline; the lock outlives it so it rarely expires mid-creation. */
const CREATE_DEADLINE_MS = 15_000;
const LOCK_TTL_MS = 60_000;
const WAIT_POLL_MS = 25;

interface UserMapping {
  userId: string;
}

type UserServices = Pick<AvaturnDeps, 'store' | 'config'> & { avaturn: Pick<AvaturnDeps['avaturn'], 'createUser' | 'deleteUser'> } & Partial<Pick<AvaturnDeps, 'logger'>>;

/**
 * The app user's Avaturn user, created on first use. Exactly one per app user, even when the
 * first requests race on several instances: the mapping is written set-if-absent, so the first
 * write wins and a creator that lost deletes the Avaturn user it made and takes the winner's.
 * A store claim (shared through Redis) only saves those wasted creations: the others wait for
 * the mapping, and a claim left by a crashed instance expires.
 */
export async function ensureAvaturnUser(services: UserServices, ownerId: string): Promise<string> {
  const { store } = services;
  const keys = avaturnKeys(services.config);
  const mapping = () => store.get<UserMapping>(keys.user(ownerId));
  const holder = randomUUID();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const mapped = await mapping();
    if (mapped) return mapped.userId;
    if (await store.claim(keys.userLock(ownerId), holder, LOCK_TTL_MS)) {
      try {
        return await createAndMap(services, ownerId);
      } finally {
        await store.release(keys.userLock(ownerId), holder);
      }
    }
    const created = await awaitClaim(store, keys.userLock(ownerId), mapping, { until: deadline, pollMs: WAIT_POLL_MS });
    if (created) return created.userId;
    if (Date.now() >= deadline) {
      throw new AppError(ErrorCode.UPSTREAM_TIMEOUT, 'Timed out waiting for the Avaturn account of this user to be created');
    }
  }
}

async function createAndMap(services: UserServices, ownerId: string): Promise<string> {
  const { store, avaturn } = services;
  const key = avaturnKeys(services.config).user(ownerId);
  // Someone may have finished between our read and our lock.
  const again = await store.get<UserMapping>(key);
  if (again) return again.userId;
  const { userId } = await avaturn.createUser({ deadline: Date.now() + CREATE_DEADLINE_MS });
  if (await store.set<UserMapping>(key, { userId }, { ifAbsent: true })) return userId;
  const winner = await store.get<UserMapping>(key);
  await avaturn.deleteUser(userId).catch((err: unknown) => {
    services.logger?.warn({ err }, 'could not delete a duplicate Avaturn user');
  });
  if (!winner) throw new Error('the Avaturn user mapping vanished right after it was written');
  return winner.userId;
}
