import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import { ConflictError, ValidationError } from '../errors/app-error.js';
import { UpstreamBadRequestError, UpstreamConflictError, UpstreamGoneError } from '../upstreams/errors.js';
import type { AvaturnDeps } from './deps.js';
import { inputFieldFromLoc, mergeCustomization, validateCustomization, type CustomizationInput } from './customization.js';
import { requireReady, UnknownAssetError } from './errors.js';

/**
 * `customizeAvatar` of one of `ownerId`'s Avaturn avatars: the input is validated before any
 * call, merged into the current document and PUT. Avaturn's 409 (asset in another slot) and 410
 * (unknown asset) become typed errors. The local customization version moves on, so exports and
 * scene renders are made afresh.
 */
export async function customizeAvatar(
  services: Pick<AvaturnDeps, 'avaturn' | 'avatars'>,
  ownerId: string,
  avatarId: string,
  input: CustomizationInput,
): Promise<AvaturnAvatarRecord> {
  const record = await services.avatars.getOwned(avatarId, ownerId, 'AVATURN');
  validateCustomization(input);
  requireReady(record);
  const current = await services.avaturn.getCustomization(record.avaturnAvatarId);
  try {
    await services.avaturn.putCustomization(record.avaturnAvatarId, mergeCustomization(current, input));
  } catch (err) {
    if (err instanceof UpstreamConflictError) throw new ConflictError('An asset was given for a slot it does not belong to');
    if (err instanceof UpstreamGoneError) throw new UnknownAssetError();
    if (err instanceof UpstreamBadRequestError) {
      const field = inputFieldFromLoc(err.detail);
      throw new ValidationError(`Avaturn refused the customization${field ? ` at ${field}` : ''}`, field);
    }
    throw err;
  }
  const updated = await services.avatars.update<AvaturnAvatarRecord>(record.id, (r) => ({
    customizationSet: true,
    customizationVersion: r.customizationVersion + 1,
  }));
  return updated ?? record;
}

/**
 * Exports and renders of a photo avatar never customised are undefined at Avaturn, so the first
 * one sets a default: the document Avaturn itself answers for the avatar, PUT back unchanged.
 * Repeating it (two first renders at once) is harmless. Only the upstream side happens here:
 * callers record `customizationSet` in the same write as their own change (one push, not two).
 */
export async function putDefaultCustomization(services: Pick<AvaturnDeps, 'avaturn'>, record: AvaturnAvatarRecord): Promise<void> {
  if (record.customizationSet) return;
  const current = await services.avaturn.getCustomization(record.avaturnAvatarId);
  await services.avaturn.putCustomization(record.avaturnAvatarId, current);
}
