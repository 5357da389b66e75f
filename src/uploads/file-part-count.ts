import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { MAX_UPLOAD_FILES } from './limits.js';

/** Longest wait, once an operation read its files, for the rest of the body to arrive. */
const SETTLE_MS = 5_000;

/**
 * Counts the file parts of a multipart request with a parser of its own, fed the same bytes as
 * graphql-upload-minimal's through a second `data` listener (nothing of the library is touched;
 * file contents are dropped as they pass). graphql-upload-minimal stops parsing at `maxFiles`,
 * but a part arriving after the operation read its last photo reaches no one: the operation
 * waits for `settled()` before it completes the upload, then asks `tooMany`.
 */
export class FilePartCount {
  private files = 0;
  private done = false;
  private readonly ended: Promise<void>;

  /** Call before the request is piped anywhere, in the same tick. */
  constructor(req: IncomingMessage) {
    let finish!: () => void;
    this.ended = new Promise<void>((resolve) => (finish = resolve));
    const settle = () => {
      this.done = true;
      finish();
    };
    let parser: ReturnType<typeof busboy>;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: 1 } });
    } catch {
      // No usable boundary: graphql-upload-minimal refuses the request on its own.
      settle();
      return;
    }
    parser.on('file', (_name, stream) => {
      this.files++;
      // A body cut off mid-part fails the part's stream too: the parser's error says it already.
      stream.on('error', () => undefined);
      stream.resume();
    });
    parser.on('close', settle);
    parser.on('error', settle);
    req.on('data', (chunk: Buffer) => {
      if (!this.done) parser.write(chunk);
    });
    req.once('end', () => {
      if (!this.done) parser.end();
    });
    req.once('close', () => {
      if (!req.readableEnded) settle();
    });
  }

  /** More file parts than a request may carry. Final once `settled()` resolved. */
  get tooMany(): boolean {
    return this.files > MAX_UPLOAD_FILES;
  }

  /** Resolves once the whole body was parsed (or the request ended otherwise), at most after a few seconds. */
  async settled(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_MS)))]);
    clearTimeout(timer);
  }
}
