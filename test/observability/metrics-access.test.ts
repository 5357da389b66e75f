import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const TOKEN = 'metrics-token-0123456789abcdef';
let gw: TestGateway | undefined;
afterEach(() => gw?.stop());

const get = (url: string, token?: string) =>
  request(`${url}/metrics`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

describe('/metrics access', () => {
  it('wants the bearer METRICS_TOKEN when one is set', async () => {
    gw = await startTestGateway({ METRICS_TOKEN: TOKEN });
    for (const token of [undefined, '', 'wrong', TOKEN.slice(0, -1), `${TOKEN}x`]) {
      const res = await get(gw.url, token);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(await res.body.text()).not.toContain('process_cpu');
    }
    const res = await get(gw.url, TOKEN);
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toContain('process_cpu_user_seconds_total');
  });

  it('serves /metrics only on METRICS_PORT when that is set', async () => {
    gw = await startTestGateway({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
    expect(gw.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gw.metricsUrl).not.toBe(gw.url);
    const main = await get(gw.url, TOKEN);
    expect(main.statusCode).toBe(404);
    await main.body.dump();
    expect((await get(gw.metricsUrl!)).statusCode).toBe(401);
    const own = await get(gw.metricsUrl!, TOKEN);
    expect(own.statusCode).toBe(200);
    expect(await own.body.text()).toContain('graphql_envelop');
    // Nothing else is served there.
    expect((await request(`${gw.metricsUrl}/graphql`)).statusCode).toBe(404);
  });

  it('is open on the main port by default, as before', async () => {
    gw = await startTestGateway();
    const res = await get(gw.url);
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    expect(gw.metricsUrl).toBeUndefined();
  });
});
