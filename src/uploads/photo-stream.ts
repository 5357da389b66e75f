import type { Readable } from 'node:stream';
import type { FileUpload } from 'graphql-upload-minimal';
import { InvalidPhotoError } from '../errors/app-error.js';
import { PHOTO_MEDIA_TYPES, SNIFF_BYTES, sniffPhotoType, type PhotoType } from './image-type.js';
import { tooLarge, uploadStreamError } from './upload-errors.js';

export interface CheckedPhoto {
  type: PhotoType;
  contentType: string;
  /** The whole file, read once, chunk by chunk; throws a typed error past the size cap or on a broken stream. */
  chunks: AsyncGenerator<Buffer>;
  /** Stops reading (after a failure elsewhere); the request's leftover bytes are drained later. */
  dispose(): Promise<void>;
}

/** busboy marks a file it cut off at the parser's `fileSize` limit (`multipart-body.ts`) as truncated. */
const truncated = (stream: Readable) => (stream as Readable & { truncated?: boolean }).truncated === true;

/**
 * Opens an uploaded photo and checks its magic bytes on the first chunk(s), before the caller
 * sends anything anywhere: only those few bytes are held. The rest streams through `chunks`,
 * which counts bytes and fails with PAYLOAD_TOO_LARGE as soon as the file passes `maxBytes`
 * (the parser cuts files off at `maxBytes + 1`, so a cut-off file is always detected).
 */
export async function openPhoto(field: string, upload: FileUpload, maxBytes: number): Promise<CheckedPhoto> {
  let stream: Readable;
  try {
    stream = upload.createReadStream();
  } catch (err) {
    throw uploadStreamError(field, err);
  }
  const source = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let size = 0;
  const read = async (): Promise<Buffer | undefined> => {
    let result: IteratorResult<Buffer>;
    try {
      result = await source.next();
    } catch (err) {
      throw uploadStreamError(field, err);
    }
    if (result.done) {
      if (truncated(stream)) throw tooLarge(field, maxBytes);
      return undefined;
    }
    size += result.value.length;
    if (size > maxBytes || truncated(stream)) throw tooLarge(field, maxBytes);
    return result.value;
  };
  const dispose = async () => {
    await source.return?.();
  };

  const head: Buffer[] = [];
  let headLength = 0;
  try {
    while (headLength < SNIFF_BYTES) {
      const chunk = await read();
      if (!chunk) break;
      head.push(chunk);
      headLength += chunk.length;
    }
  } catch (err) {
    await dispose();
    throw err;
  }
  const type = sniffPhotoType(Buffer.concat(head, headLength));
  if (!type) {
    await dispose();
    throw new InvalidPhotoError(field, `${field} is not a JPEG or PNG image`);
  }

  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      for (let chunk = await read(); chunk; chunk = await read()) yield chunk;
    } finally {
      await dispose();
    }
  }
  return { type, contentType: PHOTO_MEDIA_TYPES[type], chunks: chunks(), dispose };
}
