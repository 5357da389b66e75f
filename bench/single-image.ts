import { foreignCpu } from './lib/cpu.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { forkChild, type Child } from './lib/processes.js';
import { FAKE_RENDERIT_KEY, RenderSequence, startRenderRig, type RenderRig } from './lib/render-rig.js';
import { checkLine, median, ms, table, type BenchReport, type Check } from './lib/report.js';

const CONNECTIONS = 10;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? '7');
const ARM_SECONDS = Number(process.env['BENCH_ARM_SECONDS'] ?? '2');
const WARMUP_SECONDS = 2;
/** Enough avatars that no uncached render repeats in a run: 300 x 43 poses x 12 qualities = 154,800 renders. */
const AVATARS = 300;
const IMAGE = `query Image($id: ID!, $pose: ID!, $quality: ImageQuality!) { avatar(id: $id) { image(pose: $pose, quality: $quality) { url width height } } }`;

type ArmName = 'floor' | 'bare' | 'uncached' | 'cached';
const LABELS: Record<ArmName, string> = {
  floor: 'direct POST to Render-it (floor)',
  bare: 'bare Yoga (same undici POST)',
  uncached: 'gateway, uncached',
  cached: 'gateway, cached',
};
const ORDER: ArmName[] = ['floor', 'bare', 'uncached', 'cached'];

interface Arm {
  url: string;
  headers: Record<string, string>;
  body: () => string;
  accept: (body: string) => boolean;
  /** Upstream calls each answered request must cause (1 or 0). */
  callsPerRequest: number;
}

const graphqlAnswer = (body: string) => body.includes('"url"') && !body.includes('"errors"');

function arms(rig: RenderRig, bare: Child): Record<ArmName, Arm> {
  const auth = { authorization: `Bearer ${rig.client.token}` };
  const bareRenders = new RenderSequence(rig.avatars, rig.poses);
  const gatewayRenders = new RenderSequence(rig.avatars, rig.poses);
  const cached = { id: rig.avatars[0]!.id, pose: rig.poses[0]!, quality: 'W640' };
  let floorN = 0;
  return {
    floor: {
      url: `${rig.fake.url}/services/biz/openApi/photos/${rig.poses[0]}?quality=W640&redirect=false`,
      headers: { authorization: `Bearer ${FAKE_RENDERIT_KEY}` },
      body: () => JSON.stringify({ targets: [{ zepetoId: rig.avatars[floorN++ % rig.avatars.length]!.zepetoId }] }),
      accept: (body) => body.includes('"url"'),
      callsPerRequest: 1,
    },
    bare: {
      url: `${bare.url}/graphql`,
      headers: auth,
      body: () => {
        const r = bareRenders.next();
        return JSON.stringify({ query: IMAGE, variables: { id: r.avatar.zepetoId, pose: r.pose, quality: r.quality } });
      },
      accept: graphqlAnswer,
      callsPerRequest: 1,
    },
    uncached: {
      url: `${rig.gateway.url}/graphql`,
      headers: auth,
      body: () => {
        if (!gatewayRenders.fresh) throw new Error('the uncached arm ran out of new renders: raise AVATARS');
        const r = gatewayRenders.next();
        return JSON.stringify({ query: IMAGE, variables: { id: r.avatar.id, pose: r.pose, quality: r.quality } });
      },
      accept: graphqlAnswer,
      callsPerRequest: 1,
    },
    cached: {
      url: `${rig.gateway.url}/graphql`,
      headers: auth,
      body: () => JSON.stringify({ query: IMAGE, variables: cached }),
      accept: graphqlAnswer,
      callsPerRequest: 0,
    },
  };
}

interface ArmRun extends LoadResult {
  callsPerRequest: number;
}

async function measure(rig: RenderRig, name: ArmName, arm: Arm, seconds: number): Promise<ArmRun> {
  const before = await rig.fake.stats();
  const result = await runLoad({ ...arm, connections: CONNECTIONS, seconds });
  const after = await rig.fake.stats();
  const calls = after.single + after.multi - before.single - before.multi;
  const run = { ...result, callsPerRequest: calls / result.requests };
  if (result.failures > 0) throw new Error(`${LABELS[name]}: ${result.failures} of ${result.requests} requests failed`);
  // Requests still in flight when the driver stops are sent but not counted: a few per connection.
  if (Math.abs(calls - arm.callsPerRequest * result.requests) > 2 * CONNECTIONS + result.requests * 0.005) {
    throw new Error(`${LABELS[name]}: ${calls} upstream calls for ${result.requests} requests (expected ${arm.callsPerRequest} each)`);
  }
  return run;
}

