import type { ReadStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { GraphQLSchema } from 'graphql';
import { Upload, type FileUpload } from 'graphql-upload-minimal';
import { AppError, ValidationError } from '../errors/app-error.js';
import type { FilePartCount } from './file-part-count.js';
import { MAX_MAP_BYTES, MAX_OPERATIONS_BYTES, MAX_UPLOAD_FILES } from './limits.js';
import { MissingFilePart, partTooLarge, tooManyFiles } from './upload-errors.js';
import { parseOperations, planUploads, type MultipartOperation } from './upload-map.js';

/** Longest wait, once an operation read its files, for the rest of the body to arrive. */
const SETTLE_MS = 5_000;

/** `resolve` and `reject` exist on every `Upload`; the library's types only leave them out. */
type SettableUpload = Upload & { resolve(file: FileUpload): void; reject(error: unknown): void };

export interface MultipartLimits {
  /** Bytes per file; busboy cuts a file off (and marks it truncated) at this size. */
  maxFileBytes: number;
  /** The whole body, counted as it is read. */
  maxBodyBytes: number;
}

const invalid = (message: string) => new ValidationError(`Invalid multipart request: ${message}`);
const shown = (name: unknown) => JSON.stringify(String(name).slice(0, 64));
const ignore = () => undefined;

/**
 * The GraphQL multipart request spec, parsed by busboy in one pass: `operations`, then `map`,
 * then the files, each streamed to the operation as it arrives (never buffered).
 *
 * Why not graphql-upload-minimal's `processRequest`: it places each file with `deepSet`, which
 * walks the map path with `object[prop]` into inherited properties and assigns at the end, so a
 * path like `variables.toString.call` overwrites `Object.prototype.toString.call` for the whole
 * process (its blocklist only names `__proto__` and `constructor`); and it ignores file parts
 * the map does not name. Here the map is checked against the operation's declared `Upload`
 * variables first (`upload-map.ts`), through own properties only, and nothing is assigned before
 * every path passed. The library's `Upload` class is kept: its `GraphQLUpload` scalar accepts
 * only instances of it.
 *
 * Before the map was accepted, any problem rejects `operation` (the request is refused before
 * the operation runs, so before any upstream call). After it, a problem ends parsing: the file
 * being read fails with it, files not arrived yet are rejected with it, and `problem` says it.
 */
export class MultipartBody implements FilePartCount {
  /** The operation with its `Upload` values in place, once `map` was accepted; a typed error before. */
  readonly operation: Promise<MultipartOperation>;
  private resolveOperation!: (operation: MultipartOperation) => void;
  private rejectOperation!: (error: AppError) => void;
  private stage: 'operations' | 'map' | 'files' = 'operations';
  private parsed: MultipartOperation | undefined;
  private readonly slots = new Map<string, { upload: SettableUpload; arrived: boolean }>();
  private parser: busboy.Busboy | undefined;
  private halted = false;
  private refusal: AppError | undefined;
  private bytes = 0;
  private finish!: () => void;
  private readonly ended = new Promise<void>((resolve) => (this.finish = resolve));

  /** Call before anything else reads the request, in the same tick. */
  constructor(
    private readonly req: IncomingMessage,
    private readonly schema: GraphQLSchema,
    private readonly limits: MultipartLimits,
  ) {
    this.operation = new Promise<MultipartOperation>((resolve, reject) => {
      this.resolveOperation = resolve;
      this.rejectOperation = reject;
    });
    this.operation.catch(ignore);
    try {
      this.parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fieldSize: MAX_OPERATIONS_BYTES, fields: 2, files: MAX_UPLOAD_FILES, fileSize: limits.maxFileBytes, headerPairs: 16 },
      });
    } catch {
      this.refuse(invalid('the content-type has no usable multipart boundary'));
      return;
    }
    this.parser.on('field', (name, value, info) => this.onField(name, value, info.valueTruncated));
    this.parser.on('file', (name, stream, info) => this.onFile(name, stream, info));
    this.parser.on('filesLimit', () => this.refuse(tooManyFiles()));
    this.parser.on('fieldsLimit', () => this.refuse(invalid("only 'operations' and 'map' may be fields; files need a filename")));
    this.parser.on('error', (err: unknown) => this.break(err));
    this.parser.on('close', () => this.onClose());
    req.on('data', this.count);
    req.once('close', () => {
      if (!req.readableEnded) this.break(new Error('the client closed the request before its end'));
    });
    req.pipe(this.parser);
  }

  get problem(): AppError | undefined {
    return this.stage === 'files' ? this.refusal : undefined;
  }

  /** Body bytes read so far. */
  get bytesRead(): number {
    return this.bytes;
  }

  async settled(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_MS)))]);
    clearTimeout(timer);
  }

  /** Refuses the body with a typed error (a policy: too many parts, too large, idle too long). */
  refuse(error: AppError): void {
    if (this.halted) return;
    this.refusal = error;
    if (this.stage !== 'files') this.rejectOperation(error);
    this.halt(error);
  }

  /** The body broke (malformed, cut off, closed): the reader of each file says which one. */
  private break(cause: unknown): void {
    if (this.halted) return;
    if (this.stage !== 'files') this.rejectOperation(invalid('the body is malformed or was cut off'));
    this.halt(cause);
  }

  private halt(cause: unknown): void {
    this.halted = true;
    this.req.off('data', this.count);
    if (this.parser) {
      // Unpiping pauses the request: the rest is read (and dropped, up to a limit) once the
      // answer is out (drain-request.ts).
      this.req.unpipe(this.parser);
      this.parser.destroy(cause instanceof Error ? cause : new Error(String(cause)));
    }
    for (const slot of this.slots.values()) if (!slot.arrived) slot.upload.reject(cause);
    this.finish();
  }

  private readonly count = (chunk: Buffer) => {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBodyBytes) this.refuse(partTooLarge('the body', this.limits.maxBodyBytes));
  };

  private onField(name: string, value: string, truncated: boolean): void {
    if (this.halted) return;
    try {
      if (this.stage === 'operations') {
        if (name !== 'operations') throw invalid(`the first part must be 'operations', not ${shown(name)}`);
        if (truncated) throw partTooLarge("'operations'", MAX_OPERATIONS_BYTES);
        this.parsed = parseOperations(value);
        this.stage = 'map';
      } else if (this.stage === 'map') {
        if (name !== 'map') throw invalid(`the second part must be 'map', not ${shown(name)}`);
        if (truncated || Buffer.byteLength(value) > MAX_MAP_BYTES) throw partTooLarge("'map'", MAX_MAP_BYTES);
        this.acceptMap(value);
      } else {
        throw invalid(`no field may follow the files (got ${shown(name)})`);
      }
    } catch (err) {
      if (err instanceof AppError) this.refuse(err);
      else this.break(err);
    }
  }

  private acceptMap(value: string): void {
    const operation = this.parsed!;
    // planUploads only reads; every path is proven before the first Upload is put in place.
    for (const target of planUploads(this.schema, operation, value)) {
      const upload = new Upload() as SettableUpload;
      this.slots.set(target.partName, { upload, arrived: false });
      (target.container as Record<string | number, unknown>)[target.key] = upload;
    }
    this.stage = 'files';
    this.resolveOperation(operation);
  }

  private onFile(name: string, stream: Readable, info: busboy.FileInfo): void {
    // A file's failure reaches its reader through the stream; one nobody reads must not crash the process.
    let failure: unknown;
    stream.on('error', (err: unknown) => (failure ??= err));
    const refuse = (error: AppError) => {
      stream.resume();
      this.refuse(error);
    };
    if (this.halted) return void stream.resume();
    if (this.stage !== 'files') return refuse(invalid("files must follow 'operations' and 'map'"));
    const slot = this.slots.get(name);
    if (!slot) return refuse(invalid(`file part ${shown(name)} is not in the map`));
    if (slot.arrived) return refuse(invalid(`file part ${shown(name)} appears twice`));
    slot.arrived = true;
    let handedOut = false;
    slot.upload.resolve({
      fieldName: name,
      filename: info.filename ?? '',
      mimetype: info.mimeType,
      encoding: info.encoding,
      createReadStream: () => {
        if (failure) throw failure;
        if (handedOut) throw new Error('an uploaded file can be read once');
        handedOut = true;
        // Typed as a file stream by the library; it is busboy's Readable, as with processRequest.
        return stream as unknown as ReadStream;
      },
    });
  }

  private onClose(): void {
    if (this.halted) return;
    if (this.stage === 'operations') return this.refuse(invalid("the body has no 'operations' field"));
    if (this.stage === 'map') return this.refuse(invalid("the body has no 'map' field after 'operations'"));
    for (const slot of this.slots.values()) if (!slot.arrived) slot.upload.reject(new MissingFilePart('the map names a file the body lacks'));
    this.finish();
  }
}
