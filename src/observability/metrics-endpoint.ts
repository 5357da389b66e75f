import { createHash, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { bearerToken } from '../auth/verify-token.js';
import { sendJson } from '../http/body.js';

type MetricsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

// Digests first: equal lengths for timingSafeEqual, and the compare time says nothing about the token.
const digest = (value: string) => createHash('sha256').update(value).digest();

/** GET /metrics; with `token` set, only for `Authorization: Bearer <token>` (compared in constant time). */
export function createMetricsHandler(registry: Registry, token: string | undefined): MetricsHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (req, res) => {
    if (expected) {
      const presented = bearerToken(req.headers.authorization);
      if (!presented || !timingSafeEqual(digest(presented), expected)) {
        return sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer realm="metrics"' });
      }
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
  };
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/**
 * METRICS_PORT: /metrics on a listener of its own (nothing else is served there), so it can
 * stay on a private network while the main port faces the internet.
 */
export async function startMetricsListener(handler: MetricsHandler, host: string, port: number): Promise<MetricsListener> {
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 10_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (req.method !== 'GET' || path !== '/metrics') return sendJson(res, 404, { error: 'not_found' });
    handler(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      else res.destroy();
    });
  });
  server.listen(port, host);
  await once(server, 'listening');
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
