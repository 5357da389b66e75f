import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config/config.js';
import { attachGraphqlWs } from '../graphql/ws.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createMetricsHandler, startMetricsListener, type MetricsListener } from '../observability/metrics-endpoint.js';
import { createServices, type Services } from '../services.js';

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  config: Config;
  services: Services;
  app: App;
  server: Server;
  /** Base URL of the METRICS_PORT listener, when there is one. */
  metricsUrl: string | undefined;
  /** Drains in-flight requests (bounded), ends subscriptions, closes pools and connections. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Longest wait for in-flight requests on stop. @default 10000 */
  drainTimeoutMs?: number;
}

/**
 * Validates the environment, binds the port (PORT=0 picks a free one, and the derived URLs
 * follow it), then wires services, routes, GraphQL over HTTP/SSE and graphql-ws.
 */
export async function startGateway(env: NodeJS.ProcessEnv = process.env, options: StartOptions = {}): Promise<RunningGateway> {
  const requested = loadConfig(env);
  // requestTimeout bounds receiving one request; photo uploads from slow mobile links take minutes
  // (45 MiB at 1 Mbit/s is 6 minutes). headersTimeout still cuts off clients that never send headers.
  const server = createServer({ keepAliveTimeout: 5_000, headersTimeout: 30_000, requestTimeout: 15 * 60_000 });
  server.listen(requested.port, requested.host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const config = port === requested.port ? requested : loadConfig({ ...env, PORT: String(port) });

  const logger = options.logger ?? createLogger(config.logLevel);
  let created: Services | undefined;
  let app: App;
  try {
    created = createServices(config, logger);
    app = createApp(created);
  } catch (err) {
    // Release the port and connections: a caller that handles the error (a test, a supervisor) may start again.
    await created?.close().catch(() => {});
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  const services = created;
  server.on('request', app.handle);
  const ws = attachGraphqlWs(server, app.yoga, config, logger);
  let metrics: MetricsListener | undefined;
  if (config.metrics.port !== undefined) {
    try {
      metrics = await startMetricsListener(createMetricsHandler(services.metrics, config.metrics.token), config.host, config.metrics.port);
    } catch (err) {
      // METRICS_PORT taken: release everything, as for a failure above.
      await ws.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await services.close();
      throw err;
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      app.startDraining();
      if (config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + (options.drainTimeoutMs ?? 10_000);
      while (app.inFlight() > 0 && Date.now() < deadline) await sleep(25);
      await ws.close();
      await metrics?.close();
      server.closeAllConnections();
      await closed;
      await app.close();
      await services.close();
    })());

  return { url: config.publicUrl, config, services, app, server, metricsUrl: metrics?.url, stop };
}
