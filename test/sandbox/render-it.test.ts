import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { imageSize } from 'image-size';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/http/router.js';
import { silentLogger } from '../../src/logging/logger.js';
import { PoseCatalog } from '../../src/poses/catalog.js';
import { FaultController } from '../../src/sandbox/faults.js';
import { mountRenderItSandbox, type RenderItSandbox } from '../../src/sandbox/render-it/index.js';

const KEY = 'ZB-test-key';
const BASE = '/sandbox/render-it';
const HOUR = 3_600_000;
const catalog = new PoseCatalog([
  { key: 'PO_1', provider: 'ZEPETO', kind: 'STILL', ratio: 1.25, tags: [] },
  { key: 'PO_2', provider: 'ZEPETO', kind: 'STILL', ratio: 0.5625, tags: [] },
  { key: 'PO_A1', provider: 'ZEPETO', kind: 'ANIMATED', ratio: 1.5, durationSeconds: 2, tags: [] },
  { key: 'PO_A2', provider: 'ZEPETO', kind: 'ANIMATED', ratio: 1, durationSeconds: 1.2, tags: [] },
  { key: 'common/preview', provider: 'AVATURN', kind: 'STILL', ratio: 1, tags: [] },
]);

interface CallOptions {
  body?: unknown;
  rawBody?: string;
  /** null sends no content-type. */
  contentType?: string | null;
  /** null sends no authorization. */
  auth?: string | null;
}

let origin = '';
let sandbox: RenderItSandbox;
const clock = { t: 1_700_000_000_000 };
const server = createServer((req, res) => router.lookup(req, res));
const router = createRouter();

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox = mountRenderItSandbox(router, {
    basePath: BASE,
    publicUrl: origin,
    apiKey: KEY,
    tps: 10_000,
    catalog,
    faults: new FaultController(),
    logger: silentLogger,
    preconnectedZepetoIds: ['alice', 'bob'],
    now: () => clock.t,
  });
});

afterAll(async () => {
  await sandbox.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => sandbox.resetCalls());

async function call(method: 'GET' | 'POST', path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = {};
  const auth = opts.auth === undefined ? `Bearer ${KEY}` : opts.auth;
  if (auth !== null) headers.authorization = auth;
  const contentType = opts.contentType === undefined ? 'application/json' : opts.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const res = await request(`${origin}${BASE}${path}`, { method, headers, body });
  const text = await res.body.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted field by field
  return { status: res.statusCode, headers: res.headers, json: (text ? JSON.parse(text) : undefined) as any };
}

async function fetchImage(url: string) {
  expect(url.startsWith(`${origin}${BASE}/results/`)).toBe(true);
  const res = await request(url);
  const bytes = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, contentType: res.headers['content-type'], bytes };
}

function apngFrameCount(bytes: Buffer): number | undefined {
  for (let at = 8; at < bytes.length; at += 12 + bytes.readUInt32BE(at)) {
    if (bytes.toString('latin1', at + 4, at + 8) === 'acTL') return bytes.readUInt32BE(at + 8);
  }
  return undefined;
}

const alice = { targets: [{ zepetoId: 'alice' }] };

