import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.stop());

describe('probes', () => {
  it('answers liveness, readiness and metrics', async () => {
    const health = await request(`${gw.url}/healthz`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: 'ok' });
    const ready = await request(`${gw.url}/readyz`);
    expect(ready.statusCode).toBe(200);
    expect(await ready.body.json()).toEqual({ status: 'ready' });
    await gw.app.yoga.fetch(`${gw.url}/graphql?query=${encodeURIComponent('{__typename}')}`);
    const metrics = await request(`${gw.url}/metrics`);
    expect(metrics.statusCode).toBe(200);
    const text = await metrics.body.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('graphql_envelop_request');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(`${gw.url}/nope`);
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toEqual({ error: 'not_found' });
  });

  it('serves GraphiQL to a browser', async () => {
    const res = await request(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toContain('<html');
  });
});
