import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ZepetoAvatarRecord } from '../../src/avatars/avatar-record.js';
import { mountSandbox, type Sandbox } from '../../src/sandbox/mount-sandbox.js';
import type { RenderItSandbox } from '../../src/sandbox/render-it/index.js';
import { ensureZepetoAvatars } from '../../src/zepeto/zepeto-avatars.js';
import { startTestGateway, type TestGateway } from './gateway.js';

export interface RenderGateway extends TestGateway {
  renderIt: RenderItSandbox;
  sandbox: Sandbox;
  /** Render-it calls the simulator answered since the last `resetCalls`, faults excluded. */
  renderCalls(): ReadonlyArray<{ at: number; path: string; status: number; images: number }>;
  /** Every request that reached the simulator's API routes, injected faults included, by arrival time. */
  arrivals: number[];
  /** A READY ZepetoAvatar of `ownerId` whose ZEPETO ID is connected upstream; returns its global id too. */
  zepetoAvatar(ownerId: string, zepetoId?: string): Promise<{ record: ZepetoAvatarRecord; id: string }>;
}

/**
 * The test gateway with the Render-it simulator reachable. Mounts the sandbox itself when the
 * app did not (so these tests do not depend on how src/app.ts wires it).
 */
export async function startRenderGateway(env: Record<string, string | undefined> = {}): Promise<RenderGateway> {
  const gw = await startTestGateway(env);
  const ownSandbox = gw.app.sandbox ? undefined : mountSandbox(gw.app.router, gw.services);
  const sandbox = (gw.app.sandbox ?? ownSandbox)!;
  const renderIt = sandbox.renderIt!;
  const arrivals: number[] = [];
  gw.server.on('request', (req) => {
    if ((req.url ?? '').startsWith('/sandbox/render-it/services/')) arrivals.push(Date.now());
  });
  return {
    ...gw,
    renderIt,
    sandbox,
    arrivals,
    renderCalls: () => renderIt.calls.filter((c) => c.path.startsWith('/services/biz/openApi/')),
    async zepetoAvatar(ownerId, zepetoId = `zepeto_${randomUUID().slice(0, 8)}`) {
      renderIt.connect([zepetoId]);
      const [record] = await ensureZepetoAvatars(gw.services.avatars, ownerId, [zepetoId]);
      return { record: record!, id: encodeGlobalID('ZepetoAvatar', record!.id) };
    },
    async stop() {
      await ownSandbox?.close();
      await gw.stop();
    },
  };
}

/** Most calls inside any sliding window of `windowMs` (times in ms, any order). */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Raw Render-it keys of the catalog's ZEPETO poses of one kind. */
export function poseKeys(gw: TestGateway, kind: 'STILL' | 'ANIMATED'): string[] {
  return gw.services.catalog.ofProvider('ZEPETO').filter((p) => p.kind === kind).map((p) => p.key);
}