const spread = (values: number[]) => `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;

/**
 * (a) The single-image query side by side in one run, at a fixed concurrency of 10 through one
 * driver: a direct POST to the fake Render-it (the network floor), a bare graphql-yoga server
 * making the same call, the gateway with a new render every request (never cached) and the
 * gateway serving the same render every request (from its cache, no upstream call). Every
 * server runs in its own process, the driver in this one. Rounds alternate the arms' order
 * (forwards, backwards), and the ratios held to targets are the medians of per-round ratios,
 * so a burst of noise from another process on this shared machine lands in one round only.
 */
export async function run(): Promise<BenchReport> {
  const rig = await startRenderRig(AVATARS);
  let bare: Child | undefined;
  try {
    bare = await forkChild('./bare-yoga-server.ts', { BARE_UPSTREAM_URL: rig.fake.url, BARE_UPSTREAM_KEY: FAKE_RENDERIT_KEY });
    const all = arms(rig, bare);
    await rig.client.graphql(IMAGE, { id: rig.avatars[0]!.id, pose: rig.poses[0], quality: 'W640' });
    for (const name of ORDER) await runLoad({ ...all[name], connections: CONNECTIONS, seconds: WARMUP_SECONDS });

    const pids = [process.pid, rig.fake.process.pid!, bare.process.pid!, rig.gateway.pid];
    const rounds: Record<ArmName, ArmRun>[] = [];
    const foreign: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ORDER : [...ORDER].reverse();
      const results = {} as Record<ArmName, ArmRun>;
      const other = await foreignCpu(pids);
      for (const name of order) results[name] = await measure(rig, name, all[name], ARM_SECONDS);
      foreign.push(await other());
      rounds.push(results);
    }
    return report(rounds, foreign);
  } finally {
    await bare?.stop();
    await rig.stop();
  }
}

function report(rounds: Record<ArmName, ArmRun>[], foreign: number[]): BenchReport {
  const of = (name: ArmName, key: 'reqPerSec' | 'p50' | 'p99' | 'callsPerRequest') => median(rounds.map((r) => r[name][key]));
  const rows = [['arm', 'req/s', 'p50', 'p99', 'upstream calls/req']];
  for (const name of ORDER) {
    rows.push([LABELS[name], of(name, 'reqPerSec').toFixed(0), ms(of(name, 'p50')), ms(of(name, 'p99')), of(name, 'callsPerRequest').toFixed(2)]);
  }
  const perRound = {
    uncached: rounds.map((r) => r.uncached.reqPerSec / r.bare.reqPerSec),
    cached: rounds.map((r) => r.cached.reqPerSec / r.bare.reqPerSec),
    p99: rounds.map((r) => r.uncached.p99 / r.bare.p99),
  };
  // Time per request above the floor (at a fixed concurrency, 1/req/s): how much of the gateway's is bare Yoga's.
  const above = (name: ArmName) => rounds.map((r) => 1 / r[name].reqPerSec - 1 / r.floor.reqPerSec);
  const bareShare = median(above('bare').map((b, i) => b / above('uncached')[i]!));
  const checks: Check[] = [
    { label: 'gateway uncached / bare Yoga req/s', value: median(perRound.uncached), op: '>=', target: 0.8 },
    { label: 'gateway cached / bare Yoga req/s', value: median(perRound.cached), op: '>=', target: 1.2 },
    { label: 'p99 gateway uncached / bare Yoga p99', value: median(perRound.p99), op: '<=', target: 1.5 },
  ];
  return {
    name: `single image: ${CONNECTIONS} connections, ${ROUNDS} rounds x ${ARM_SECONDS} s per arm, order alternating (medians of rounds)`,
    lines: [
      ...table(rows),
      `per-round ratios (noise): uncached/bare ${perRound.uncached.map((v) => v.toFixed(2)).join(' ')}; ` +
        `cached/bare ${perRound.cached.map((v) => v.toFixed(2)).join(' ')}; p99 ${perRound.p99.map((v) => v.toFixed(2)).join(' ')}`,
      `spread over rounds: uncached/bare ${spread(perRound.uncached)}, cached/bare ${spread(perRound.cached)}, p99 ${spread(perRound.p99)}`,
      `CPU used by other processes per round (share of the machine): ${foreign.map((f) => `${(f * 100).toFixed(0)}%`).join(' ')}`,
      `bare Yoga is ${(bareShare * 100).toFixed(0)}% of the uncached gateway's time per request above the floor`,
      ...checks.map(checkLine),
    ],
    checks,
  };
}
