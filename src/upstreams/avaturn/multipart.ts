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

export type MultipartPart = { name: string; value: string } | { name: string; file: PhotoSource };

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

/**
 * Builds a multipart/form-data body as an async generator: for each part its headers, then its
 * bytes piped from the source in order. Backpressure reaches the sources, so memory stays at a
 * few chunks whatever the file sizes.
 */
export function createMultipartBody(parts: readonly MultipartPart[]): MultipartBody {
  const boundary = `----avatar-gateway-${randomBytes(16).toString('hex')}`;
  const headers = parts.map((p) => partHeader(boundary, p));
  const closing = Buffer.from(`--${boundary}--\r\n`);
  let failure: { error: unknown } | undefined;
  const finished = new Set<MultipartPart>();

  let contentLength: number | undefined = closing.length;
  parts.forEach((part, i) => {
    const bodyLength = 'file' in part ? part.file.size : Buffer.byteLength(part.value);
    contentLength =
      contentLength === undefined || bodyLength === undefined ? undefined : contentLength + headers[i]!.length + bodyLength + CRLF.length;
  });

  async function* generate(): AsyncGenerator<Uint8Array> {
    for (const [i, part] of parts.entries()) {
      yield headers[i]!;
      if ('file' in part) {
        try {
          for await (const chunk of part.file.stream as AsyncIterable<Uint8Array | string>) {
            yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          }
        } catch (error) {
          failure ??= { error };
          throw error;
        }
      } else {
        yield Buffer.from(part.value);
      }
      finished.add(part);
      yield CRLF;
    }
    yield closing;
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    stream: Readable.from(generate(), { objectMode: false }),
    sourceError: () => failure,
    dispose: () => {
      for (const part of parts) {
        if (!('file' in part) || finished.has(part)) continue;
        const source = part.file.stream;
        if (source instanceof Readable) source.destroy();
        else Promise.resolve(source[Symbol.asyncIterator]().return?.()).catch(() => {});
      }
    },
  };
}
