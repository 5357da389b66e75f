import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** One file to upload, read once, chunk by chunk. */
export interface PhotoSource {
  stream: Readable | AsyncIterable<Uint8Array>;
  filename: string;
  contentType: string;
  /** Exact byte length when known: with every size known the request carries a `content-length`. */
  size?: number;
}

export type FilePart = { name: string; file: PhotoSource };
export type MultipartPart = { name: string; value: string } | FilePart;

export interface MultipartBody {
  contentType: string;
  /** Total length when every file's size is known, else undefined (chunked transfer). */
  contentLength: number | undefined;
  /** The body, produced lazily as the socket drains: no file is ever held whole in memory. */
  stream: Readable;
  /** The first error a source threw, if any: it is what the caller should see. */
  sourceError(): { error: unknown } | undefined;
  /** Releases sources not read to their end (after a failed upload), so their producers do not stall. */
  dispose(): void;
}

const CRLF = Buffer.from('\r\n');

/** WHATWG form-data encoding of names in headers: `"`, CR and LF are percent-escaped. */
const escapeQuoted = (s: string): string => s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const safeMediaType = (t: string): string => (/^[\w.+-]+\/[\w.+-]+$/.test(t) ? t : 'application/octet-stream');

function partHeader(boundary: string, part: MultipartPart): Buffer {
  const disposition = `form-data; name="${escapeQuoted(part.name)}"`;
  const lines =
    'file' in part
      ? [
          `Content-Disposition: ${disposition}; filename="${escapeQuoted(part.file.filename)}"`,
          `Content-Type: ${safeMediaType(part.file.contentType)}`,
        ]
      : [`Content-Disposition: ${disposition}`];
  return Buffer.from(`--${boundary}\r\n${lines.join('\r\n')}\r\n\r\n`);
}

function release(source: PhotoSource['stream']): void {
  if (source instanceof Readable) source.destroy();
  else Promise.resolve(source[Symbol.asyncIterator]().return?.()).catch(() => {});
}

/**
 * Builds a multipart/form-data body as an async generator: for each part its headers, then its
 * bytes piped from the source in order. Backpressure reaches the sources, so memory stays at a
 * few chunks whatever the file sizes. File parts in `later` come after `parts`, each only once
 * the body reaches it: its headers are written then, so its name and type may depend on what its
 * source turned out to be.
 */
export function createMultipartBody(parts: readonly MultipartPart[], later?: AsyncIterable<FilePart>): MultipartBody {
  const boundary = `----avatar-gateway-${randomBytes(16).toString('hex')}`;
  const headers = parts.map((p) => partHeader(boundary, p));
  const closing = Buffer.from(`--${boundary}--\r\n`);
  let failure: { error: unknown } | undefined;
  /** File parts whose source was not read to its end. */
  const unfinished = new Set<FilePart>(parts.filter((p): p is FilePart => 'file' in p));
  const laterParts = later?.[Symbol.asyncIterator]();

  let contentLength: number | undefined = later ? undefined : closing.length;
  parts.forEach((part, i) => {
    const bodyLength = 'file' in part ? part.file.size : Buffer.byteLength(part.value);
    contentLength =
      contentLength === undefined || bodyLength === undefined ? undefined : contentLength + headers[i]!.length + bodyLength + CRLF.length;
  });

  async function* emit(part: MultipartPart, header: Buffer): AsyncGenerator<Uint8Array> {
    yield header;
    if ('file' in part) {
      for await (const chunk of part.file.stream as AsyncIterable<Uint8Array | string>) {
        yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      }
      unfinished.delete(part);
    } else {
      yield Buffer.from(part.value);
    }
    yield CRLF;
  }

  async function* generate(): AsyncGenerator<Uint8Array> {
    try {
      for (const [i, part] of parts.entries()) yield* emit(part, headers[i]!);
      for (let next = await laterParts?.next(); next && !next.done; next = await laterParts!.next()) {
        unfinished.add(next.value);
        yield* emit(next.value, partHeader(boundary, next.value));
      }
    } catch (error) {
      failure ??= { error };
      throw error;
    }
    yield closing;
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    stream: Readable.from(generate(), { objectMode: false }),
    sourceError: () => failure,
    dispose: () => {
      for (const part of unfinished) release(part.file.stream);
      unfinished.clear();
      Promise.resolve(laterParts?.return?.()).catch(() => {});
    },
  };
}
