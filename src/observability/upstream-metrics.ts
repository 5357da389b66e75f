import { Counter, Histogram, type Registry } from 'prom-client';
import type { UpstreamCallObserver } from '../upstreams/caller.js';

/**
 * Prometheus series for every upstream attempt (retries counted one by one), so an operator sees
 * Render-it 429s, Avaturn latency and misconfiguration (401/403) without reading logs.
 */
export function createUpstreamMetrics(registry: Registry): UpstreamCallObserver {
  const requests = new Counter({
    name: 'avatar_gateway_upstream_requests_total',
    help: 'Upstream HTTP attempts by upstream, operation and outcome (status code, or the error code when no answer came).',
    labelNames: ['upstream', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'avatar_gateway_upstream_request_duration_seconds',
    help: 'Time from sending an upstream attempt to its answer (or failure).',
    labelNames: ['upstream', 'operation'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return ({ upstream, operation, outcome, seconds }) => {
    requests.inc({ upstream, operation, outcome: String(outcome) });
    duration.observe({ upstream, operation }, seconds);
  };
}
