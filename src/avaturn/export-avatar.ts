import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import { hasFreshModel, storeExport } from '../webhooks/export-state.js';
import { putDefaultCustomization } from './customize-avatar.js';
import type { AvaturnDeps } from './deps.js';
import { requireReady } from './errors.js';

/**
 * `exportAvatar` of one of `ownerId`'s Avaturn avatars: the GLB of its current customization. A fresh READY model is returned as is;
 * otherwise `exports/new` answers `ready` with a new URL (this version was exported before) or
 * `pending`, and `export.ready` later completes the model and pushes `avatarUpdated`.
 */
export async function exportAvatar(deps: Pick<AvaturnDeps, 'avaturn' | 'avatars'>, ownerId: string, avatarId: string): Promise<AvaturnAvatarRecord> {
  const record = await deps.avatars.getOwned(avatarId, ownerId, 'AVATURN');
  requireReady(record);
  if (hasFreshModel(record)) return record;
  await putDefaultCustomization(deps, record);
  const result = await deps.avaturn.createExport(record.avaturnAvatarId);
  return storeExport(deps, record.id, result, { customizationSet: true });
}
