import type { Router } from '../../http/router.js';
import type { Logger } from '../../logging/logger.js';
import type { PoseCatalog } from '../../poses/catalog.js';
import type { FaultController } from '../faults.js';
import { mountAuthRoutes } from './auth-routes.js';
import { grantConsent, mountConsentRoutes } from './consents.js';
import { AuthSessions } from './auth-sessions.js';
import type { CallRecord, SandboxContext } from './context.js';
import { mountRenderRoutes } from './render-routes.js';
import { mountResultRoutes } from './result-routes.js';
import { ResultsStore } from './results-store.js';
import { TpsWindow } from './tps-window.js';

export interface RenderItSandboxOptions {
  /** Prefix of every route, e.g. `/sandbox/render-it`. */
  basePath: string;
  /** Absolute origin the server is reached at; result URLs are `${publicUrl}${basePath}/results/...`. */
  publicUrl: string;
  /** The only bearer token accepted. */
  apiKey: string;
  /** Calls admitted per sliding 1 s window on `/services/biz/**`; more answer 429. */
  tps: number;
  /** Only its ZEPETO poses can be rendered. */
  catalog: PoseCatalog;
  faults: FaultController;
  logger: Logger;
  /** Lifetime of result URLs. @default 3_600_000 (1 hour) */
  resultTtlMs?: number;
  /** Lifetime of a pending QR login. @default 60_000 */
  authSessionTtlMs?: number;
  /** ZEPETO IDs connected from the start (demo convenience). @default [] */
  preconnectedZepetoIds?: string[];
  /** Clock for TPS, expiry and the call log. @default Date.now */
  now?: () => number;
}

export interface RenderItSandbox {
  /** Every API call that reached the simulator (after faults), in order — tests check call counts and sliding-window TPS with it. */
  readonly calls: ReadonlyArray<{ at: number; method: string; path: string; status: number; images: number }>;
  resetCalls(): void;
  connect(zepetoIds: string[]): void;
  /** `zepetoId` allows the connected `connectedZepetoId` to take pictures with it (what the consent route does). */
  grantConsent(zepetoId: string, connectedZepetoId: string): void;
  close(): Promise<void>;
}

/** Expired results and logins are dropped this often; reads check expiry themselves. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Mounts the ZEPETO Render-it simulator on the shared router: the four render methods, the QR
 * connection flow, result URLs, and sandbox-only routes to complete a login, grant consents and
 * show state.
 */
export function mountRenderItSandbox(router: Router, options: RenderItSandboxOptions): RenderItSandbox {
  const now = options.now ?? Date.now;
  const calls: CallRecord[] = [];
  const ctx: SandboxContext = {
    router,
    basePath: options.basePath.replace(/\/+$/, ''),
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    apiKey: options.apiKey,
    catalog: options.catalog,
    faults: options.faults,
    logger: options.logger.child({ component: 'render-it-sandbox' }),
    now,
    tps: new TpsWindow(options.tps),
    sessions: new AuthSessions(options.authSessionTtlMs ?? 60_000, now),
    results: new ResultsStore(options.resultTtlMs ?? 3_600_000, now),
    connected: new Set(options.preconnectedZepetoIds ?? []),
    consents: new Map(),
    calls,
    callCount: { value: 0 },
  };

  mountRenderRoutes(ctx);
  mountAuthRoutes(ctx);
  mountConsentRoutes(ctx);
  mountResultRoutes(ctx);

  const sweeper = setInterval(() => {
    ctx.results.sweep();
    ctx.sessions.sweep();
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    calls,
    resetCalls() {
      calls.length = 0;
      ctx.callCount.value = 0;
    },
    connect(zepetoIds) {
      for (const id of zepetoIds) ctx.connected.add(id);
    },
    grantConsent(zepetoId, connectedZepetoId) {
      grantConsent(ctx, zepetoId, connectedZepetoId);
    },
    async close() {
      clearInterval(sweeper);
    },
  };
}
