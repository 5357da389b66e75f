import { z } from 'zod';
import { BodyError, readJson, sendJson } from '../../http/body.js';
import { route } from '../../http/router.js';
import { apiRoute } from './api-route.js';
import type { SandboxContext } from './context.js';
import { consentList } from './consents.js';
import { notFound } from './errors.js';

const completeBody = z
  .object({ zepetoIds: z.array(z.string().min(1).max(200)).min(1).max(8).optional() })
  .optional();

/**
 * The QR connection flow [DOC]: the API starts a login session and reports its status. The
 * sandbox-only complete route stands in for the person scanning the QR code in the ZEPETO app.
 */
export function mountAuthRoutes(ctx: SandboxContext): void {
  // No body is sent here, so unlike the render methods no content-type is required.
  apiRoute(ctx, 'POST', '/services/biz/characters/auth', async () => {
    const session = ctx.sessions.create();
    const url = `ZEPETO://PLATFORM/QR_LOGIN?type=RENDER_IT&udid=${session.sessionId}`;
    return { status: 200, body: { url, sessionId: session.sessionId } };
  });

  apiRoute(ctx, 'GET', '/services/biz/characters/auth/:sessionId', async (_req, params) => {
    const session = ctx.sessions.get(params.sessionId ?? '');
    if (!session) throw notFound(`login session ${params.sessionId ?? ''} not found`);
    return { status: 200, body: { status: session.status, zepetoIds: session.zepetoIds } };
  });

  let generated = 0;
  const nextId = (): string => {
    let id: string;
    do id = `sandbox_user_${++generated}`;
    while (ctx.connected.has(id));
    return id;
  };

  route(ctx.router, 'POST', `${ctx.basePath}/sandbox/auth/:sessionId/complete`, async (req, res, params) => {
    let body: z.infer<typeof completeBody>;
    try {
      const parsed = completeBody.safeParse(await readJson(req, 16 * 1024));
      if (!parsed.success) return sendJson(res, 400, { code: 400, message: 'body must be {"zepetoIds"?: [1..8 ids]}' });
      body = parsed.data;
    } catch (err) {
      if (err instanceof BodyError) return sendJson(res, err.status, { code: err.status, message: err.message });
      throw err;
    }
    const id = params.sessionId ?? '';
    // Only a pending session takes a generated id, so repeated clicks don't burn numbers.
    const pending = ctx.sessions.get(id)?.status === 'PENDING';
    const outcome = ctx.sessions.complete(id, body?.zepetoIds ?? (pending ? [nextId()] : []));
    if (outcome === 'unknown') return sendJson(res, 404, { code: 404, message: `login session ${id} not found` });
    if (outcome === 'expired') return sendJson(res, 410, { code: 410, message: `login session ${id} has expired` });
    for (const zepetoId of outcome.zepetoIds) ctx.connected.add(zepetoId);
    sendJson(res, 200, outcome);
  });

  route(ctx.router, 'GET', `${ctx.basePath}/sandbox/state`, (_req, res) => {
    sendJson(res, 200, {
      connectedZepetoIds: [...ctx.connected],
      consents: consentList(ctx),
      callCount: ctx.callCount.value,
      tps: { limit: ctx.tps.limit, inLastSecond: ctx.tps.inWindow(ctx.now()) },
      pendingLogins: ctx.sessions.pendingCount(),
    });
  });
}
