import { sendJson } from '../../http/body.js';
import { route } from '../../http/router.js';
import type { SandboxContext } from './context.js';

/**
 * Serves result images. Not an API call: no key, no TPS, no injected faults, and not in the call
 * log, like a CDN link. APNGs are served as `image/png` too, which every PNG client accepts.
 */
export function mountResultRoutes(ctx: SandboxContext): void {
  route(ctx.router, 'GET', `${ctx.basePath}/results/:file`, (_req, res, params) => {
    const result = ctx.results.render(params.file ?? '');
    if (!result) return sendJson(res, 404, { code: 404, message: 'result not found or expired' });
    const maxAge = Math.max(0, Math.floor((result.expiresAt - ctx.now()) / 1000));
    res.writeHead(200, {
      'content-type': 'image/png',
      'content-length': result.bytes.length,
      'cache-control': `private, max-age=${maxAge}`,
    });
    res.end(result.bytes);
  });
}
