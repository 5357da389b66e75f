import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPMethod } from 'find-my-way';
import { discardBody, sendJson } from '../../http/body.js';
import { route, type Handler, type Router } from '../../http/router.js';
import type { SandboxContext } from './context.js';
import { AvaturnApiError } from './errors.js';
import { sameSecret } from './ids.js';

export interface RouteOptions {
  /** Require `Authorization: Bearer <apiKey>`. @default true */
  auth?: boolean;
  /** Apply fault injection (latency, drops, injected statuses). @default true */
  faults?: boolean;
}

function recordCall(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  res.once('close', () => {
    ctx.calls.push({ method: req.method ?? 'GET', path, status: res.writableFinished ? res.statusCode : 0 });
  });
}

function checkAuth(req: IncomingMessage, apiKey: string): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) throw new AvaturnApiError(401, 'Not authenticated: a Bearer API token is required');
  if (!sameSecret(match[1]!, apiKey)) throw new AvaturnApiError(401, 'Invalid API token');
}

/** Sends an error as `{"detail": ...}`; anything not an `AvaturnApiError` is a logged 500. */
export function sendError(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, err: unknown): void {
  discardBody(req);
  if (err instanceof AvaturnApiError) {
    const headers: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    sendJson(res, err.status, { detail: err.detail }, headers);
    return;
  }
  ctx.logger.error({ err }, 'avaturn sandbox: handler failed');
  sendJson(res, 500, { detail: 'Internal Server Error' });
}

/**
 * Registers a simulator route under `basePath`: records the call, applies fault injection
 * first, then the bearer check, and answers errors the way the real API does.
 */
export function apiRoute(
  router: Router,
  ctx: SandboxContext,
  method: HTTPMethod | HTTPMethod[],
  path: string,
  handler: Handler,
  options: RouteOptions = {},
): void {
  route(router, method, `${ctx.basePath}${path}`, async (req, res, params, query) => {
    recordCall(ctx, req, res);
    if (options.faults !== false && (await ctx.faults.intercept(req, res))) return;
    try {
      if (options.auth !== false) checkAuth(req, ctx.apiKey);
      await handler(req, res, params, query);
      discardBody(req);
    } catch (err) {
      if (res.headersSent) throw err;
      sendError(ctx, req, res, err);
    }
  });
}
