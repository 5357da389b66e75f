import { setTimeout as sleep } from 'node:timers/promises';
import { checkLine, median, ms, type BenchReport, type Check } from './lib/report.js';
import { startSandboxGateway } from './lib/sandbox-gateway.js';

const POSES = 30;
const RUNS = 3;
const GALLERY = `query Gallery($id: ID!, $poses: [ID!]!) {
  node(id: $id) { ... on ZepetoAvatar { images(poses: $poses) { url } } }
}`;

/**
 * (b) A 30-pose gallery through the gateway with operation-wide batching versus the same
 * gateway making one upstream call per field, with the simulator at 100 ms latency and 10 TPS.
 * Each run uses a fresh avatar so nothing comes from the render cache. Targets (this bench's
 * own): Multi Images takes 10 poses a call, so batching must make 10x fewer calls; with 30
 * naive calls at 10 TPS taking over 2 s against ~3 calls in one window, it must be >= 5x faster.
 */
export async function run(): Promise<BenchReport> {
  const bench = await startSandboxGateway({ RENDERIT_TPS: '10', SANDBOX_FAULTS: JSON.stringify({ renderIt: { latencyMs: 100 } }) });
  try {
    const { data } = await bench.client.graphql<{ poses: { nodes: { key: string }[] } }>(
      `query GalleryPoses($first: Int!) { poses(provider: ZEPETO, kind: STILL, first: $first) { nodes { key } } }`,
      { first: POSES },
    );
    const poses = data.poses.nodes.map((p) => p.key);
    if (poses.length !== POSES) throw new Error(`the catalog has ${poses.length} still poses, the bench wants ${POSES}`);
    const avatars = await bench.newAvatars(2 * RUNS);
    // Batching has no public switch: only this bench's baseline turns it off.
    const settings = bench.gw.services.renders.settings;
    const measure = async (batching: boolean) => {
      settings.batching = batching;
      const walls: number[] = [];
      const calls: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Let the TPS window empty so every run starts alike.
        await sleep(1_100);
        const before = await bench.renderItCalls();
        const started = performance.now();
        await bench.client.graphql(GALLERY, { id: avatars.pop()!.id, poses });
        walls.push(performance.now() - started);
        calls.push((await bench.renderItCalls()) - before);
      }
      return { wall: median(walls), calls: median(calls) };
    };
    const batched = await measure(true);
    const naive = await measure(false);
    settings.batching = true;
    const checks: Check[] = [
      { label: 'naive / batched upstream calls', value: naive.calls / batched.calls, op: '>=', target: 10 },
      { label: 'naive / batched wall time', value: naive.wall / batched.wall, op: '>=', target: 5 },
    ];
    return {
      name: `render gallery: ${POSES} poses, simulator 100 ms latency, 10 TPS (median of ${RUNS})`,
      lines: [
        `batched (one loader per operation): ${batched.calls} upstream calls, ${ms(batched.wall)}`,
        `naive (one call per field):         ${naive.calls} upstream calls, ${ms(naive.wall)}`,
        ...checks.map(checkLine),
      ],
      checks,
    };
  } finally {
    await bench.stop();
  }
}
