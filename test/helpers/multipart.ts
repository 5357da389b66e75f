import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { print, type DocumentNode } from 'graphql';
import { request } from 'undici';

export type Part =
  | { name: string; value: string }
  | { name: string; filename: string; contentType?: string; data: Buffer | AsyncIterable<Buffer> };

export interface MultipartBodyOptions {
  truncateAfterBytes?: number;
  /** Stops sending for a while right after the delimiter that opens part `index` (before its headers). */
  pauseBefore?: { index: number; ms: number };
}

/** A multipart/form-data body streamed part by part (so tests can send 15 MiB without holding it). */
export function multipartBody(parts: Part[], options: MultipartBodyOptions = {}): { contentType: string; body: Readable } {
  const boundary = `----test-${randomBytes(8).toString('hex')}`;
  async function* generate(): AsyncGenerator<Buffer> {
    for (const [index, part] of parts.entries()) {
      const disposition = `form-data; name="${part.name}"${'filename' in part ? `; filename="${part.filename}"` : ''}`;
      const type = 'filename' in part ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}` : '';
      if (options.pauseBefore?.index === index) {
        yield Buffer.from(`--${boundary}`);
        await sleep(options.pauseBefore.ms);
        yield Buffer.from(`\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`);
      } else {
        yield Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`);
      }
      if ('value' in part) yield Buffer.from(part.value);
      else if (Buffer.isBuffer(part.data)) yield part.data;
      else for await (const chunk of part.data) yield chunk;
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  async function* truncated(limit: number): AsyncGenerator<Buffer> {
    let sent = 0;
    for await (const chunk of generate()) {
      if (sent + chunk.length >= limit) {
        yield chunk.subarray(0, limit - sent);
        return;
      }
      sent += chunk.length;
      yield chunk;
    }
  }
  const source = options.truncateAfterBytes === undefined ? generate() : truncated(options.truncateAfterBytes);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Readable.from(source) };
}

export interface GraphqlUpload {
  document: DocumentNode;
  variables: Record<string, unknown>;
  /** Variable paths (`variables.input.frontal`) -> file, in body order. */
  files: Array<{ path: string; filename?: string; data: Buffer | AsyncIterable<Buffer> }>;
  /** Parts appended after the files (not in the map). */
  extraParts?: Part[];
  /** Pause this long once the files were sent, before the extra parts' headers. */
  pauseBeforeExtraPartsMs?: number;
  /** Map entries replaced wholesale (for malformed-map tests). */
  map?: string;
  token?: string;
  headers?: Record<string, string>;
  truncateAfterBytes?: number;
  /** Send the whole body with a `content-length` (as browsers do) instead of chunked. */
  withContentLength?: boolean;
}

/** A `createAvatar` result as the upload documents of these tests select it. */
export interface CreatedAvatar {
  __typename: string;
  avatar?: { id: string; status: string; bodyType?: string; failureReason?: string | null };
  message?: string;
  code?: string;
  field?: string | null;
}

export interface UploadReply {
  status: number;
  json:
    | { data?: ({ createAvatar?: CreatedAvatar } & Record<string, unknown>) | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }
    | undefined;
  text: string;
}

/** A GraphQL multipart request (the spec's operations + map + files) over the real port. */
export async function sendUpload(url: string, upload: GraphqlUpload): Promise<UploadReply> {
  const map = upload.map ?? JSON.stringify(Object.fromEntries(upload.files.map((f, i) => [String(i), [f.path]])));
  const parts: Part[] = [
    { name: 'operations', value: JSON.stringify({ query: print(upload.document), variables: upload.variables }) },
    { name: 'map', value: map },
    ...upload.files.map((f, i) => ({ name: String(i), filename: f.filename ?? `photo-${i}.jpg`, contentType: 'image/jpeg', data: f.data })),
    ...(upload.extraParts ?? []),
  ];
  const pauseBefore = upload.pauseBeforeExtraPartsMs === undefined ? undefined : { index: 2 + upload.files.length, ms: upload.pauseBeforeExtraPartsMs };
  const { contentType, body: stream } = multipartBody(parts, { truncateAfterBytes: upload.truncateAfterBytes, pauseBefore });
  const headers: Record<string, string> = { 'content-type': contentType, 'graphql-preflight': '1', ...upload.headers };
  let body: Readable | Buffer = stream;
  if (upload.withContentLength) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks);
    headers['content-length'] = String(body.length);
  }
  if (upload.token) headers['authorization'] = `Bearer ${upload.token}`;
  const res = await request(`${url}/graphql`, { method: 'POST', headers, body, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const text = await res.body.text();
  let json: UploadReply['json'];
  try {
    json = JSON.parse(text) as UploadReply['json'];
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json, text };
}
