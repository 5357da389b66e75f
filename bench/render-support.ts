import { request } from 'undici';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { mintToken } from '../src/auth/mint-token.js';
import { silentLogger } from '../src/logging/logger.js';
import { mountSandbox, type Sandbox } from '../src/sandbox/mount-sandbox.js';
import { startGateway, type RunningGateway } from '../src/server/start-gateway.js';
import { ensureZepetoAvatars } from '../src/zepeto/zepeto-avatars.js';

/** Shared by the render benches (not a bench itself): a loopback gateway with its Render-it simulator. */
export interface BenchGateway {
  gw: RunningGateway;
  sandbox: Sandbox;
  token: string;
  /** A new connected ZepetoAvatar of the bench user (fresh, so nothing of it is cached). */
  newAvatar(): Promise<{ id: string; zepetoId: string }>;
  /** POSTs a GraphQL operation over real HTTP; throws on GraphQL errors. */
  graphql(query: string, variables: Record<string, unknown>): Promise<{ data: unknown; extensions?: Record<string, unknown> }>;
  stop(): Promise<void>;
}

const OWNER = 'bench-user';

export async function startBenchGateway(env: Record<string, string> = {}): Promise<BenchGateway> {
  const gw = await startGateway(
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', ...env },
    { logger: silentLogger, drainTimeoutMs: 2_000 },
  );
  const own = gw.app.sandbox ? undefined : mountSandbox(gw.app.router, gw.services);
  const sandbox = (gw.app.sandbox ?? own)!;
  const token = await mintToken(OWNER, gw.config.auth.jwtSecret!);
  let n = 0;
  return {
    gw,
    sandbox,
    token,
    async newAvatar() {
      const zepetoId = `bench_${process.pid}_${++n}`;
      sandbox.renderIt!.connect([zepetoId]);
      const [record] = await ensureZepetoAvatars(gw.services.avatars, OWNER, [zepetoId]);
      return { id: encodeGlobalID('ZepetoAvatar', record!.id), zepetoId };
    },
    async graphql(query, variables) {
      const res = await request(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.body.json()) as { data: unknown; errors?: unknown[]; extensions?: Record<string, unknown> };
      if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
      return body;
    },
    async stop() {
      await own?.close();
      await gw.stop();
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
