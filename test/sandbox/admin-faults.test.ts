import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_AVATURN_KEY, SANDBOX_RENDERIT_KEY } from '../../src/config/config.js';
import { faultSettingsSchema, type FaultSettings } from '../../src/sandbox/faults.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const DEFAULTS: FaultSettings = faultSettingsSchema.parse({});

interface Faults {
  avaturn: FaultSettings;
  renderIt: FaultSettings;
}

async function admin(gw: TestGateway, method: 'GET' | 'PUT' | 'DELETE', body?: unknown) {
  const res = await request(`${gw.url}/sandbox/admin/faults`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.statusCode, json: (await res.body.json()) as Faults & { error?: string } };
}

/** One Render-it API call (starting a QR login: cheap, no body). */
async function renderItCall(gw: TestGateway) {
  const res = await request(`${gw.url}/sandbox/render-it/services/biz/characters/auth`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SANDBOX_RENDERIT_KEY}` },
  });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
}

/** One Avaturn API call (creating a user). */
async function avaturnCall(gw: TestGateway) {
  const res = await request(`${gw.url}/sandbox/avaturn/api/v1/users/new`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SANDBOX_AVATURN_KEY}` },
  });
  await res.body.dump();
  return res.statusCode;
}

describe('sandbox admin faults route', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.stop());

  it('GET shows the settings of both simulators, defaults at start', async () => {
    expect(await admin(gw, 'GET')).toEqual({ status: 200, json: { avaturn: DEFAULTS, renderIt: DEFAULTS } });
  });

  it('PUT switches faults on: errorRate 1 with [500] makes the Render-it simulator answer 500, Avaturn untouched', async () => {
    const put = await admin(gw, 'PUT', { renderIt: { errorRate: 1, errorStatuses: [500] } });
    expect(put.status).toBe(200);
    expect(put.json.renderIt).toEqual({ ...DEFAULTS, errorRate: 1, errorStatuses: [500] });
    expect(put.json.avaturn).toEqual(DEFAULTS);

    for (let i = 0; i < 3; i++) expect(await renderItCall(gw)).toEqual({ status: 500, json: expect.objectContaining({ code: 500 }) });
    expect(await avaturnCall(gw)).toBe(200);

    expect((await admin(gw, 'DELETE')).status).toBe(200);
  });

  it('PUT merges into the current settings: omitted fields keep their values', async () => {
    await admin(gw, 'PUT', { renderIt: { latencyMs: 40, seed: 7 } });
    const second = await admin(gw, 'PUT', { renderIt: { errorRate: 0.25 }, avaturn: { webhookDuplicateRate: 1 } });
    expect(second.json.renderIt).toEqual({ ...DEFAULTS, latencyMs: 40, seed: 7, errorRate: 0.25 });
    expect(second.json.avaturn).toEqual({ ...DEFAULTS, webhookDuplicateRate: 1 });
    expect((await admin(gw, 'GET')).json).toEqual(second.json);
    await admin(gw, 'DELETE');
  });

  it('adds latency to every API call', async () => {
    await admin(gw, 'PUT', { renderIt: { latencyMs: 150 } });
    const started = Date.now();
    expect((await renderItCall(gw)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await admin(gw, 'DELETE');
  });

  it.each([
    ['a rate above 1', { renderIt: { errorRate: 2 } }],
    ['a status outside 400..599', { renderIt: { errorStatuses: [200] } }],
    ['no statuses', { renderIt: { errorStatuses: [] } }],
    ['negative latency', { avaturn: { latencyMs: -1 } }],
    ['a string for a number', { avaturn: { errorRate: '0.5' } }],
    ['a misspelled simulator', { renderit: { errorRate: 1 } }],
    ['a misspelled setting', { renderIt: { errorrate: 1 } }],
    ['a non-object', [1, 2]],
  ])('answers 422 to %s and changes nothing', async (_name, body) => {
    const res = await admin(gw, 'PUT', body);
    expect(res.status).toBe(422);
    expect(res.json.error).toBe('invalid fault settings');
    expect((await admin(gw, 'GET')).json).toEqual({ avaturn: DEFAULTS, renderIt: DEFAULTS });
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await admin(gw, 'PUT', '{"renderIt":');
    expect(res.status).toBe(400);
  });

  it('DELETE resets both simulators to no faults', async () => {
    await admin(gw, 'PUT', { renderIt: { errorRate: 1, errorStatuses: [503] }, avaturn: { errorRate: 1, errorStatuses: [500] } });
    expect((await renderItCall(gw)).status).toBe(503);
    expect(await avaturnCall(gw)).toBe(500);
    expect(await admin(gw, 'DELETE')).toEqual({ status: 200, json: { avaturn: DEFAULTS, renderIt: DEFAULTS } });
    expect((await renderItCall(gw)).status).toBe(200);
    expect(await avaturnCall(gw)).toBe(200);
  });
});

describe('SANDBOX_FAULTS', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ SANDBOX_FAULTS: JSON.stringify({ avaturn: { errorRate: 1, errorStatuses: [503] } }) });
  });
  afterAll(() => gw.stop());

  it('sets the faults the simulators start with', async () => {
    expect((await admin(gw, 'GET')).json).toEqual({ avaturn: { ...DEFAULTS, errorRate: 1, errorStatuses: [503] }, renderIt: DEFAULTS });
    expect(await avaturnCall(gw)).toBe(503);
    expect((await renderItCall(gw)).status).toBe(200);
  });

  it('DELETE resets to no faults, not to the start-up faults', async () => {
    await admin(gw, 'DELETE');
    expect(await avaturnCall(gw)).toBe(200);
  });
});

describe('sandbox admin faults route in live mode', () => {
  it('does not exist when both upstreams are live', async () => {
    const gw = await startTestGateway({
      AVATURN_API_KEY: 'live-avaturn-key',
      AVATURN_API_URL: 'http://127.0.0.1:9',
      AVATURN_WEBHOOK_TOKEN: 'live-webhook-token-0123456789',
      RENDERIT_API_KEY: 'live-renderit-key',
      RENDERIT_API_URL: 'http://127.0.0.1:9',
      AUTH_JWT_SECRET: 'a-live-secret-of-at-least-32-characters!',
    });
    try {
      expect((await admin(gw, 'GET')).status).toBe(404);
      expect(gw.app.sandbox).toBeUndefined();
    } finally {
      await gw.stop();
    }
  });
});
