import type { AvaturnAvatarRecord, BodyType } from '../avatars/avatar-record.js';
import { checkUserLimit } from '../limits/user-limits.js';
import { createAvatarFromUploads, type CreateAvatarRequest } from './create-avatar.js';
import type { UploadDeps } from './deps.js';
import { idempotent, pickIdempotencyKey } from './idempotency.js';
import { startAvaturnAvatar, UPLOAD_URL_TTL_MS } from './new-avatar.js';

/**
 * `createAvatar`: once per idempotency key (the `Idempotency-Key` header or the input field), a
 * replay answering the first avatar. The per-user limit counts only calls that make an avatar,
 * before any upstream call.
 */
export function createAvatar(
  deps: Omit<UploadDeps, 'verifyToken'>,
  ownerId: string,
  request: CreateAvatarRequest & { idempotencyKey: { header: string | null | undefined; field: string | null | undefined } },
): Promise<AvaturnAvatarRecord> {
  const key = pickIdempotencyKey(request.idempotencyKey.header, request.idempotencyKey.field);
  return idempotent(
    deps,
    { operation: 'createAvatar', ownerId, key },
    async () => {
      await checkUserLimit(deps.limits.avatarCreate, ownerId);
      return createAvatarFromUploads(deps, ownerId, request);
    },
    (avatarId) => deps.avatars.getOwned(avatarId, ownerId, 'AVATURN'),
  );
}

/** Where a browser sends the photos of an avatar made by `startAvatarUpload`. */
export interface StartedUpload {
  avatar: AvaturnAvatarRecord;
  uploadUrl: string;
  /** Sent with the photos as they are: Avaturn's form fields for the body type and lens. */
  formFields: Array<{ name: string; value: string }>;
  expiresAt: Date;
}

/**
 * `startAvatarUpload`: a new avatar AWAITING_UPLOAD and Avaturn's pre-signed upload URL, for
 * browsers that upload the photos themselves. Shares createAvatar's limit: both make an avatar.
 */
export async function startAvatarUpload(
  deps: Omit<UploadDeps, 'verifyToken'>,
  ownerId: string,
  options: { bodyType: BodyType; telephoto: boolean },
): Promise<StartedUpload> {
  await checkUserLimit(deps.limits.avatarCreate, ownerId);
  const started = await startAvaturnAvatar(deps, ownerId, { ...options, uploadWindowMs: UPLOAD_URL_TTL_MS });
  return {
    avatar: started.record,
    uploadUrl: started.uploadUrl,
    formFields: [
      { name: 'body-type', value: options.bodyType === 'MALE' ? 'male' : 'female' },
      { name: 'telephoto', value: String(options.telephoto) },
    ],
    expiresAt: started.uploadExpiresAt,
  };
}
