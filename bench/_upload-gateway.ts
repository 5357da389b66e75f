/**
 * Child process of `bench/upload.ts`: one gateway alone in its own process (so the measured
 * gateway and the Avaturn simulator it uploads to run in separate processes). Its settings are
 * the defaults below overridden by the JSON the parent passes in BENCH_GATEWAY_ENV; the shell's
 * own environment (PORT, REDIS_URL, AVATURN_API_KEY...) is not consulted, so every run measures
 * the same gateway. Talks over IPC: `ready` with its URL, a token and the Avaturn key it uses
 * (a sandbox's key, for the gateway that uploads to it); `mark` starts a
 * measurement from a baseline taken after a forced GC; `report` answers the peaks of
 * `process.memoryUsage()` sampled every 5 ms since (heap and external summed per sample). With
 * `live`, each sample follows a forced GC, so the peak is memory still reachable (what the upload
 * holds), not garbage awaiting collection.
 */
import { startGateway } from '../src/server/start-gateway.js';
import { mintBenchToken } from './lib/gateway-client.js';

export interface MemorySample {
  rss: number;
  /** heapUsed + external, read together. */
  heapAndExternal: number;
}

const DEFAULTS: Record<string, string> = {
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  NODE_ENV: 'test',
  SANDBOX_PROCESSING_DELAY_MS: '50',
};
const explicit = JSON.parse(process.env['BENCH_GATEWAY_ENV'] ?? '{}') as Record<string, string>;

const gateway = await startGateway({ ...DEFAULTS, ...explicit }, { drainTimeoutMs: 2_000 });
const token = await mintBenchToken(gateway.config.auth.jwtSecret!, 'bench-uploader');

const read = (): MemorySample => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapAndExternal: m.heapUsed + m.external };
};
let live = false;
let baseline = read();
let peak = baseline;
const sampler = setInterval(() => {
  if (live) globalThis.gc?.();
  const now = read();
  peak = { rss: Math.max(peak.rss, now.rss), heapAndExternal: Math.max(peak.heapAndExternal, now.heapAndExternal) };
}, 5);

process.on('message', (message: { type: string; live?: boolean }) => {
  if (message.type === 'mark') {
    live = message.live === true;
    globalThis.gc?.();
    baseline = read();
    peak = baseline;
    process.send!({ type: 'marked' });
  } else if (message.type === 'report') {
    process.send!({ type: 'report', baseline, peak });
  } else if (message.type === 'stop') {
    clearInterval(sampler);
    void gateway.stop().then(() => process.exit(0));
  }
});
process.send!({ type: 'ready', url: gateway.url, token, avaturnKey: gateway.config.avaturn.apiKey });
