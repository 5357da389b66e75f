import type { AvaturnDeps } from '../avaturn/deps.js';
import { deleteAvaturnAvatar } from '../avaturn/delete-avatar.js';

/**
 * `deleteAvatar`: an Avaturn avatar is deleted at Avaturn, a ZEPETO one only disconnected; then
 * the record goes, which completes its subscriptions. Another user's id is NOT_FOUND.
 */
export async function deleteAvatar(deps: Pick<AvaturnDeps, 'avaturn' | 'store' | 'avatars' | 'config'>, avatarId: string, ownerId: string): Promise<void> {
  const avatar = await deps.avatars.getOwned(avatarId, ownerId);
  if (avatar.provider === 'AVATURN') await deleteAvaturnAvatar(deps, avatar);
  await deps.avatars.delete(avatar);
}
