import autocannon from 'autocannon';
import type { EventEmitter } from 'node:events';

/**
 * Closed-loop load at a fixed concurrency, driven by autocannon (raw sockets and a light HTTP
 * parser, so the driver takes little of this 2-core machine from the server it measures).
 * Latency percentiles come from autocannon's per-response times (fractional ms from
 * process.hrtime): its own histogram keeps whole milliseconds, too coarse for a 2 ms p50.
 */
export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  /** The JSON body of each request, built just before it is sent (a new render each time, say). */
  body: () => string;
  /** Whether a 200 answer's body is what the arm expects (e.g. data and no GraphQL errors). */
  accept: (body: string) => boolean;
  /** @default 10 */
  connections?: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  /** Answers that were not 200 or that `accept` refused, plus connection errors and timeouts. */
  failures: number;
  reqPerSec: number;
  p50: number;
  p99: number;
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let failures = 0;
  const times: number[] = [];
  const settings: autocannon.Options = {
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    connections: options.connections ?? 10,
    pipelining: 1,
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: options.body() }),
        onResponse: (status, body) => {
          if (status !== 200 || !options.accept(body)) failures++;
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance: EventEmitter = autocannon(settings, (err: unknown, done: autocannon.Result) => (err ? reject(err) : resolve(done)));
    // autocannon 8+ emits (client, statusCode, resBytes, responseTime); @types/autocannon still has the older three.
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  });
  const sorted = Float64Array.from(times).sort();
  return {
    requests: times.length,
    failures: failures + result.errors + result.timeouts,
    reqPerSec: times.length / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}
