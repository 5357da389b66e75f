import type { FileUpload } from 'graphql-upload-minimal';
import { ValidationError } from '../errors/app-error.js';
import { uploadStreamError } from './upload-errors.js';

type Settled<K> = { key: K; upload?: FileUpload; error?: unknown };

/**
 * Hands out an operation's uploads without the deadlock of awaiting them out of body order.
 * busboy reads the body sequentially, so a file's promise only resolves once every earlier file
 * was read to its end (or fits in the stream buffers): awaiting a later file first hangs once
 * the earlier one outgrows them. `next(expected)` waits for whichever file is available first; if
 * that is another one (a large file sent out of order) it refuses the body with an error naming
 * the field instead of hanging. Small files already parsed come in any order.
 */
export class OrderedUploads<K extends string> {
  private readonly waiting: Map<K, Promise<Settled<K>>>;

  constructor(
    uploads: Record<K, Promise<FileUpload>>,
    private readonly order: readonly K[],
    private readonly fieldOf: (key: K) => string,
    private readonly maxBytes: number,
  ) {
    this.waiting = new Map(
      order.map((key) => [
        key,
        Promise.resolve(uploads[key]).then(
          (upload): Settled<K> => ({ key, upload }),
          (error: unknown): Settled<K> => ({ key, error }),
        ),
      ]),
    );
  }

  async next(expected: K): Promise<FileUpload> {
    const candidates = [...this.waiting.values()];
    if (!this.waiting.has(expected) || candidates.length === 0) throw new Error(`upload ${expected} was already taken`);
    const first = await Promise.race(candidates);
    this.waiting.delete(first.key);
    const field = this.fieldOf(first.key);
    if (first.key !== expected) {
      if (first.error !== undefined) throw this.missing(field, first.error);
      throw new ValidationError(
        `${this.fieldOf(expected)}: files must come in the order ${this.order.map((k) => this.fieldOf(k)).join(', ')} (${field} came first)`,
        this.fieldOf(expected),
      );
    }
    if (first.error !== undefined) throw this.missing(field, first.error);
    return first.upload!;
  }

  private missing(field: string, error: unknown) {
    // graphql-upload-minimal rejects a mapped file absent from the body with a 400 HttpError.
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 400) return new ValidationError(`${field}: the file is missing from the multipart body`, field);
    return uploadStreamError(field, error, this.maxBytes);
  }
}
