import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createGatewayYoga, type Yoga } from './graphql/yoga.js';
import { mountProbes } from './http/probes.js';
import { createRouter, type Router } from './http/router.js';
import type { Sandbox } from './sandbox/mount-sandbox.js';
const mountSandbox = (..._a: unknown[]): Sandbox | undefined => undefined;
import type { Services } from './services.js';
import { isMultipart, prepareMultipartRequest } from './uploads/multipart-request.js';

export interface App {
  yoga: Yoga;
  router: Router;
  sandbox: Sandbox | undefined;
  /** The Node request listener for every route on the port. */
  handle: RequestListener;
  /** Requests being served, long-lived subscription streams excluded (drained on shutdown). */
  inFlight(): number;
  /** From now on readiness answers 503 so load balancers stop sending traffic. */
  startDraining(): void;
  close(): Promise<void>;
}

/** Routes and GraphQL, without listening: `src/server/start-gateway.ts` owns the port. */
export function createApp(services: Services): App {
  const yoga = createGatewayYoga(services);
  const router = createRouter();
  let draining = false;
  let inFlight = 0;

  mountProbes(router, services, () => draining);
  const sandbox = mountSandbox(router, services);
  const uploadLimits = { maxFiles: 3, maxFileSize: services.config.maxPhotoBytes };

  async function handleGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'POST' && isMultipart(req)) {
      if (!(await prepareMultipartRequest(req, res, uploadLimits))) return;
    }
    await yoga(req, res, { req, res });
  }

  const handle: RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    const streaming = (req.headers.accept ?? '').includes('text/event-stream');
    if (!streaming) {
      inFlight++;
      res.once('close', () => inFlight--);
    }
    if (path === yoga.graphqlEndpoint) {
      handleGraphql(req, res).catch((err: unknown) => {
        services.logger.error({ err }, 'graphql request failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    router.lookup(req, res);
  };

  return {
    yoga,
    router,
    sandbox,
    handle,
    inFlight: () => inFlight,
    startDraining: () => {
      draining = true;
    },
    async close() {
      await sandbox?.close();
      await yoga.dispose();
    },
  };
}