describe('render-it sandbox: render methods', () => {
  it('Single with redirect=false answers the URL of a PNG of width x ratio', async () => {
    const res = await call('POST', '/services/biz/openApi/photos/PO_1?quality=W640&redirect=false', { body: alice });
    expect(res.status).toBe(200);
    const img = await fetchImage(res.json.url);
    expect(img.status).toBe(200);
    expect(img.contentType).toBe('image/png');
    expect(imageSize(img.bytes)).toMatchObject({ type: 'png', width: 640, height: 800 });
    expect(apngFrameCount(img.bytes)).toBeUndefined();
    expect(sandbox.calls).toEqual([
      { at: clock.t, method: 'POST', path: '/services/biz/openApi/photos/PO_1', status: 200, images: 1 },
    ]);
  });

  it('Single redirects by default, with several targets in one image', async () => {
    const res = await call('POST', '/services/biz/openApi/photos/PO_2?quality=W160', {
      body: { targets: [{ zepetoId: 'alice' }, { zepetoId: 'bob' }] },
    });
    expect(res.status).toBe(302);
    expect(imageSize((await fetchImage(res.headers.location as string)).bytes)).toMatchObject({ width: 160, height: 90 });
  });

  it('Single renders a still of an animated pose', async () => {
    const res = await call('POST', '/services/biz/openApi/photos/PO_A1?quality=W240&redirect=false', { body: alice });
    const img = await fetchImage(res.json.url);
    expect(imageSize(img.bytes)).toMatchObject({ width: 240, height: 360 });
    expect(apngFrameCount(img.bytes)).toBeUndefined();
  });

  it('Single at W3840 serves real full-size bytes quickly', async () => {
    const res = await call('POST', '/services/biz/openApi/photos/PO_1?quality=W3840&redirect=false', { body: alice });
    expect(imageSize((await fetchImage(res.json.url)).bytes)).toMatchObject({ width: 3840, height: 4800 });
  });

  it('Multi answers one image per pose in request order and bills each', async () => {
    const res = await call('POST', '/services/biz/openApi/photos?quality=W320', { body: { poseIds: ['PO_2', 'PO_1', 'PO_A2'], ...alice } });
    expect(res.status).toBe(200);
    expect(res.json.images.map((i: { poseId: string }) => i.poseId)).toEqual(['PO_2', 'PO_1', 'PO_A2']);
    const sizes = await Promise.all(res.json.images.map(async (i: { url: string }) => imageSize((await fetchImage(i.url)).bytes)));
    expect(sizes.map((s) => [s.width, s.height])).toEqual([[320, 180], [320, 400], [320, 320]]);
    expect(sandbox.calls[0]).toMatchObject({ status: 200, images: 3 });
  });

  it('Animated with redirect=false answers an APNG URL with fps x duration frames', async () => {
    const res = await call('POST', '/services/biz/openApi/video/PO_A2?quality=W480&redirect=false', { body: { fps: 5, ...alice } });
    expect(res.status).toBe(200);
    expect(res.json.frameCount).toBe(6);
    const img = await fetchImage(res.json.url);
    expect(imageSize(img.bytes)).toMatchObject({ width: 480, height: 480 });
    expect(apngFrameCount(img.bytes)).toBe(6);
    expect(sandbox.calls[0]).toMatchObject({ status: 200, images: 6 });
  });

  it('Animated redirects by default', async () => {
    const res = await call('POST', '/services/biz/openApi/video/PO_A1?quality=W160', { body: { fps: 15, ...alice } });
    expect(res.status).toBe(302);
    const img = await fetchImage(res.headers.location as string);
    expect(apngFrameCount(img.bytes)).toBe(30);
    expect(imageSize(img.bytes)).toMatchObject({ width: 160, height: 240 });
  });

  it('Frames answers one PNG URL per frame', async () => {
    const res = await call('POST', '/services/biz/openApi/video/PO_A1/frames?quality=W240', { body: { fps: 3, ...alice } });
    expect(res.status).toBe(200);
    expect(res.json.frames).toHaveLength(6);
    const first = await fetchImage(res.json.frames[0]);
    const last = await fetchImage(res.json.frames[5]);
    expect(imageSize(first.bytes)).toMatchObject({ type: 'png', width: 240, height: 360 });
    expect(imageSize(last.bytes)).toMatchObject({ width: 240, height: 360 });
    expect(first.bytes).not.toEqual(last.bytes);
    expect(sandbox.calls[0]).toMatchObject({ images: 6 });
  });

  it('result URLs expire after the TTL and unknown ones are 404', async () => {
    const res = await call('POST', '/services/biz/openApi/photos/PO_1?quality=W160&redirect=false', { body: alice });
    clock.t += HOUR - 1;
    expect((await fetchImage(res.json.url)).status).toBe(200);
    clock.t += 1;
    expect((await fetchImage(res.json.url)).status).toBe(404);
    expect((await fetchImage(`${origin}${BASE}/results/nope.png`)).status).toBe(404);
  });
});

const methods = [
  { name: 'Single', path: '/services/biz/openApi/photos/PO_A1', body: alice },
  { name: 'Multi', path: '/services/biz/openApi/photos', body: { poseIds: ['PO_A1'], ...alice } },
  { name: 'Animated', path: '/services/biz/openApi/video/PO_A1', body: { fps: 10, ...alice } },
  { name: 'Frames', path: '/services/biz/openApi/video/PO_A1/frames', body: { fps: 10, ...alice } },
];
const video = methods.filter((m) => m.name === 'Animated' || m.name === 'Frames');
const withPose = (path: string, pose: string) => path.replace('PO_A1', pose);
const targetsOf = (n: number) => ({ targets: Array.from({ length: n }, () => ({ zepetoId: 'alice' })) });

