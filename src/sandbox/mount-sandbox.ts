import { BodyError, readJson, sendJson } from '../http/body.js';
import { route, type Router } from '../http/router.js';
import type { Logger } from '../logging/logger.js';
import type { PoseCatalog } from '../poses/catalog.js';
import { mountAvaturnSandbox, type AvaturnSandbox } from './avaturn/index.js';
import { FaultController, parseSandboxFaults, sandboxFaultsSchema } from './faults.js';
import { mountRenderItSandbox, type RenderItSandbox } from './render-it/index.js';

export interface Sandbox {
  avaturn: AvaturnSandbox | undefined;
  renderIt: RenderItSandbox | undefined;
  faults: { avaturn: FaultController; renderIt: FaultController };
  close(): Promise<void>;
}

type Mode = 'live' | 'sandbox';

/** What the simulators need from the gateway's process: its settings, a logger, the pose catalog. */
export interface SandboxDeps {
  config: {
    publicUrl: string;
    avaturn: { mode: Mode; apiKey: string; webhookToken: string; webhookSecret: string | undefined };
    renderIt: { mode: Mode; apiKey: string; tps: number };
    sandbox: { processingDelayMs: number; faults: string | undefined };
  };
  logger: Logger;
  catalog: PoseCatalog;
}

/**
 * Mounts the simulators of every upstream that runs in sandbox mode under `/sandbox/...`, and
 * the admin route that changes their faults at run time.
 */
export function mountSandbox(router: Router, services: SandboxDeps): Sandbox | undefined {
  const { config, logger, catalog } = services;
  if (config.avaturn.mode === 'live' && config.renderIt.mode === 'live') return undefined;

  const initial = parseSandboxFaults(config.sandbox.faults);
  const faults = { avaturn: new FaultController(initial.avaturn), renderIt: new FaultController(initial.renderIt) };

  const avaturn =
    config.avaturn.mode === 'sandbox'
      ? mountAvaturnSandbox(router, {
          basePath: '/sandbox/avaturn',
          publicUrl: config.publicUrl,
          apiKey: config.avaturn.apiKey,
          webhookUrl: `${config.publicUrl}/webhooks/avaturn/${config.avaturn.webhookToken}`,
          webhookSecret: config.avaturn.webhookSecret,
          processingDelayMs: config.sandbox.processingDelayMs,
          catalog,
          faults: faults.avaturn,
          logger: logger.child({ sandbox: 'avaturn' }),
        })
      : undefined;

  const renderIt =
    config.renderIt.mode === 'sandbox'
      ? mountRenderItSandbox(router, {
          basePath: '/sandbox/render-it',
          publicUrl: config.publicUrl,
          apiKey: config.renderIt.apiKey,
          tps: config.renderIt.tps,
          catalog,
          faults: faults.renderIt,
          logger: logger.child({ sandbox: 'render-it' }),
        })
      : undefined;

  route(router, 'GET', '/sandbox/admin/faults', (_req, res) =>
    sendJson(res, 200, { avaturn: faults.avaturn.current, renderIt: faults.renderIt.current }),
  );
  route(router, 'PUT', '/sandbox/admin/faults', async (req, res) => {
    try {
      const parsed = sandboxFaultsSchema.safeParse(await readJson(req, 64 * 1024));
      if (!parsed.success) return sendJson(res, 422, { error: 'invalid fault settings', issues: parsed.error.issues });
      if (parsed.data.avaturn) faults.avaturn.update(parsed.data.avaturn);
      if (parsed.data.renderIt) faults.renderIt.update(parsed.data.renderIt);
      sendJson(res, 200, { avaturn: faults.avaturn.current, renderIt: faults.renderIt.current });
    } catch (err) {
      if (err instanceof BodyError) return sendJson(res, err.status, { error: err.message });
      throw err;
    }
  });
  route(router, 'DELETE', '/sandbox/admin/faults', (_req, res) => {
    faults.avaturn.reset();
    faults.renderIt.reset();
    sendJson(res, 200, { avaturn: faults.avaturn.current, renderIt: faults.renderIt.current });
  });

  return {
    avaturn,
    renderIt,
    faults,
    async close() {
      await Promise.all([avaturn?.close(), renderIt?.close()]);
    },
  };
}
