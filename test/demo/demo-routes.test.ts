import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/env-schema.js';
// The typed document of test/auth.test.ts: no new document, so test/__generated__ stays as it is.
import { ViewerDocument as DemoViewerQuery } from '../__generated__/graphql.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const LIVE_RENDER_IT = { RENDERIT_API_KEY: 'live-key', RENDERIT_API_URL: 'http://127.0.0.1:9', AUTH_JWT_SECRET: 's'.repeat(40) };

/** The data-testids outside tests rely on (DESIGN.md). */
const CONTRACT_TEST_IDS = [
  'demo-use-samples',
  'demo-create',
  'demo-avatar-status',
  'demo-model-link',
  'demo-preview',
  'demo-zepeto-connect',
  'demo-zepeto-complete',
  'demo-zepeto-status',
  'demo-gallery',
  'demo-cost',
];

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await request(`${gw!.url}${path}`, { headers });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body };
}

async function mintDemoToken() {
  const res = await request(`${gw!.url}/sandbox/demo-token`, { method: 'POST' });
  const text = await res.body.text();
  return { status: res.statusCode, json: res.statusCode === 200 ? (JSON.parse(text) as { token: string; userId: string; expiresAt: string }) : undefined };
}

describe('mountDemo', () => {
  it('serves the page, its bundle and the sample photos from the gateway in sandbox mode', async () => {
    gw = await startTestGateway();
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = page.body.toString();
    for (const id of CONTRACT_TEST_IDS) expect(html).toContain(`data-testid="${id}"`);
    // Everything the page loads is on this origin: no CDN, no external font.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !r.startsWith('/') && r !== 'data:,')).toEqual([]);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain(`img-src 'self' ${new URL(gw.url).origin} blob: data:;`);

    for (const [path, type] of [
      ['/demo/demo.js', 'text/javascript; charset=utf-8'],
      ['/demo/demo.css', 'text/css; charset=utf-8'],
      ['/demo/samples/frontal.jpg', 'image/jpeg'],
      ['/demo/samples/side1.jpg', 'image/jpeg'],
      ['/demo/samples/side2.jpg', 'image/jpeg'],
    ]) {
      const file = await get(path!);
      expect({ path, status: file.status, type: file.headers['content-type'] }).toEqual({ path, status: 200, type });
      const again = await get(path!, { 'if-none-match': String(file.headers['etag']) });
      expect(again.status).toBe(304);
    }
    expect((await get('/demo/../package.json')).status).toBe(404);
    expect((await get('/demo/samples/missing.jpg')).status).toBe(404);
    expect(JSON.parse((await get('/demo/settings.json')).body.toString())).toEqual({ demoToken: true, sandboxZepetoLogin: true, graphiql: true });
  });

  it('mints a working token for a fresh demo user with the sandbox secret', async () => {
    gw = await startTestGateway();
    const [a, b] = [await mintDemoToken(), await mintDemoToken()];
    expect(a.status).toBe(200);
    expect(a.json!.userId).toMatch(/^demo-[0-9a-f]{12}$/);
    expect(b.json!.userId).not.toBe(a.json!.userId);
    expect(Date.parse(a.json!.expiresAt) - Date.now()).toBeGreaterThan(3_500_000);
    const viewer = await gw.execute(DemoViewerQuery, {}, { token: a.json!.token });
    expect(viewer.data?.viewer.userId).toBe(a.json!.userId);
  });

  it('keeps demo tokens within AUTH_JWT_MAX_LIFETIME', async () => {
    gw = await startTestGateway({ AUTH_JWT_MAX_LIFETIME: '10m' });
    const minted = await mintDemoToken();
    expect(Date.parse(minted.json!.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
    expect((await gw.execute(DemoViewerQuery, {}, { token: minted.json!.token })).data?.viewer.userId).toBe(minted.json!.userId);
  });

  it('mints nothing when tokens are signed with a real secret, even in sandbox mode', async () => {
    gw = await startTestGateway({ AUTH_JWT_SECRET: 'r'.repeat(40) });
    expect((await get('/')).status).toBe(200);
    expect((await mintDemoToken()).status).toBe(404);
    expect(JSON.parse((await get('/demo/settings.json')).body.toString())).toMatchObject({ demoToken: false });
  });

  it('is off with DEMO=0, and off by default once an upstream is live', async () => {
    for (const env of [{ DEMO: '0' }, LIVE_RENDER_IT]) {
      gw = await startTestGateway(env);
      for (const path of ['/', '/demo/demo.js', '/demo/samples/frontal.jpg', '/demo/settings.json']) {
        expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
      }
      expect((await mintDemoToken()).status).toBe(404);
      await gw.stop();
      gw = undefined;
    }
  });

  it('serves the page live with DEMO=1, without a token endpoint, and lets it show upstream images', async () => {
    gw = await startTestGateway({ ...LIVE_RENDER_IT, DEMO: '1' });
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/img-src [^;]* https:/);
    expect((await mintDemoToken()).status).toBe(404);
    expect(JSON.parse((await get('/demo/settings.json')).body.toString())).toEqual({ demoToken: false, sandboxZepetoLogin: false, graphiql: false });
  });

  it('validates DEMO', () => {
    expect(loadConfig({ DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({}).demo).toBe(true);
    expect(() => loadConfig({ DEMO: 'yes' })).toThrow(new ConfigError('DEMO must be 1 or 0 (true or false) (got "yes")'));
  });
});
