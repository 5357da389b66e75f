import { route, type Router } from '../http/router.js';
import { sendJson } from '../http/body.js';
import { createMetricsHandler } from './metrics-endpoint.js';
import type { Services } from '../services.js';

/** Liveness, readiness and Prometheus metrics (METRICS_TOKEN protects the latter). */
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

  // With METRICS_PORT, /metrics lives on its own listener (src/server/start-gateway.ts), not here.
  if (services.config.metrics.port === undefined) {
    route(router, 'GET', '/metrics', createMetricsHandler(services.metrics, services.config.metrics.token));
  }
}
