import type { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import { sendJson } from '../http/body.js';
import { route, type Router } from '../http/router.js';
import { createMetricsHandler } from './metrics-endpoint.js';

export interface ProbeDeps {
  config: Pick<Config, 'metrics'>;
  metrics: Registry;
  /** Throws when what readiness depends on (the store, the event bus) is unreachable. */
  checkReady(): Promise<void>;
}

/** Liveness, readiness and Prometheus metrics (METRICS_TOKEN protects the latter). */
export function mountProbes(router: Router, services: ProbeDeps, isDraining: () => boolean): void {
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
