import { setTimeout as sleep } from 'node:timers/promises';
import { median, ms, startBenchGateway } from './render-support.js';

const POSES = 30;
const RUNS = 3;
const GALLERY = `query Gallery($id: ID!, $poses: [ID!]!) {
  node(id: $id) { ... on ZepetoAvatar { images(poses: $poses) { url } } }
}`;

/**
 * (a) A 30-pose gallery through the gateway with operation-wide batching versus the same
 * gateway making one upstream call per field, with the simulator at 100 ms latency and 10 TPS.
 * Each run uses a fresh avatar so nothing comes from the render cache.
 */
export async function run(): Promise<{ name: string; lines: string[] }> {
  const bench = await startBenchGateway({ RENDERIT_TPS: '10' });
  try {
    bench.sandbox.faults.renderIt.update({ latencyMs: 100 });
    const poses = bench.gw.services.catalog
      .ofProvider('ZEPETO')
      .filter((p) => p.kind === 'STILL')
      .slice(0, POSES)
      .map((p) => p.key);
    const measure = async (batching: boolean) => {
      bench.gw.services.renders.settings.batching = batching;
      const walls: number[] = [];
      const calls: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Let the TPS window empty so every run starts alike.
        await sleep(1_100);
        const { id } = await bench.newAvatar();
        const before = bench.sandbox.renderIt!.calls.length;
        const started = performance.now();
        await bench.graphql(GALLERY, { id, poses });
        walls.push(performance.now() - started);
        calls.push(bench.sandbox.renderIt!.calls.length - before);
      }
      return { wall: median(walls), calls: median(calls) };
    };
    const batched = await measure(true);
    const naive = await measure(false);
    bench.gw.services.renders.settings.batching = true;
    return {
      name: `render gallery: ${POSES} poses, simulator 100 ms latency, 10 TPS (median of ${RUNS})`,
      lines: [
        `batched (one loader per operation): ${batched.calls} upstream calls, ${ms(batched.wall)}`,
        `naive (one call per field):         ${naive.calls} upstream calls, ${ms(naive.wall)}`,
        `batching: ${(naive.calls / batched.calls).toFixed(1)}x fewer calls, ${(naive.wall / batched.wall).toFixed(1)}x faster`,
      ],
    };
  } finally {
    await bench.stop();
  }
}