describe.each(methods)('render-it sandbox: $name errors', ({ name, path, body }) => {
  const expectError = async (res: Awaited<ReturnType<typeof call>>, status: number) => {
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ code: status, message: expect.any(String) });
  };
  const post = (query: string, opts: CallOptions) => call('POST', `${path}?${query}`, opts);

  it('401 without a key or with a wrong one', async () => {
    await expectError(await post('quality=W160', { body, auth: null }), 401);
    await expectError(await post('quality=W160', { body, auth: 'Bearer wrong' }), 401);
  });

  it('415 for a content type other than application/json, checked after the key', async () => {
    await expectError(await post('quality=W160', { rawBody: JSON.stringify(body), contentType: 'text/plain' }), 415);
    await expectError(await post('quality=W160', { rawBody: JSON.stringify(body), contentType: null }), 415);
    await expectError(await post('quality=W160', { body, contentType: 'text/plain', auth: null }), 401);
    expect((await post('quality=W160', { body, contentType: 'application/json; charset=utf-8' })).status).toBeLessThan(400);
  });

  it('400 for a missing or unknown quality, bad JSON, or a bad target count', async () => {
    await expectError(await post('', { body }), 400);
    await expectError(await post('quality=W100', { body }), 400);
    await expectError(await post('quality=W160', { rawBody: '{"targets": [' }), 400);
    await expectError(await post('quality=W160', { body: { ...body, ...targetsOf(0) } }), 400);
    await expectError(await post('quality=W160', { body: { ...body, ...targetsOf(9) } }), 400);
    await expectError(await post('quality=W160', { body: { ...body, targets: [{ id: 'alice' }] } }), 400);
    expect((await post('quality=W160', { body: { ...body, ...targetsOf(8) } })).status).toBeLessThan(400);
  });

  it('404 for a ZEPETO ID not connected to the workspace', async () => {
    await expectError(await post('quality=W160', { body: { ...body, targets: [{ zepetoId: 'alice' }, { zepetoId: 'mallory' }] } }), 404);
  });

  it('404 for an unknown pose or one that is not a ZEPETO pose', async () => {
    const p = name === 'Multi' ? path : withPose(path, 'PO_404');
    const b = name === 'Multi' ? { ...body, poseIds: ['PO_A1', 'PO_404'] } : body;
    await expectError(await call('POST', `${p}?quality=W160`, { body: b }), 404);
    const q = name === 'Multi' ? path : withPose(path, encodeURIComponent('common/preview'));
    const c = name === 'Multi' ? { ...body, poseIds: ['common/preview'] } : body;
    await expectError(await call('POST', `${q}?quality=W160`, { body: c }), 404);
  });

  it('logs failed calls with no images billed', async () => {
    await post('quality=W160', { body, auth: null });
    expect(sandbox.calls).toEqual([expect.objectContaining({ status: 401, images: 0 })]);
  });
});

describe('render-it sandbox: method-specific errors', () => {
  it.each(['Single', 'Animated'])('%s: 400 for a redirect other than true or false', async (name) => {
    const m = methods.find((x) => x.name === name)!;
    expect((await call('POST', `${m.path}?quality=W160&redirect=yes`, { body: m.body })).status).toBe(400);
  });

  it('Multi: 400 for no poseIds, an empty list, or more than 10', async () => {
    const path = '/services/biz/openApi/photos?quality=W160';
    expect((await call('POST', path, { body: alice })).status).toBe(400);
    expect((await call('POST', path, { body: { poseIds: [], ...alice } })).status).toBe(400);
    expect((await call('POST', path, { body: { poseIds: Array(11).fill('PO_1'), ...alice } })).status).toBe(400);
    expect((await call('POST', path, { body: { poseIds: Array(10).fill('PO_1'), ...alice } })).status).toBe(200);
  });

  it.each(video)('$name: 400 for fps missing, 0, 16 or fractional', async ({ path }) => {
    for (const fps of [undefined, 0, 16, 2.5, '10']) {
      const res = await call('POST', `${path}?quality=W160`, { body: { fps, ...alice } });
      expect(res.status, `fps ${String(fps)}`).toBe(400);
    }
    expect((await call('POST', `${path}?quality=W160`, { body: { fps: 1, ...alice } })).status).toBeLessThan(400);
  });

  it.each(video)('$name: 400 for a still pose', async ({ path, body }) => {
    const res = await call('POST', `${withPose(path, 'PO_1')}?quality=W160`, { body });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/still/);
  });
});
