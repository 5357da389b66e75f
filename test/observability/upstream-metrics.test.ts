import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  gw.app.sandbox!.renderIt!.connect(['metrics_z']);
});
afterAll(() => gw.stop());

async function scrape(): Promise<string> {
  const res = await request(`${gw.url}/metrics`);
  return res.body.text();
}

describe('upstream metrics', () => {
  it('counts every attempt by outcome, retries included, and times them', async () => {
    // The first attempt is refused (injected 500); the retry succeeds.
    gw.app.sandbox!.faults.renderIt.update({ errorRate: 1, errorStatuses: [500] });
    const rendering = gw.services.renderIt.renderSingle(
      { poseId: 'PO_1', quality: 'W160', targets: ['metrics_z'] },
      { deadline: Date.now() + 10_000 },
    );
    setTimeout(() => gw.app.sandbox!.faults.renderIt.reset(), 50);
    await rendering;

    const text = await scrape();
    expect(text).toMatch(/avatar_gateway_upstream_requests_total\{upstream="render-it",operation="renderSingle",outcome="500"\} [1-9]/);
    expect(text).toContain('avatar_gateway_upstream_requests_total{upstream="render-it",operation="renderSingle",outcome="200"} 1');
    expect(text).toMatch(/avatar_gateway_upstream_request_duration_seconds_count\{upstream="render-it",operation="renderSingle"\} [2-9]/);
  });

  it('labels a failure without an answer by its error code', async () => {
    gw.app.sandbox!.faults.renderIt.update({ dropConnectionRate: 1 });
    try {
      await expect(
        gw.services.renderIt.getAuth('no-such-session', { deadline: Date.now() + 300 }),
      ).rejects.toThrow();
    } finally {
      gw.app.sandbox!.faults.renderIt.reset();
    }
    expect(await scrape()).toMatch(/avatar_gateway_upstream_requests_total\{upstream="render-it",operation="getAuth",outcome="UPSTREAM_UNAVAILABLE"\} [1-9]/);
  });
});
