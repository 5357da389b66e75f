import type { AppError } from '../errors/app-error.js';

/**
 * What an operation learns about its multipart body beyond its `Upload` values, from the
 * request's one parser (`MultipartBody`; passed in Yoga's server context as `fileParts`). The
 * body goes on after the operation took its last photo: a part past the declared files, a part
 * the map does not name or one sent twice is only seen then, and the operation must not complete
 * the upload before it knows.
 */
export interface FilePartCount {
  /** Why the body was refused after the operation had started; final once `settled()` resolved. */
  readonly problem: AppError | undefined;
  /** Resolves once the whole body was parsed or refused (or the request ended), at most after a few seconds. */
  settled(): Promise<void>;
}
