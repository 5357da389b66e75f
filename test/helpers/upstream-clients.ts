import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { expect } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import {
  UpstreamAuthError,
  UpstreamBadRequestError,
  UpstreamConflictError,
  UpstreamGoneError,
  UpstreamNotFoundError,
  UpstreamRateLimitedError,
  UpstreamServerError,
  UpstreamTimeoutError,
  UpstreamUnsupportedMediaError,
} from '../../src/upstreams/errors.js';

export const AVATURN_ORIGIN = 'https://api.avaturn.me';
export const RENDERIT_ORIGIN = 'https://api.render-it.m2s.team';
export const API_KEY = 'sk-test-DO-NOT-LEAK-7f3a9c2e41b8';
/** Planted in upstream error bodies: must never reach a message, JSON or log line. */
export const BODY_SECRET = 'UPSTREAM-BODY-SECRET-d41d8cd9';

/** Every documented upstream status, the error class it becomes and the code clients see. */
export const STATUS_TABLE = [
  [400, UpstreamBadRequestError, ErrorCode.BAD_USER_INPUT],
  [401, UpstreamAuthError, ErrorCode.UPSTREAM_MISCONFIGURED],
  [403, UpstreamAuthError, ErrorCode.UPSTREAM_MISCONFIGURED],
  [404, UpstreamNotFoundError, ErrorCode.NOT_FOUND],
  [408, UpstreamTimeoutError, ErrorCode.UPSTREAM_TIMEOUT],
  [409, UpstreamConflictError, ErrorCode.CONFLICT],
  [410, UpstreamGoneError, ErrorCode.GONE],
  [415, UpstreamUnsupportedMediaError, ErrorCode.INTERNAL_SERVER_ERROR],
  [422, UpstreamBadRequestError, ErrorCode.BAD_USER_INPUT],
  [429, UpstreamRateLimitedError, ErrorCode.RATE_LIMITED],
  [500, UpstreamServerError, ErrorCode.UPSTREAM_UNAVAILABLE],
  [503, UpstreamServerError, ErrorCode.UPSTREAM_UNAVAILABLE],
] as const;

export function createMockAgent(): MockAgent {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  return agent;
}

export interface CapturedLogs {
  logger: Logger;
  lines: Record<string, unknown>[];
  raw: string[];
}

export function captureLogs(): CapturedLogs {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger('debug', {
    write(s: string) {
      raw.push(s);
      lines.push(JSON.parse(s) as Record<string, unknown>);
    },
  });
  return { logger, lines, raw };
}

/** Retry hooks that never wait and record the waits asked for. */
export function instantRetry(random = () => 0.5) {
  const sleeps: number[] = [];
  return {
    sleeps,
    hooks: {
      random,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
    },
  };
}

/** Every way an error could be shown or serialized leaves out the key and the upstream body. */
export function expectNoLeak(err: unknown, secrets: readonly string[] = [API_KEY, BODY_SECRET]): void {
  const e = err as Error;
  const views = [e.message, JSON.stringify(e), String(e), e.stack ?? '', inspect(e, { depth: 5 })];
  for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret);
}

export interface LocalServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1:0 (loopback only). */
export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
