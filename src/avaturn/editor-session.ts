import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import { ValidationError } from '../errors/app-error.js';
import type { AvaturnSessionConfig } from '../upstreams/avaturn/schemas.js';
import { ensureAvaturnUser } from './avaturn-users.js';
import type { AvaturnDeps } from './deps.js';
import { requireReady } from './errors.js';

export type EditorSessionKind = 'CREATE' | 'EDIT_EXISTING' | 'CREATE_OR_EDIT_EXISTING';

const UPSTREAM_KIND: Record<EditorSessionKind, AvaturnSessionConfig['type']> = {
  CREATE: 'create',
  EDIT_EXISTING: 'edit_existing',
  CREATE_OR_EDIT_EXISTING: 'create_or_edit_existing',
};

export interface EditorSession {
  url: string;
  kind: EditorSessionKind;
  avatar: AvaturnAvatarRecord | null;
}

/**
 * A short-lived Avaturn editor URL (iframe or webview) for the app user's Avaturn user. Editing
 * an existing avatar needs one of the caller's READY avatars; the editor may change its
 * customization, so the local version moves on and later exports and renders are made afresh.
 */
export async function createEditorSession(
  services: Pick<AvaturnDeps, 'store' | 'avaturn' | 'avatars' | 'config' | 'logger'>,
  ownerId: string,
  kind: EditorSessionKind,
  avatarId: string | undefined,
): Promise<EditorSession> {
  const avatar = avatarId === undefined ? undefined : await services.avatars.getOwned(avatarId, ownerId, 'AVATURN');
  if (kind === 'EDIT_EXISTING' && !avatar) {
    throw new ValidationError('input.avatarId is required to edit an existing avatar', 'input.avatarId');
  }
  if (kind === 'CREATE' && avatar) {
    throw new ValidationError('input.avatarId goes with EDIT_EXISTING or CREATE_OR_EDIT_EXISTING only', 'input.avatarId');
  }
  if (avatar) requireReady(avatar);
  const userId = avatar?.avaturnUserId ?? (await ensureAvaturnUser(services, ownerId));
  const config: AvaturnSessionConfig = { type: UPSTREAM_KIND[kind], ...(avatar ? { avatar_id: avatar.avaturnAvatarId } : {}) };
  const session = await services.avaturn.createSession(userId, config);
  const edited = avatar
    ? await services.avatars.update<AvaturnAvatarRecord>(avatar.id, (r) => ({
        customizationSet: true,
        customizationVersion: r.customizationVersion + 1,
      }))
    : undefined;
  return { url: session.url, kind, avatar: edited ?? avatar ?? null };
}
