import { z } from 'zod';
import { BodyError, readJson, sendJson } from '../../http/body.js';
import { route, type Handler } from '../../http/router.js';
import type { SandboxContext } from './context.js';
import { notFound } from './errors.js';

/**
 * Consents [SEED]: besides the IDs connected to the workspace, Render-it pictures "IDs of people
 * who have allowed the connected account to take pictures with them". People give that consent
 * in the ZEPETO app; the sandbox keeps the list, fed by a sandbox-only route that plays their part.
 * The sandbox reads "with them" literally: a consenting ID is pictured only in an image that also
 * shows a connected account it allowed.
 */
const consentBody = z.object({
  zepetoId: z.string().min(1).max(200),
  connectedZepetoId: z.string().min(1).max(200),
});

export function grantConsent(ctx: SandboxContext, zepetoId: string, connectedZepetoId: string): void {
  const allowed = ctx.consents.get(zepetoId) ?? new Set<string>();
  ctx.consents.set(zepetoId, allowed.add(connectedZepetoId));
}

/** Every target is connected, or allowed a connected target of the same picture (404 otherwise). */
export function checkRenderable(ctx: SandboxContext, targets: ReadonlyArray<{ zepetoId: string }>): void {
  const connected = targets.filter((t) => ctx.connected.has(t.zepetoId)).map((t) => t.zepetoId);
  const missing = targets.find(
    (t) => !ctx.connected.has(t.zepetoId) && !connected.some((c) => ctx.consents.get(t.zepetoId)?.has(c)),
  );
  if (missing) {
    throw notFound(`ZEPETO ID ${missing.zepetoId} is not connected to this workspace, nor allowed a connected account in the picture to take pictures with it`);
  }
}

export function consentList(ctx: SandboxContext): Array<z.infer<typeof consentBody>> {
  return [...ctx.consents].flatMap(([zepetoId, allowed]) => [...allowed].map((connectedZepetoId) => ({ zepetoId, connectedZepetoId })));
}

/** `POST` grants, `DELETE` withdraws, `GET` lists: `<basePath>/sandbox/consents`. */
export function mountConsentRoutes(ctx: SandboxContext): void {
  const path = `${ctx.basePath}/sandbox/consents`;
  const list = () => consentList(ctx);

  const withBody = (handle: (consent: z.infer<typeof consentBody>) => void): Handler => async (req, res) => {
    let body: unknown;
    try {
      body = await readJson(req, 16 * 1024);
    } catch (err) {
      if (err instanceof BodyError) return sendJson(res, err.status, { code: err.status, message: err.message });
      throw err;
    }
    const parsed = consentBody.safeParse(body);
    if (!parsed.success) return sendJson(res, 400, { code: 400, message: 'body must be {"zepetoId": "...", "connectedZepetoId": "..."}' });
    handle(parsed.data);
    sendJson(res, 200, { consents: list() });
  };

  route(ctx.router, 'GET', path, (_req, res) => sendJson(res, 200, { consents: list() }));
  route(ctx.router, 'POST', path, withBody(({ zepetoId, connectedZepetoId }) => grantConsent(ctx, zepetoId, connectedZepetoId)));
  route(ctx.router, 'DELETE', path, withBody(({ zepetoId, connectedZepetoId }) => {
    ctx.consents.get(zepetoId)?.delete(connectedZepetoId);
  }));
}
