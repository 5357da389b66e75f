import { route, type Router } from './router.js';
import { sendJson } from './body.js';
import type { Services } from '../services.js';

/** Liveness, readiness and Prometheus metrics. */
export function mountProbes(router: Router, services: Services, isDraining: () => boolean): void {
  route(router, 'GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));

  route(router, 'GET', '/readyz', async (_req, res) => {
    if (isDraining()) return sendJson(res, 503, { status: 'draining' });
    try {
      await services.checkReady();
      sendJson(res, 200, { status: 'ready' });
    } catch (err) {
      sendJson(res, 503, { status: 'unavailable', reason: (err as Error).message });
    }
  });

  route(router, 'GET', '/metrics', async (_req, res) => {
    const body = await services.metrics.metrics();
    res.writeHead(200, { 'content-type': services.metrics.contentType });
    res.end(body);
  });
}
