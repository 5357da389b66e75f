import type { AvaturnAvatarRecord, BodyType } from '../avatars/avatar-record.js';
import { indexNewAvatar } from '../webhooks/avatar-index.js';
import { ensureAvaturnUser } from '../avaturn/avaturn-users.js';
import type { UploadDeps } from './deps.js';

/**
 * How long Avaturn's pre-signed upload URL stays valid. [ASSUMED]: not published; the sandbox
 * uses one hour. An avatar still awaiting photos after this is failed by the watchdog.
 */
export const UPLOAD_URL_TTL_MS = 60 * 60 * 1000;

export interface NewAvatarOptions {
  bodyType: BodyType;
  telephoto: boolean;
  /** Until when photos may arrive; at most the upload URL's lifetime. */
  uploadWindowMs: number;
}

/**
 * `avatars/new` for the app user's Avaturn user, then the local record in AWAITING_UPLOAD,
 * indexed for webhooks and the watchdog. Every later step only moves that record forward, so no
 * avatar ever exists without a status.
 */
export async function startAvaturnAvatar(
  services: Pick<UploadDeps, 'config' | 'store' | 'avatars' | 'avaturn' | 'logger'>,
  ownerId: string,
  options: NewAvatarOptions,
): Promise<{ record: AvaturnAvatarRecord; uploadUrl: string; uploadExpiresAt: Date }> {
  const avaturnUserId = await ensureAvaturnUser(services, ownerId);
  const created = await services.avaturn.createAvatar(avaturnUserId);
  const now = Date.now();
  const uploadExpiresAt = new Date(now + UPLOAD_URL_TTL_MS);
  const record = await services.avatars.create<AvaturnAvatarRecord>({
    ownerId,
    provider: 'AVATURN',
    status: 'AWAITING_UPLOAD',
    avaturnUserId,
    avaturnAvatarId: created.avatarId.toLowerCase(),
    bodyType: options.bodyType,
    telephoto: options.telephoto,
    failureReason: null,
    customizationSet: false,
    customizationVersion: 0,
    model: null,
    processingSince: null,
    uploadDeadline: new Date(now + Math.min(options.uploadWindowMs, UPLOAD_URL_TTL_MS)).toISOString(),
    timedOut: false,
  });
  await indexNewAvatar(services, record, now + services.config.avaturn.watchdogIntervalMs);
  return { record, uploadUrl: created.uploadUrl, uploadExpiresAt };
}
