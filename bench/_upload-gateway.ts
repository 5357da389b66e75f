/**
 * Child process of `bench/upload.ts`: one gateway alone in its own process, configured by the
 * environment the parent passes (so the measured gateway and the Avaturn simulator it uploads to
 * run in separate processes). Talks over IPC: `ready` with its URL and a token; `mark` starts a
 * measurement from a baseline taken after a forced GC; `report` answers the peaks of
 * `process.memoryUsage()` sampled every 5 ms since. With `live`, each sample follows a forced GC,
 * so the peak is memory still reachable (what the upload holds), not garbage awaiting collection.
 */
import { mintToken } from '../src/auth/mint-token.js';
import { silentLogger } from '../src/logging/logger.js';
import { startGateway } from '../src/server/start-gateway.js';

interface Sample {
  rss: number;
  heapUsed: number;
  external: number;
}

const gateway = await startGateway(
  { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'test', SANDBOX_PROCESSING_DELAY_MS: '50', ...process.env },
  { logger: silentLogger, drainTimeoutMs: 2_000 },
);
const token = await mintToken('bench-uploader', gateway.config.auth.jwtSecret!);

const read = (): Sample => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
};
let live = false;
let baseline = read();
let peak = baseline;
const sampler = setInterval(() => {
  if (live) globalThis.gc?.();
  const now = read();
  peak = { rss: Math.max(peak.rss, now.rss), heapUsed: Math.max(peak.heapUsed, now.heapUsed), external: Math.max(peak.external, now.external) };
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
process.send!({ type: 'ready', url: gateway.url, token });
