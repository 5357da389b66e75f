import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** Reads a request body up to `limit` bytes (413 past it) and returns it as UTF-8 text. */
export async function readText(req: IncomingMessage, limit: number): Promise<string> {
  try {
    return await getRawBody(req, { limit, encoding: 'utf8' });
  } catch (err) {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') throw new BodyError(413, `body exceeds ${limit} bytes`);
    throw new BodyError(400, 'body could not be read');
  }
}

/** Reads and parses a JSON body; malformed JSON is a 400 `BodyError`. */
export async function readJson(req: IncomingMessage, limit = 1024 * 1024): Promise<unknown> {
  const text = await readText(req, limit);
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** Drains an unread request body so keep-alive connections stay usable after an early answer. */
export function discardBody(req: IncomingMessage): void {
  if (!req.readableEnded) req.resume();
}
