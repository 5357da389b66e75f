import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logging/logger.js';
import { SlidingWindowLimiter } from '../../../src/upstreams/admission/sliding-window-limiter.js';
import { createUpstreamDispatcher } from '../../../src/upstreams/http.js';
import { RenderItClient } from '../../../src/upstreams/render-it/client.js';

/** Most arrivals inside any sliding one-second window. */
function maxInWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function slowUpstream(slowCalls: number, slowMs: number) {
  const arrivals: number[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    arrivals.push(Date.now());
    const delay = n++ < slowCalls ? slowMs : 5;
    req.resume();
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: 'http://127.0.0.1/x.png' }));
    }, delay);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { arrivals, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('UpstreamCaller concurrency gate', () => {
  // With 4 connections and 5 TPS, an upstream slower than 4/5 s fills the pool. Without the gate,
  // calls granted while every socket is busy queue in the pool and leave together later.
  it('keeps the TPS window when the pool is saturated by a slow upstream', async () => {
    const upstream = await slowUpstream(4, 1500);
    const pool = createUpstreamDispatcher(upstream.base, { connections: 4 });
    const limiter = new SlidingWindowLimiter({ limit: 5 });
    const client = new RenderItClient({
      baseUrl: upstream.base,
      apiKey: 'k',
      dispatcher: pool,
      logger: silentLogger,
      limiter,
      maxConcurrent: 4,
    });
    try {
      await Promise.all(
        Array.from({ length: 14 }, (_, i) =>
          client.renderSingle({ poseId: `P${i}`, quality: 'W640', targets: ['z'] }, { deadline: Date.now() + 20_000 }),
        ),
      );
      expect(upstream.arrivals).toHaveLength(14);
      expect(maxInWindow(upstream.arrivals)).toBeLessThanOrEqual(5);
    } finally {
      limiter.close();
      await pool.close();
      upstream.server.close();
    }
  });
});
