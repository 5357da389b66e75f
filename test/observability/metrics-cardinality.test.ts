import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ METRICS_MAX_OPERATION_NAMES: '20' });
});
afterAll(() => gw.stop());

const scrape = async () => (await request(`${gw.url}/metrics`)).body.text();
const seriesOf = (text: string) => text.split('\n').filter((line) => line && !line.startsWith('#'));
const labelValues = (text: string, label: string) => new Set([...text.matchAll(new RegExp(`${label}="([^"]*)"`, 'g'))].map((m) => m[1]));

/**
 * What an attacker does to /metrics: every request a new URL, a new operation name, a new
 * alias in an error path, and a token in the query string.
 */
async function hostileRequests(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, to - i) }, async (_, j) => {
        const k = i + j;
        const query = encodeURIComponent(`query Op${k} { a${k}: viewer { userId } }`);
        const res = await gw.app.yoga.fetch(`${gw.url}/graphql?query=${query}&x${k}=${k}&access_token=LEAKED${k}&token=LEAKED${k}`);
        await res.arrayBuffer();
        // A client-chosen operationName that names nothing in the document.
        const post = await gw.app.yoga.fetch(`${gw.url}/graphql?n=${k}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `query Q${k} { __typename }`, operationName: `LEAKED_NAME_${k}` }),
        });
        await post.arrayBuffer();
      }),
    );
  }
}

describe('graphql metrics', () => {
  it('stay bounded under 10,000 distinct URLs and operation names, and never show a query string', async () => {
    // An honest client's operation, seen first, keeps its own name.
    await (await gw.app.yoga.fetch(`${gw.url}/graphql?query=${encodeURIComponent('query Honest { __typename }')}`)).arrayBuffer();
    await hostileRequests(0, 1_000);
    const early = await scrape();
    await hostileRequests(1_000, 10_000);
    const late = await scrape();

    const series = seriesOf(late).length;
    console.info(`graphql metrics: ${seriesOf(early).length} series after 1,000 hostile requests, ${series} after 10,000 (${(late.length / 1024).toFixed(0)} KiB)`);
    // Every new name past the first 20 lands in the series that already exist.
    expect(series).toBe(seriesOf(early).length);
    expect(series).toBeLessThan(2_500);
    expect(late).not.toContain('LEAKED');
    expect(late).not.toMatch(/url="|path="/);
    const names = labelValues(late, 'operationName');
    expect(names.size).toBeLessThanOrEqual(20 + 2);
    expect(names).toContain('other');
    expect(names).toContain('Honest');
    expect(names).not.toContain('Op9999');
    // The per-field walkers are gone.
    expect(late).not.toContain('graphql_envelop_deprecated_field');
    expect(late).not.toContain('graphql_envelop_execute_resolver');
    expect(late).not.toContain('graphql_envelop_request_time_summary');
  }, 120_000);

  it('keeps counting what matters: requests, errors and HTTP timings by bounded labels', async () => {
    const text = await scrape();
    expect(text).toMatch(/graphql_envelop_request\{operationType="query",operationName="other"\} \d{4,}/);
    expect(text).toMatch(/graphql_envelop_error_result\{operationType="query",operationName="other",phase="execute"\} \d{3,}/);
    expect(text).toMatch(/graphql_yoga_http_duration_count\{operationType="query",operationName="other",method="GET",statusCode="200"\} \d{3,}/);
    expect(text).toMatch(/graphql_envelop_phase_parse_count\{operationType="query"\} \d{4,}/);
  });
});
