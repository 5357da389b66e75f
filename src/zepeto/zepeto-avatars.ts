import { createHash } from 'node:crypto';
import type { ZepetoAvatarRecord } from '../avatars/avatar-record.js';
import type { AvatarRepository } from '../avatars/avatar-repository.js';

/**
 * The id of a user's avatar for a ZEPETO ID is derived from the pair, so connecting the same
 * account again (or two pollers racing on it) finds or writes the same avatar: one per pair.
 */
export function zepetoAvatarId(ownerId: string, zepetoId: string): string {
  return `zep_${createHash('sha256').update(`${ownerId}\n${zepetoId}`).digest('base64url').slice(0, 24)}`;
}

/** The caller's ZepetoAvatar for each connected ZEPETO ID, created READY when new. */
export async function ensureZepetoAvatars(
  avatars: AvatarRepository,
  ownerId: string,
  zepetoIds: readonly string[],
): Promise<ZepetoAvatarRecord[]> {
  return Promise.all(
    [...new Set(zepetoIds)].map(async (zepetoId) => {
      const id = zepetoAvatarId(ownerId, zepetoId);
      const existing = await avatars.get(id);
      if (existing?.provider === 'ZEPETO' && existing.ownerId === ownerId) return existing;
      return avatars.create<ZepetoAvatarRecord>({ id, ownerId, provider: 'ZEPETO', status: 'READY', zepetoId });
    }),
  );
}
