import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/http/router.js';
import { silentLogger } from '../../src/logging/logger.js';
import { PoseCatalog } from '../../src/poses/catalog.js';
import { FaultController } from '../../src/sandbox/faults.js';
import { mountRenderItSandbox, type RenderItSandboxOptions } from '../../src/sandbox/render-it/index.js';

const KEY = 'ZB-test-key';
const BASE = '/sandbox/render-it';
const catalog = new PoseCatalog([{ key: 'PO_1', provider: 'ZEPETO', kind: 'STILL', ratio: 1, tags: [] }]);
const stops: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** A server with one simulator on a fake clock; `call` sends JSON with the right key unless told otherwise. */
async function start(overrides: Partial<RenderItSandboxOptions> = {}) {
  const router = createRouter();
  const server = createServer((req, res) => router.lookup(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clock = { t: 1_700_000_000_000 };
  const sandbox = mountRenderItSandbox(router, {
    basePath: BASE,
    publicUrl: origin,
    apiKey: KEY,
    tps: 100,
    catalog,
    faults: new FaultController(),
    logger: silentLogger,
    now: () => clock.t,
    ...overrides,
  });
  stops.push(async () => {
    await sandbox.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, auth: string | null = `Bearer ${KEY}`) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) headers.authorization = auth;
    const res = await request(`${origin}${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.body.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted field by field
    return { status: res.statusCode, headers: res.headers, json: (text ? JSON.parse(text) : undefined) as any };
  };
  const render = (zepetoId: string) =>
    call('POST', '/services/biz/openApi/photos/PO_1?quality=W160&redirect=false', { targets: [{ zepetoId }] });
  return { sandbox, clock, call, render };
}

describe('render-it sandbox: QR connection flow', () => {
  it('goes from PENDING to CONNECTED when the login is completed, and the ID can then be rendered', async () => {
    const { call, render } = await start();
    const started = await call('POST', '/services/biz/characters/auth');
    expect(started.status).toBe(200);
    const { sessionId, url } = started.json;
    expect(url).toMatch(new RegExp(`^ZEPETO://PLATFORM/QR_LOGIN\\?.*&udid=${sessionId}$`));

    expect((await call('GET', `/services/biz/characters/auth/${sessionId}`)).json).toEqual({ status: 'PENDING', zepetoIds: [] });
    expect((await render('carol')).status).toBe(404);

    const done = await call('POST', `/sandbox/auth/${sessionId}/complete`, { zepetoIds: ['carol'] });
    expect(done).toMatchObject({ status: 200, json: { status: 'CONNECTED', zepetoIds: ['carol'] } });
    expect((await call('GET', `/services/biz/characters/auth/${sessionId}`)).json).toEqual({ status: 'CONNECTED', zepetoIds: ['carol'] });
    expect((await render('carol')).status).toBe(200);
  });

  it('generates a sandbox user when completing without ids and shows it in the state', async () => {
    const { call, sandbox } = await start({ preconnectedZepetoIds: ['demo'] });
    const { sessionId } = (await call('POST', '/services/biz/characters/auth')).json;
    expect((await call('POST', `/sandbox/auth/${sessionId}/complete`)).json.zepetoIds).toEqual(['sandbox_user_1']);
    // Completing twice changes nothing.
    expect((await call('POST', `/sandbox/auth/${sessionId}/complete`)).json.zepetoIds).toEqual(['sandbox_user_1']);
    sandbox.connect(['tester']);
    const state = await call('GET', '/sandbox/state');
    expect(state.json).toMatchObject({ connectedZepetoIds: ['demo', 'sandbox_user_1', 'tester'], callCount: 1 });
  });

  it('expires a pending login after its TTL', async () => {
    const { call, clock } = await start({ authSessionTtlMs: 60_000 });
    const { sessionId } = (await call('POST', '/services/biz/characters/auth')).json;
    clock.t += 59_999;
    expect((await call('GET', `/services/biz/characters/auth/${sessionId}`)).json.status).toBe('PENDING');
    clock.t += 1;
    expect((await call('GET', `/services/biz/characters/auth/${sessionId}`)).json).toEqual({ status: 'EXPIRED', zepetoIds: [] });
    expect((await call('POST', `/sandbox/auth/${sessionId}/complete`, { zepetoIds: ['late'] })).status).toBe(410);
  });

  it('answers 404 for an unknown session and 401 without the key', async () => {
    const { call } = await start();
    const unknown = await call('GET', '/services/biz/characters/auth/no-such-session');
    expect(unknown).toMatchObject({ status: 404, json: { code: 404 } });
    expect((await call('POST', '/sandbox/auth/no-such-session/complete')).status).toBe(404);
    expect((await call('POST', '/services/biz/characters/auth', undefined, null)).status).toBe(401);
  });
});

describe('render-it sandbox: TPS limit', () => {
  it('answers 429 with Retry-After once the sliding 1 s window is full, on every /services/biz call', async () => {
    const { call, render, clock, sandbox } = await start({ tps: 3, preconnectedZepetoIds: ['alice'] });
    expect((await render('alice')).status).toBe(200);
    clock.t += 400;
    expect((await render('alice')).status).toBe(200);
    expect((await call('POST', '/services/biz/characters/auth')).status).toBe(200);

    const limited = await render('alice');
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ code: 429, message: expect.any(String) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/services/biz/characters/auth/x')).status).toBe(429);

    clock.t += 600; // the first call leaves the window
    expect((await render('alice')).status).toBe(200);
    expect((await render('alice')).status).toBe(429);

    const admitted = sandbox.calls.filter((c) => c.status !== 429);
    for (const c of admitted) {
      expect(admitted.filter((o) => o.at > c.at - 1000 && o.at <= c.at).length).toBeLessThanOrEqual(3);
    }
    expect(sandbox.calls.map((c) => c.status)).toEqual([200, 200, 200, 429, 429, 200, 429]);
  });
});

describe('render-it sandbox: fault injection', () => {
  it('answers injected errors before the simulator sees the call', async () => {
    const { render, sandbox } = await start({ faults: new FaultController({ errorRate: 1, errorStatuses: [500] }), preconnectedZepetoIds: ['alice'] });
    const res = await render('alice');
    expect(res.status).toBe(500);
    expect(res.json.code).toBe(500);
    expect(sandbox.calls).toHaveLength(0);
  });

  it('adds the configured latency and then answers normally', async () => {
    const { render, sandbox } = await start({ faults: new FaultController({ latencyMs: 150 }), preconnectedZepetoIds: ['alice'] });
    const started = performance.now();
    expect((await render('alice')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(sandbox.calls).toHaveLength(1);
  });
});
