import { AppError, PayloadTooLargeError, ValidationError } from '../errors/app-error.js';
import { MAX_UPLOAD_FILES } from './limits.js';

/**
 * What a failed upload stream means to the client. graphql-upload-minimal fails streams with
 * `HttpError`s (413 past a limit, 499 when the client went away); busboy fails them on a body
 * that ends mid-part. Everything becomes one of our typed, safe-to-show errors naming the field.
 */
export function uploadStreamError(field: string, err: unknown, maxBytes: number): AppError {
  if (err instanceof AppError) return err;
  if (statusOf(err) === 413) return tooLarge(field, maxBytes);
  return new ValidationError(`${field}: the upload was interrupted or the multipart body is malformed`, field);
}

export function statusOf(err: unknown): unknown {
  return (err as { status?: unknown } | null)?.status;
}

export function tooLarge(field: string, maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`${field} is larger than the ${maxBytes}-byte limit per photo`, { field, maxBytes });
}

export function tooManyFiles(): PayloadTooLargeError {
  return new PayloadTooLargeError(`A request carries at most ${MAX_UPLOAD_FILES} files`, { maxFiles: MAX_UPLOAD_FILES });
}
