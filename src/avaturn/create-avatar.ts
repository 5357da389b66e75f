import type { FileUpload } from 'graphql-upload-minimal';
import type { AvaturnAvatarRecord, BodyType } from '../avatars/avatar-record.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services.js';
import { multipartStatusOf, type MultipartStatus } from '../uploads/multipart-status.js';
import { OrderedUploads } from '../uploads/ordered-uploads.js';
import { openPhoto, type CheckedPhoto } from '../uploads/photo-stream.js';
import type { PhotoSource } from '../upstreams/avaturn/client.js';
import { UpstreamError } from '../upstreams/errors.js';
import { failAvatar, markProcessing } from './avatar-status.js';
import { forgetAvatar } from './avatar-index.js';
import { startAvaturnAvatar } from './new-avatar.js';

type PhotoKey = 'frontal' | 'side1' | 'side2';
const PHOTO_ORDER: readonly PhotoKey[] = ['frontal', 'side1', 'side2'];
const fieldOf = (key: PhotoKey) => `input.${key}`;

export interface CreateAvatarRequest {
  photos: Record<PhotoKey, Promise<FileUpload>>;
  bodyType: BodyType;
  telephoto: boolean;
}

/**
 * A photo opened only when the upstream body reaches it, so files are read in body order. After
 * the last one, the rest of the client's body must hold no other file before the upstream body
 * is closed: a stray part aborts the upload instead of being silently dropped.
 */
function lazyPhoto(key: PhotoKey, uploads: OrderedUploads<PhotoKey>, maxBytes: number, multipart?: MultipartStatus): PhotoSource {
  async function* stream(): AsyncGenerator<Buffer> {
    const photo = await openPhoto(fieldOf(key), await uploads.next(key), maxBytes);
    yield* photo.chunks;
    if (multipart) {
      await multipart.settled();
      const problem = multipart.problem();
      if (problem) throw problem;
    }
  }
  // The type is only known once the file is read; Avaturn tells photos apart by their bytes.
  return { stream: stream(), filename: key, contentType: 'application/octet-stream' };
}

const photoSource = (key: PhotoKey, photo: CheckedPhoto): PhotoSource => ({
  stream: photo.chunks,
  filename: `${key}.${photo.type === 'jpeg' ? 'jpg' : 'png'}`,
  contentType: photo.contentType,
});

/**
 * Flow 1 of DESIGN.md. The first file's magic bytes are checked before any upstream call; then
 * the Avaturn user, `avatars/new`, the record (AWAITING_UPLOAD), and the three files streamed
 * into the upload body in the order they arrive, each checked as it streams. A photo problem
 * aborts the upload and removes the half-made avatar (the client only sees the typed error); an
 * upstream failure leaves the avatar FAILED with a reason. Returns the avatar in PROCESSING.
 */
export async function createAvatarFromUploads(services: Services, ownerId: string, request: CreateAvatarRequest): Promise<AvaturnAvatarRecord> {
  const maxBytes = services.config.maxPhotoBytes;
  const multipart = multipartStatusOf(request.photos.frontal);
  // A file cut off because the body had too many parts shows up as a failed stream: say why.
  const explain = (err: unknown) => (err instanceof AppError ? (multipart?.problem() ?? err) : err);
  const uploads = new OrderedUploads(request.photos, PHOTO_ORDER, fieldOf, maxBytes);
  let frontal: CheckedPhoto;
  try {
    frontal = await openPhoto(fieldOf('frontal'), await uploads.next('frontal'), maxBytes);
  } catch (err) {
    throw explain(err);
  }

  let record: AvaturnAvatarRecord;
  let uploadUrl: string;
  try {
    ({ record, uploadUrl } = await startAvaturnAvatar(services, ownerId, {
      bodyType: request.bodyType,
      telephoto: request.telephoto,
      uploadWindowMs: services.config.avaturn.processingDeadlineMs,
    }));
  } catch (err) {
    await frontal.dispose();
    throw err;
  }

  try {
    await services.avaturn.uploadPhotos(uploadUrl, {
      frontal: photoSource('frontal', frontal),
      side1: lazyPhoto('side1', uploads, maxBytes),
      side2: lazyPhoto('side2', uploads, maxBytes, multipart),
      bodyType: request.bodyType === 'MALE' ? 'male' : 'female',
      telephoto: request.telephoto,
    });
  } catch (err) {
    await frontal.dispose();
    if (err instanceof AppError) {
      await discardHalfMadeAvatar(services, record);
    } else {
      const detail = err instanceof UpstreamError ? err.message : 'an internal error';
      services.logger.warn({ avatarId: record.id, err }, 'photo upload to Avaturn failed');
      await failAvatar(services, record.id, `The photo upload to Avaturn failed: ${detail}`);
    }
    throw explain(err);
  }
  return (await markProcessing(services, record.id)) ?? record;
}

/** The client sent a bad photo: nothing of this avatar should remain, here or at Avaturn. */
async function discardHalfMadeAvatar(services: Services, record: AvaturnAvatarRecord): Promise<void> {
  await services.avaturn.deleteAvatar(record.avaturnUserId, record.avaturnAvatarId).catch((err: unknown) => {
    services.logger.warn({ avatarId: record.id, err }, 'could not delete the abandoned Avaturn avatar');
  });
  await forgetAvatar(services, record);
  await services.avatars.delete(record);
}
