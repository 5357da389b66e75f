import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import { UpstreamNotFoundError } from '../upstreams/errors.js';
import { forgetAvatar } from '../webhooks/avatar-index.js';
import type { AvaturnDeps } from './deps.js';

/** Deletes the avatar at Avaturn and everything kept beside its record (not the record itself). */
export async function deleteAvaturnAvatar(deps: Pick<AvaturnDeps, 'avaturn' | 'store' | 'avatars' | 'config'>, avatar: AvaturnAvatarRecord): Promise<void> {
  // Already gone upstream is fine: the goal is that it no longer exists.
  await deps.avaturn.deleteAvatar(avatar.avaturnUserId, avatar.avaturnAvatarId).catch((err: unknown) => {
    if (!(err instanceof UpstreamNotFoundError)) throw err;
  });
  await forgetAvatar(deps, avatar);
}
