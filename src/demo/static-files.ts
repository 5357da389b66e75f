import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Reads every file of `dir` (not recursive) into memory, keyed by file name. The demo's files are
 * a few tens of KB; holding them means each one is a fixed route, so no request path ever
 * reaches the file system. A missing directory gives an empty map.
 */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const type = TYPES[extname(name)];
    if (!type || !statSync(path).isFile()) continue;
    const body = readFileSync(path);
    files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return files;
}

/**
 * Sends `file`, or 304 when the browser has it. `no-cache` makes the browser revalidate: the file
 * names carry no content hash, so an updated bundle shows on the next load.
 */
export function sendStatic(req: IncomingMessage, res: ServerResponse, file: StaticFile, headers: Record<string, string> = {}): void {
  const common = { etag: file.etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...headers };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, common).end();
    return;
  }
  res.writeHead(200, { ...common, 'content-type': file.type, 'content-length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
