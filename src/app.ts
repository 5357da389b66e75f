import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { AvaturnWatchdog } from './webhooks/watchdog.js';
import { mountDemo } from './demo/demo-routes.js';
import { createGatewayYoga, type Yoga } from './graphql/yoga.js';
import { watchBodyIdle } from './http/body-idle-timeout.js';
import { mountProbes } from './observability/probes.js';
import { createRouter, type Router } from './http/router.js';
import { mountSandbox, type Sandbox } from './sandbox/mount-sandbox.js';
import { schema } from './schema/index.js';
import type { Services } from './services.js';
import { drainRequest } from './uploads/drain-request.js';
import { multipartBodyLimit } from './uploads/limits.js';
import { isMultipart, prepareMultipartRequest, type MultipartSetup } from './uploads/multipart-request.js';
import { UploadSlots } from './uploads/upload-slots.js';
import { mountAvaturnWebhooks } from './webhooks/avaturn-route.js';

export interface App {
  yoga: Yoga;
  router: Router;
  sandbox: Sandbox | undefined;
  /** Polls pending Avaturn avatars and fails them past their deadline. */
  watchdog: AvaturnWatchdog;
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
  mountDemo(router, services);
  mountAvaturnWebhooks(router, services);
  const sandbox = mountSandbox(router, services);
  const watchdog = new AvaturnWatchdog(services);
  watchdog.start();

  const { uploads } = services.config;
  const multipart: MultipartSetup = {
    services,
    schema,
    // busboy flags a file that reaches this size as cut off: one byte over the cap lets a file
    // of exactly MAX_PHOTO_BYTES through, and the photo reader refuses anything larger.
    maxFileBytes: services.config.maxPhotoBytes + 1,
    maxBodyBytes: multipartBodyLimit(services.config.maxPhotoBytes),
    slots: new UploadSlots(uploads.maxConcurrentPerUser),
  };

  async function handleGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const idle = watchBodyIdle(req, res, uploads.bodyIdleTimeoutMs);
    if (req.method === 'POST' && isMultipart(req)) {
      const prepared = await prepareMultipartRequest(req, res, multipart, idle);
      if (!prepared) return;
      try {
        await yoga(req, res, { req, res, fileParts: prepared.fileParts });
      } finally {
        prepared.release();
        drainRequest(req, Math.max(0, multipart.maxBodyBytes - prepared.fileParts.bytesRead));
      }
      return;
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
    watchdog,
    handle,
    inFlight: () => inFlight,
    startDraining: () => {
      draining = true;
    },
    async close() {
      await watchdog.stop();
      await sandbox?.close();
      await yoga.dispose();
    },
  };
}
