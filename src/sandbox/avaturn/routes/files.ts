import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { apiRoute } from '../api.js';
import type { SandboxContext } from '../context.js';
import type { ResultFile } from '../store.js';

/** Stores a result and returns its absolute, unauthenticated, expiring URL. */
export function publishFile(ctx: SandboxContext, file: Omit<ResultFile, 'expiresAt'>, ttlMs: number): string {
  const token = ctx.store.issueFile(file, ttlMs);
  return `${ctx.publicBase}/files/${token}/${file.fileName}`;
}

/** Result downloads (the real service's temporary storage URLs): 404 once expired or deleted. */
export function registerFileRoutes(router: Router, ctx: SandboxContext): void {
  apiRoute(
    router,
    ctx,
    'GET',
    '/files/:token/:name',
    (_req, res, params) => {
      const file = ctx.store.file(params.token ?? '');
      if (!file || file.fileName !== params.name) {
        sendJson(res, 404, { detail: 'file not found or expired' });
        return;
      }
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': file.bytes.length,
        'cache-control': 'private, no-store',
      });
      res.end(file.bytes);
    },
    { auth: false, faults: false },
  );
}
