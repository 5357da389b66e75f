import { AppError, PayloadTooLargeError, ValidationError } from '../errors/app-error.js';
import { MAX_UPLOAD_FILES } from './limits.js';

/**
 * Rejects the `Upload` of a part the map names but the body never carried (see
 * `upload-arrivals.ts`, which names the field).
 */
export class MissingFilePart extends Error {
  override name = 'MissingFilePart';
}

/**
 * What a failed upload stream means to the client. The multipart parser fails streams with our
 * typed errors (a policy of `multipart-body.ts`) or with busboy's own errors on a body that ends
 * mid-part or breaks: those become a typed, safe-to-show error naming the field.
 */
export function uploadStreamError(field: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new ValidationError(`${field}: the upload was interrupted or the multipart body is malformed`, field);
}

export function tooLarge(field: string, maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`${field} is larger than the ${maxBytes}-byte limit per photo`, { field, maxBytes });
}

export function tooManyFiles(): PayloadTooLargeError {
  return new PayloadTooLargeError(`A request carries at most ${MAX_UPLOAD_FILES} files`, { maxFiles: MAX_UPLOAD_FILES });
}

/** The `operations` or `map` field, or the whole body, past its cap. */
export function partTooLarge(what: string, maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`Invalid multipart request: ${what} is larger than ${maxBytes} bytes`, { maxBytes });
}
