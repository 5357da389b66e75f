import type { FileUpload } from 'graphql-upload-minimal';
import type { AvaturnAvatarRecord, BodyType } from '../avatars/avatar-record.js';
import { AppError } from '../errors/app-error.js';
import type { FilePartCount } from './file-part-count.js';
import { openPhoto, type CheckedPhoto } from './photo-stream.js';
import { UploadArrivals } from './upload-arrivals.js';
import type { PhotoSource } from '../upstreams/avaturn/multipart.js';
import type { PhotoSlot } from '../upstreams/avaturn/photo-upload.js';
import { UpstreamError } from '../upstreams/errors.js';
import { forgetAvatar } from '../webhooks/avatar-index.js';
import { failAvatar, markProcessing } from '../webhooks/avatar-status.js';
import type { UploadDeps } from './deps.js';
import { startAvaturnAvatar } from './new-avatar.js';

const PHOTO_SLOTS: readonly PhotoSlot[] = ['frontal', 'side1', 'side2'];
const fieldOf = (slot: PhotoSlot) => `input.${slot}`;
const EXTENSIONS = { jpeg: 'jpg', png: 'png' } as const;

export interface CreateAvatarRequest {
  photos: Record<PhotoSlot, Promise<FileUpload>>;
  bodyType: BodyType;
  telephoto: boolean;
  /** What the multipart request's parser found after the operation started (from Yoga's server context). */
  fileParts?: FilePartCount;
}

type ArrivedPhoto = { slot: PhotoSlot; source: PhotoSource };

/**
 * Flow 1 of DESIGN.md. The photos are taken in the order the body carries them (any order). The
 * first one's magic bytes are checked before any upstream call; then the Avaturn user,
 * `avatars/new`, the record (AWAITING_UPLOAD), and the photos streamed into the upload body, each
 * part's type sniffed from its bytes before its headers go out. A photo problem aborts the upload
 * and removes the half-made avatar (the client only sees the typed error). Returns the avatar in
 * PROCESSING, also when the upload's outcome is unclear (see `afterFailedUpload`).
 */
type CreateDeps = Omit<UploadDeps, 'verifyToken'>;

export async function createAvatarFromUploads(services: CreateDeps, ownerId: string, request: CreateAvatarRequest): Promise<AvaturnAvatarRecord> {
  const maxBytes = services.config.maxPhotoBytes;
  const arrivals = new UploadArrivals(request.photos, PHOTO_SLOTS, fieldOf);
  // A photo that failed because the body was refused (a part too many, an idle body): say why.
  const explain = (err: unknown) => (err instanceof AppError && request.fileParts?.problem ? request.fileParts.problem : err);
  const opened: CheckedPhoto[] = [];
  let abandoned = false;
  const disposeAll = async () => {
    abandoned = true;
    await Promise.all(opened.map((photo) => photo.dispose()));
  };
  const next = async (): Promise<ArrivedPhoto> => {
    const { key, upload } = await arrivals.next();
    const photo = await openPhoto(fieldOf(key), upload, maxBytes);
    opened.push(photo);
    if (abandoned) await photo.dispose();
    return { slot: key, source: { stream: photo.chunks, filename: `${key}.${EXTENSIONS[photo.type]}`, contentType: photo.contentType } };
  };

  let first: ArrivedPhoto;
  try {
    first = await next();
  } catch (err) {
    await disposeAll();
    throw explain(err);
  }
  let started: Awaited<ReturnType<typeof startAvaturnAvatar>>;
  try {
    started = await startAvaturnAvatar(services, ownerId, {
      bodyType: request.bodyType,
      telephoto: request.telephoto,
      uploadWindowMs: services.config.avaturn.processingDeadlineMs,
    });
  } catch (err) {
    await disposeAll();
    throw err;
  }
  const { record, uploadUrl } = started;

  async function* arriving(): AsyncGenerator<ArrivedPhoto> {
    yield first;
    while (arrivals.remaining > 0) yield await next();
    // Nothing may follow the last photo: the whole body is read before Avaturn's upload completes.
    await request.fileParts?.settled();
    const problem = request.fileParts?.problem;
    if (problem) throw problem;
  }
  try {
    await services.avaturn.uploadPhotos(uploadUrl, {
      arriving: arriving(),
      bodyType: request.bodyType === 'MALE' ? 'male' : 'female',
      telephoto: request.telephoto,
    });
  } catch (err) {
    await disposeAll();
    return afterFailedUpload(services, record, explain(err));
  }
  return (await markProcessing(services, record.id)) ?? record;
}

/**
 * True when the failure proves Avaturn took no photos: it refused the upload (a 4xx, but 409,
 * which says it already has them) or was never reached.
 */
function nothingTaken(err: unknown): err is UpstreamError {
  if (!(err instanceof UpstreamError)) return false;
  if (err.notProcessed) return true;
  return err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 409;
}

/**
 * A photo problem discards the avatar; a failure proving nothing was taken fails it for good,
 * with a reason. Any other failure (a timeout, a lost or odd answer, a reset mid-body) may come
 * after Avaturn got every byte: the avatar stays PROCESSING on the watchdog's list, and Avaturn's
 * confirmed status decides (or the watchdog fails it, with a reason, once Avaturn still has no
 * photos after a grace period). Such a failure answers the avatar, since it may well succeed.
 */
async function afterFailedUpload(services: CreateDeps, record: AvaturnAvatarRecord, err: unknown): Promise<AvaturnAvatarRecord> {
  if (err instanceof AppError) {
    await discardHalfMadeAvatar(services, record);
    throw err;
  }
  if (nothingTaken(err)) {
    services.logger.warn({ avatarId: record.id, err }, 'photo upload to Avaturn refused');
    await failAvatar(services, record.id, `The photo upload to Avaturn failed: ${err.message}`);
    throw err;
  }
  services.logger.warn({ avatarId: record.id, err }, 'photo upload to Avaturn ended unclearly; the watchdog follows the avatar');
  const processing = (await markProcessing(services, record.id)) ?? record;
  // Not an upstream failure: a bug of ours, shown (masked) although the avatar is still followed.
  if (!(err instanceof UpstreamError)) throw err;
  return processing;
}

/** The client sent a bad photo: nothing of this avatar should remain, here or at Avaturn. */
async function discardHalfMadeAvatar(services: CreateDeps, record: AvaturnAvatarRecord): Promise<void> {
  await services.avaturn.deleteAvatar(record.avaturnUserId, record.avaturnAvatarId).catch((err: unknown) => {
    services.logger.warn({ avatarId: record.id, err }, 'could not delete the abandoned Avaturn avatar');
  });
  await forgetAvatar(services, record);
  await services.avatars.delete(record);
}
