import { request } from 'undici';
import { SANDBOX_RENDERIT_KEY } from '../src/config/config.js';
import { ms, percentile, startBenchGateway } from './render-support.js';

const SAMPLES = 500;
const WARMUP = 50;
const IMAGE = `query Image($id: ID!, $pose: ID!) { avatar(id: $id) { image(pose: $pose) { url width height } } }`;

/**
 * (b) The gateway's own overhead: one cached single-image query through the gateway (auth,
 * parse, validate, loader, cache read, cost plugin, JSON over HTTP) versus one direct undici
 * call to the simulator's Single Image route, sequential, on loopback.
 */
export async function run(): Promise<{ name: string; lines: string[] }> {
  // The simulator's TPS limit would throttle the direct calls; this bench is about latency.
  const bench = await startBenchGateway({ RENDERIT_TPS: '10000' });
  try {
    const pose = bench.gw.services.catalog.ofProvider('ZEPETO').find((p) => p.kind === 'STILL')!.key;
    const { id, zepetoId } = await bench.newAvatar();
    const direct = async () => {
      const res = await request(`${bench.gw.url}/sandbox/render-it/services/biz/openApi/photos/${pose}?quality=W640&redirect=false`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_RENDERIT_KEY}` },
        body: JSON.stringify({ targets: [{ zepetoId }] }),
      });
      if (res.statusCode !== 200) throw new Error(`simulator answered ${res.statusCode}`);
      await res.body.json();
    };
    const gateway = async () => {
      await bench.graphql(IMAGE, { id, pose });
    };
    const sample = async (fn: () => Promise<void>) => {
      for (let i = 0; i < WARMUP; i++) await fn();
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const started = performance.now();
        await fn();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p99: percentile(times, 99) };
    };
    // The first gateway query renders; every measured one is served from the render cache.
    await gateway();
    const callsBefore = bench.sandbox.renderIt!.calls.length;
    const viaGateway = await sample(gateway);
    if (bench.sandbox.renderIt!.calls.length !== callsBefore) throw new Error('a cached query reached the simulator');
    const viaDirect = await sample(direct);
    return {
      name: `render overhead: cached single image via gateway vs direct simulator call (${SAMPLES} sequential samples)`,
      lines: [
        `gateway (cached): median ${ms(viaGateway.p50)}, p99 ${ms(viaGateway.p99)}`,
        `direct undici:    median ${ms(viaDirect.p50)}, p99 ${ms(viaDirect.p99)}`,
        `ratio gateway/direct: median ${(viaGateway.p50 / viaDirect.p50).toFixed(2)}x, p99 ${(viaGateway.p99 / viaDirect.p99).toFixed(2)}x`,
      ],
    };
  } finally {
    await bench.stop();
  }
}
