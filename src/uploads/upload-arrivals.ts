import type { FileUpload } from 'graphql-upload-minimal';
import { ValidationError, type AppError } from '../errors/app-error.js';
import { MissingFilePart, uploadStreamError } from './upload-errors.js';

type Settled<K> = { key: K; ok: true; upload: FileUpload } | { key: K; ok: false; error: unknown };

/**
 * Hands out an operation's uploads in the order the body carries them. busboy reads the body
 * sequentially and a file's promise resolves when its part begins, so waiting for one file while
 * an earlier one is left unread hangs once that one outgrows the stream buffers. Taking whichever
 * file is available next, and reading it to its end before asking again, never waits behind an
 * unread file: any order of parts works, whatever the file sizes and however the bytes arrive.
 */
export class UploadArrivals<K extends string> {
  private readonly waiting: Map<K, Promise<Settled<K>>>;

  constructor(
    uploads: Record<K, Promise<FileUpload>>,
    keys: readonly K[],
    private readonly fieldOf: (key: K) => string,
  ) {
    this.waiting = new Map(
      keys.map((key) => [
        key,
        Promise.resolve(uploads[key]).then(
          (upload): Settled<K> => ({ key, ok: true, upload }),
          (error: unknown): Settled<K> => ({ key, ok: false, error }),
        ),
      ]),
    );
  }

  /** Uploads not handed out yet. */
  get remaining(): number {
    return this.waiting.size;
  }

  /** The next file of the body (read it to its end before calling again); a typed error naming the field if it is not there. */
  async next(): Promise<{ key: K; upload: FileUpload }> {
    if (this.waiting.size === 0) throw new Error('every upload was already taken');
    const first = await Promise.race(this.waiting.values());
    this.waiting.delete(first.key);
    if (!first.ok) throw this.failure(this.fieldOf(first.key), first.error);
    return { key: first.key, upload: first.upload };
  }

  private failure(field: string, error: unknown): AppError {
    if (error instanceof MissingFilePart) return new ValidationError(`${field}: the file is missing from the multipart body`, field);
    return uploadStreamError(field, error);
  }
}
