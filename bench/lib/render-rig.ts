import { request } from 'undici';
import { connectAvatars, gatewayClient, type ConnectedAvatar, type GatewayClient } from './gateway-client.js';
import { forkChild, GATEWAY_COMMAND, startServing, type Child, type ServingProcess } from './processes.js';

export const FAKE_RENDERIT_KEY = 'bench-renderit-key';
const JWT_SECRET = 'bench-jwt-secret-bench-jwt-secret-0123456789';
const USER = 'bench-user';

/** Render-it's qualities (shared/upstreams/render-it.md). */
export const QUALITIES = ['W160', 'W240', 'W320', 'W480', 'W640', 'W960', 'W1280', 'W1600', 'W1920', 'W2560', 'W3200', 'W3840'] as const;

interface UpstreamStats {
  single: number;
  multi: number;
}

export interface FakeRenderIt extends Child {
  stats(): Promise<UpstreamStats>;
}

/** The fake Render-it in its own process (see fake-render-it-server.ts). */
export async function startFakeRenderIt(zepetoIds: number): Promise<FakeRenderIt> {
  const child = await forkChild('./fake-render-it-server.ts', { FAKE_RENDERIT_KEY, FAKE_ZEPETO_IDS: String(zepetoIds) });
  return {
    ...child,
    async stats() {
      const res = await request(`${child.url}/__bench/stats`);
      return (await res.body.json()) as UpstreamStats;
    },
  };
}

/**
 * The gateway configured as in production (both upstreams live, so no simulator, demo page or
 * GraphiQL is loaded), pointed at the fake Render-it, with every limit that would refuse or
 * slow a long run of renders turned off: the per-operation and per-user render budgets, the
 * avatar and ZEPETO login limits, and the TPS (raised to its maximum). Avaturn points at the
 * fake too; no bench calls it. `extra` adds variables (e.g. the alias limit of render-scaling).
 */
export function benchGatewayEnv(fakeUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    RENDERIT_API_URL: fakeUrl,
    RENDERIT_API_KEY: FAKE_RENDERIT_KEY,
    RENDERIT_TPS: '10000',
    AVATURN_API_URL: fakeUrl,
    AVATURN_API_KEY: 'bench-avaturn-key',
    AVATURN_WEBHOOK_TOKEN: 'bench-webhook-token-0123456789',
    AUTH_JWT_SECRET: JWT_SECRET,
    RENDER_BUDGET_UNITS: '0',
    RENDER_USER_BUDGET_UNITS: '0',
    AVATAR_CREATE_LIMIT_PER_MINUTE: '0',
    ZEPETO_CONNECT_LIMIT_PER_MINUTE: '0',
    ...extra,
  };
}

export interface RenderRig {
  fake: FakeRenderIt;
  gateway: ServingProcess;
  client: GatewayClient;
  avatars: ConnectedAvatar[];
  /** The catalog's still poses (keys), as the gateway lists them. */
  poses: string[];
  stop(): Promise<void>;
}

/**
 * Fake Render-it + a gateway process started with BENCH_GATEWAY_COMMAND, with `avatars` ZEPETO
 * avatars connected. `started` runs once the gateway answers, before any GraphQL request.
 */
export async function startRenderRig(
  avatars: number,
  extraEnv: Record<string, string> = {},
  started?: (gateway: ServingProcess) => Promise<void>,
): Promise<RenderRig> {
  const fake = await startFakeRenderIt(avatars);
  let gateway: ServingProcess | undefined;
  try {
    gateway = await startServing(GATEWAY_COMMAND, benchGatewayEnv(fake.url, extraEnv));
    await started?.(gateway);
    const client = await gatewayClient(gateway.url, JWT_SECRET, USER);
    const connected = await connectAvatars(client, avatars);
    const { data } = await client.graphql<{ poses: { nodes: { key: string }[] } }>(
      `query BenchPoses { poses(provider: ZEPETO, kind: STILL, first: 100) { nodes { key } } }`,
    );
    const serving = gateway;
    return {
      fake,
      gateway: serving,
      client,
      avatars: connected,
      poses: data.poses.nodes.map((p) => p.key),
      async stop() {
        await serving.stop();
        await fake.stop();
      },
    };
  } catch (err) {
    await gateway?.stop();
    await fake.stop();
    throw err;
  }
}

/**
 * Distinct (avatar, pose, quality) triples in a fixed order, avatars turning fastest: each one
 * taken is a render the gateway has not cached yet (until the cycle comes round again, after
 * avatars x poses x qualities renders; `fresh` says whether it has).
 */
export class RenderSequence {
  private n = 0;
  constructor(
    private readonly avatars: readonly ConnectedAvatar[],
    private readonly poses: readonly string[],
  ) {}

  get fresh(): boolean {
    return this.n <= this.avatars.length * this.poses.length * QUALITIES.length;
  }

  next(): { avatar: ConnectedAvatar; pose: string; quality: string } {
    const i = this.n++;
    const a = this.avatars.length;
    const p = this.poses.length;
    return {
      avatar: this.avatars[i % a]!,
      pose: this.poses[Math.floor(i / a) % p]!,
      quality: QUALITIES[Math.floor(i / (a * p)) % QUALITIES.length]!,
    };
  }
}
