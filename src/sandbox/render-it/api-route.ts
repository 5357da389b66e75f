import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BodyError, discardBody, sendJson } from '../../http/body.js';
import { route } from '../../http/router.js';
import type { CallRecord, SandboxContext } from './context.js';
import { RenderItError } from './errors.js';

export interface ApiReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Images billed for this call. @default 0 */
  images?: number;
}

export type ApiHandler = (
  req: IncomingMessage,
  params: Record<string, string | undefined>,
  query: Record<string, string | string[] | undefined>,
) => Promise<ApiReply>;

/** Keeps the call log bounded for long demos and benchmarks; tests stay far below it. */
const MAX_CALLS = 100_000;

/**
 * Registers one `/services/biz/**` route. Order per call: injected faults, the TPS window, the
 * bearer key, then the handler. The TPS check comes before the key so that every logged call
 * whose status is not 429 was admitted by the window: tests can check the limit from the log.
 */
export function apiRoute(ctx: SandboxContext, method: 'GET' | 'POST', path: string, handler: ApiHandler): void {
  route(ctx.router, method, `${ctx.basePath}${path}`, async (req, res, params, query) => {
    if (await ctx.faults.intercept(req, res)) return;
    const at = ctx.now();
    let reply: ApiReply;
    try {
      admit(ctx, req, at);
      reply = await handler(req, params, query);
    } catch (err) {
      reply = errorReply(ctx, err);
    }
    discardBody(req);
    record(ctx, {
      at,
      method,
      path: new URL(req.url ?? '/', 'http://sandbox').pathname.slice(ctx.basePath.length),
      status: reply.status,
      images: reply.status < 400 ? (reply.images ?? 0) : 0,
    });
    sendJson(res, reply.status, reply.body, reply.headers);
  });
}

function admit(ctx: SandboxContext, req: IncomingMessage, at: number): void {
  const slot = ctx.tps.tryAdmit(at);
  if (!slot.admitted) {
    const seconds = Math.max(1, Math.ceil(slot.retryAfterMs / 1000));
    throw new RenderItError(429, `over the workspace limit of ${ctx.tps.limit} calls per second`, { 'retry-after': String(seconds) });
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match || !sameSecret(match[1]!, ctx.apiKey)) {
    throw new RenderItError(401, 'not a valid API key token', { 'www-authenticate': 'Bearer' });
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function errorReply(ctx: SandboxContext, err: unknown): ApiReply {
  if (err instanceof RenderItError || err instanceof BodyError) {
    const headers = err instanceof RenderItError ? err.headers : {};
    return { status: err.status, body: { code: err.status, message: err.message }, headers };
  }
  ctx.logger.error({ err }, 'render-it sandbox handler failed');
  return { status: 500, body: { code: 500, message: 'ZEPETO Render-it service failure' } };
}

function record(ctx: SandboxContext, call: CallRecord): void {
  ctx.calls.push(call);
  if (ctx.calls.length > MAX_CALLS) ctx.calls.splice(0, ctx.calls.length - MAX_CALLS);
  ctx.callCount.value++;
  ctx.logger.debug(call, 'render-it sandbox call');
}
