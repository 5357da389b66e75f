import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import { Upload } from 'graphql-upload-minimal';
import { PayloadTooLargeError, ValidationError, type AppError } from '../errors/app-error.js';
import { MAX_UPLOAD_FILES } from './limits.js';

/** How long an operation waits for the rest of the body once it has read its files. */
const SETTLE_MS = 5_000;

/**
 * What graphql-upload-minimal's parser saw beyond the files an operation reads. It ignores a file
 * part the map does not mention, and a part past `maxFiles` only stops the parser (after the
 * operation may already have read its files), so neither reaches the operation on its own. An
 * operation asks `problem()` once the body is fully parsed (`settled()`), before it commits.
 */
export class MultipartStatus {
  private readonly unexpected: string[] = [];
  private tooManyFiles = false;
  private readonly parsedPromise: Promise<void>;
  private markParsed!: () => void;

  constructor() {
    this.parsedPromise = new Promise((resolve) => (this.markParsed = resolve));
  }

  /** Listens to busboy: the map's keys, every file part, the files limit, the end. */
  observe(parser: Writable): void {
    let mapped: Set<string> | undefined;
    parser.on('field', (name: string, value: string) => {
      if (name !== 'map') return;
      try {
        mapped = new Set(Object.keys(JSON.parse(value) as object));
      } catch {
        mapped = new Set();
      }
    });
    parser.on('file', (name: string) => {
      if (mapped && !mapped.has(name)) this.unexpected.push(name);
    });
    parser.on('filesLimit', () => (this.tooManyFiles = true));
    parser.once('close', () => this.markParsed());
    // Also keeps a late parser error from going unhandled once graphql-upload-minimal stopped listening.
    parser.on('error', () => this.markParsed());
  }

  /** Resolves when the whole body was parsed (or parsing stopped), at most after a few seconds. */
  async settled(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.parsedPromise, new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_MS)))]);
    clearTimeout(timer);
  }

  problem(): AppError | undefined {
    if (this.tooManyFiles) {
      return new PayloadTooLargeError(`A request carries at most ${MAX_UPLOAD_FILES} files`, { maxFiles: MAX_UPLOAD_FILES });
    }
    if (this.unexpected.length > 0) {
      return new ValidationError(`The multipart body has a file the operation does not use (part "${this.unexpected[0]}")`);
    }
    return undefined;
  }
}

const byUpload = new WeakMap<object, MultipartStatus>();

/**
 * Captures the parser graphql-upload-minimal pipes the request into (its only `req.pipe` call),
 * restoring `pipe` at once. Call before `processRequest`.
 */
export function watchMultipart(req: IncomingMessage): MultipartStatus {
  const status = new MultipartStatus();
  const pipe = req.pipe;
  req.pipe = function capture<T extends NodeJS.WritableStream>(this: IncomingMessage, destination: T, options?: { end?: boolean }): T {
    req.pipe = pipe;
    status.observe(destination as unknown as Writable);
    return pipe.call(this, destination, options) as T;
  };
  return status;
}

/** Links every `Upload` in the parsed operations to the request's status (see `multipartStatusOf`). */
export function linkUploads(operations: unknown, status: MultipartStatus): void {
  const seen = new Set<unknown>();
  const walk = (value: unknown) => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Upload) {
      byUpload.set(value.promise, status);
      return;
    }
    for (const child of Object.values(value)) walk(child);
  };
  walk(operations);
}

/** The status of the request an `Upload` argument (the promise the scalar hands out) came with. */
export function multipartStatusOf(upload: unknown): MultipartStatus | undefined {
  return typeof upload === 'object' && upload !== null ? byUpload.get(upload) : undefined;
}
