import type { Dispatcher } from 'undici';
import type { Router } from '../../http/router.js';
import type { Logger } from '../../logging/logger.js';
import type { PoseCatalog } from '../../poses/catalog.js';
import type { FaultController } from '../faults.js';
import { apiRoute } from './api.js';
import type { CallRecord, SandboxContext } from './context.js';
import { AvaturnApiError } from './errors.js';
import { registerAvatarRoutes } from './routes/avatars.js';
import { registerCustomizationRoutes } from './routes/customization.js';
import { registerEditorRoutes } from './routes/editor.js';
import { registerExportRoutes } from './routes/exports.js';
import { registerFileRoutes } from './routes/files.js';
import { registerRenderRoutes } from './routes/renders.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerUploadRoutes } from './routes/uploads.js';
import { registerUserRoutes } from './routes/users.js';
import { Scheduler } from './scheduler.js';
import { AvaturnStore } from './store.js';
import { WebhookSender } from './webhooks.js';

export interface AvaturnSandboxOptions {
  /** Mount point, e.g. `/sandbox/avaturn`; API paths are `${basePath}/api/v1/...`. */
  basePath: string;
  /** Absolute origin (`http://127.0.0.1:4000`); upload, editor and result URLs live under `${publicUrl}${basePath}`. */
  publicUrl: string;
  /** The only bearer token accepted. */
  apiKey: string;
  /** Where deliveries go (the gateway's `/webhooks/avaturn/:token`); none = no deliveries. */
  webhookUrl?: string;
  /** Standard Webhooks secret (`whsec_...`); when set, deliveries are signed. */
  webhookSecret?: string;
  /** Photo processing time. */
  processingDelayMs: number;
  /** @default 300 */
  exportDelayMs?: number;
  /** @default 300 */
  renderDelayMs?: number;
  /** Retried on a non-2xx answer or a network error, delays doubling. @default { attempts: 5, baseDelayMs: 200 } */
  webhookRetry?: { attempts: number; baseDelayMs: number };
  /** Per-photo upload limit, 413 past it. @default 20 MiB */
  maxPhotoBytes?: number;
  /** Render scenes (provider AVATURN) and their ratios. */
  catalog: PoseCatalog;
  faults: FaultController;
  logger: Logger;
  /** For webhook delivery. @default undici's global dispatcher */
  dispatcher?: Dispatcher;
  /** Clock for created_at and URL expiry. @default Date.now */
  now?: () => number;
}

export interface AvaturnSandbox {
  /** Each webhook POST attempt, for tests. */
  readonly deliveries: ReadonlyArray<{ event: string; body: unknown; status: number | 'error'; attempt: number }>;
  readonly calls: ReadonlyArray<{ method: string; path: string; status: number }>;
  /** Stops timers and pending deliveries. */
  close(): Promise<void>;
}

const SWEEP_MS = 60_000;

/** Registers the Avaturn simulator's routes on `router` and returns its handle. */
export function mountAvaturnSandbox(router: Router, options: AvaturnSandboxOptions): AvaturnSandbox {
  const now = options.now ?? Date.now;
  const logger = options.logger.child({ component: 'avaturn-sandbox' });
  const basePath = `/${options.basePath.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const calls: CallRecord[] = [];
  const webhooks = new WebhookSender({
    url: options.webhookUrl,
    secret: options.webhookSecret,
    retry: options.webhookRetry ?? { attempts: 5, baseDelayMs: 200 },
    faults: options.faults,
    logger,
    dispatcher: options.dispatcher,
  });
  const ctx: SandboxContext = {
    basePath,
    publicBase: `${options.publicUrl.replace(/\/+$/, '')}${basePath}`,
    apiKey: options.apiKey,
    processingDelayMs: options.processingDelayMs,
    exportDelayMs: options.exportDelayMs ?? 300,
    renderDelayMs: options.renderDelayMs ?? 300,
    maxPhotoBytes: options.maxPhotoBytes ?? 20 * 1024 * 1024,
    catalog: options.catalog,
    faults: options.faults,
    logger,
    dispatcher: options.dispatcher,
    now,
    store: new AvaturnStore(now),
    scheduler: new Scheduler((err) => logger.error({ err }, 'avaturn sandbox: scheduled task failed')),
    webhooks,
    calls,
  };

  registerUserRoutes(router, ctx);
  registerSessionRoutes(router, ctx);
  registerAvatarRoutes(router, ctx);
  registerUploadRoutes(router, ctx);
  registerCustomizationRoutes(router, ctx);
  registerExportRoutes(router, ctx);
  registerRenderRoutes(router, ctx);
  registerFileRoutes(router, ctx);
  registerEditorRoutes(router, ctx);
  apiRoute(
    router,
    ctx,
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    '/api/v1/*',
    () => {
      throw new AvaturnApiError(404, 'Not Found');
    },
    { auth: false, faults: false },
  );

  const sweep = setInterval(() => ctx.store.sweep(), SWEEP_MS);
  sweep.unref();

  return {
    deliveries: webhooks.attempts,
    calls,
    async close() {
      clearInterval(sweep);
      ctx.scheduler.close();
      await webhooks.close();
    },
  };
}
