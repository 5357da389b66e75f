import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/codes.js';
import type { Services } from '../services.js';
import { keysOf } from './keys.js';

/** Longest wait for another request (maybe on another instance) that is creating the same user. */
const WAIT_MS = 20_000;
/** The users/new call's own deadline; the lock outlives it so it cannot expire mid-creation. */
const CREATE_DEADLINE_MS = 15_000;
const LOCK_TTL_MS = 60_000;

interface UserMapping {
  userId: string;
}

/**
 * The app user's Avaturn user, created on first use. Exactly one per app user, even when the
 * first requests race on several instances: whoever takes the store lock (set-if-absent, shared
 * through Redis) checks the mapping again and creates the user; the others wait for the mapping.
 * A lock left by a crashed instance expires, and the next caller takes over.
 */
export async function ensureAvaturnUser(services: Pick<Services, 'store' | 'avaturn' | 'config'>, ownerId: string): Promise<string> {
  const { store, avaturn } = services;
  const keys = keysOf(services);
  const deadline = Date.now() + WAIT_MS;
  let delayMs = 10;
  for (;;) {
    const mapped = await store.get<UserMapping>(keys.user(ownerId));
    if (mapped) return mapped.userId;
    if (await store.set(keys.userLock(ownerId), randomUUID(), { ttlMs: LOCK_TTL_MS, ifAbsent: true })) {
      try {
        // Someone may have finished between our read and our lock.
        const again = await store.get<UserMapping>(keys.user(ownerId));
        if (again) return again.userId;
        const { userId } = await avaturn.createUser({ deadline: Date.now() + CREATE_DEADLINE_MS });
        await store.set<UserMapping>(keys.user(ownerId), { userId });
        return userId;
      } finally {
        await store.delete(keys.userLock(ownerId));
      }
    }
    if (Date.now() > deadline) {
      throw new AppError(ErrorCode.UPSTREAM_TIMEOUT, 'Timed out waiting for the Avaturn account of this user to be created');
    }
    await sleep(delayMs);
    delayMs = Math.min(delayMs * 2, 200);
  }
}
