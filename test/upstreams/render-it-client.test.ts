import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import {
  UpstreamAuthError,
  UpstreamBadRequestError,
  UpstreamBadResponseError,
  UpstreamDeadlineExceededError,
  type UpstreamError,
  UpstreamRateLimitedError,
  UpstreamServerError,
} from '../../src/upstreams/errors.js';
import type { RateLimiter } from '../../src/upstreams/admission/rate-limiter.js';
import { RenderItClient } from '../../src/upstreams/render-it/client.js';
import { RENDER_QUALITIES, UNITS_PER_IMAGE, USD_PER_UNIT, costUnits, widthOf } from '../../src/upstreams/render-it/pricing.js';
import { STATUS_TABLE, API_KEY, BODY_SECRET, RENDERIT_ORIGIN, captureLogs, createMockAgent, expectNoLeak, instantRetry } from './helpers.js';

const IMG = 'https://cdn.render-it.test/i/1.png';
const ZID = 'zepeto_1';
const PHOTOS = '/services/biz/openApi/photos';
const VIDEO = '/services/biz/openApi/video';

let agent: MockAgent;
let logs: ReturnType<typeof captureLogs>;

function client(overrides: Partial<ConstructorParameters<typeof RenderItClient>[0]> = {}) {
  return new RenderItClient({
    baseUrl: RENDERIT_ORIGIN,
    apiKey: API_KEY,
    dispatcher: agent,
    logger: logs.logger,
    retry: instantRetry().hooks,
    ...overrides,
  });
}

const mock = () => agent.get(RENDERIT_ORIGIN);
const calls = () => agent.getCallHistory()!.calls();
const lastCall = () => agent.getCallHistory()!.lastCall()!;

beforeEach(() => {
  agent = createMockAgent();
  logs = captureLogs();
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

describe('RenderItClient', () => {
  describe('success paths', () => {
    it('renderSingle asks for the URL (redirect=false) with JSON targets', async () => {
      mock().intercept({ path: `${PHOTOS}/PO_2?quality=W640&redirect=false`, method: 'POST' }).reply(200, { url: IMG });
      await expect(client().renderSingle({ poseId: 'PO_2', quality: 'W640', targets: [ZID] })).resolves.toEqual({ url: IMG });
      expect(JSON.parse(lastCall().body!)).toEqual({ targets: [{ zepetoId: ZID }] });
      expect(lastCall().headers).toMatchObject({ authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' });
    });

    it('renderSingle with redirect reads Location without following it', async () => {
      mock()
        .intercept({ path: `${PHOTOS}/PO_2?quality=W160&redirect=true`, method: 'POST' })
        .reply(302, '', { headers: { location: IMG } });
      await expect(client().renderSingle({ poseId: 'PO_2', quality: 'W160', targets: [ZID], redirect: true })).resolves.toEqual({
        url: IMG,
      });
      expect(calls()).toHaveLength(1);
    });

    it('resolves a relative Location against the request URL', async () => {
      mock()
        .intercept({ path: `${PHOTOS}/PO_2?quality=W160&redirect=true`, method: 'POST' })
        .reply(302, '', { headers: { location: '/files/1.png' } });
      await expect(client().renderSingle({ poseId: 'PO_2', quality: 'W160', targets: [ZID], redirect: true })).resolves.toEqual({
        url: `${RENDERIT_ORIGIN}/files/1.png`,
      });
    });

    it('a redirect without Location is a bad response', async () => {
      mock().intercept({ path: `${PHOTOS}/PO_2?quality=W160&redirect=true`, method: 'POST' }).reply(302, '');
      await expect(
        client().renderSingle({ poseId: 'PO_2', quality: 'W160', targets: [ZID], redirect: true }),
      ).rejects.toBeInstanceOf(UpstreamBadResponseError);
    });

    it('renderMulti returns one url per pose in order', async () => {
      const images = [
        { poseId: 'PO_1', url: IMG },
        { poseId: 'PO_2', url: IMG },
      ];
      mock().intercept({ path: `${PHOTOS}?quality=W320`, method: 'POST' }).reply(200, { images });
      await expect(client().renderMulti({ poseIds: ['PO_1', 'PO_2'], quality: 'W320', targets: [ZID, 'z2'] })).resolves.toEqual({
        images,
      });
      expect(JSON.parse(lastCall().body!)).toEqual({ poseIds: ['PO_1', 'PO_2'], targets: [{ zepetoId: ZID }, { zepetoId: 'z2' }] });
    });

    it.each([
      ['missing a pose', [{ poseId: 'PO_1', url: IMG }]],
      [
        'out of order',
        [
          { poseId: 'PO_2', url: IMG },
          { poseId: 'PO_1', url: IMG },
        ],
      ],
    ])('renderMulti rejects an answer %s', async (_what, images) => {
      mock().intercept({ path: `${PHOTOS}?quality=W320`, method: 'POST' }).reply(200, { images });
      const err = await client()
        .renderMulti({ poseIds: ['PO_1', 'PO_2'], quality: 'W320', targets: [ZID] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UpstreamBadResponseError);
      expect((err as UpstreamBadResponseError).reason).toBe('mismatch');
    });

    it('renderAnimated returns url and frame count', async () => {
      mock().intercept({ path: `${VIDEO}/PO_9?quality=W480&redirect=false`, method: 'POST' }).reply(200, { url: IMG, frameCount: 30 });
      await expect(client().renderAnimated({ poseId: 'PO_9', quality: 'W480', fps: 10, targets: [ZID] })).resolves.toEqual({
        url: IMG,
        frameCount: 30,
      });
      expect(JSON.parse(lastCall().body!)).toEqual({ fps: 10, targets: [{ zepetoId: ZID }] });
    });

    it('renderAnimated with redirect', async () => {
      mock()
        .intercept({ path: `${VIDEO}/PO_9?quality=W480&redirect=true`, method: 'POST' })
        .reply(302, '', { headers: { location: IMG } });
      await expect(
        client().renderAnimated({ poseId: 'PO_9', quality: 'W480', fps: 10, targets: [ZID], redirect: true }),
      ).resolves.toEqual({ url: IMG, frameCount: undefined });
    });

    it('renderFrames', async () => {
      mock().intercept({ path: `${VIDEO}/PO_9/frames?quality=W240`, method: 'POST' }).reply(200, { frames: [IMG, IMG] });
      await expect(client().renderFrames({ poseId: 'PO_9', quality: 'W240', fps: 2, targets: [ZID] })).resolves.toEqual({
        frames: [IMG, IMG],
      });
    });

    it('startAuth and getAuth', async () => {
      const url = 'ZEPETO://PLATFORM/QR_LOGIN?x=1&udid=s-1';
      mock().intercept({ path: '/services/biz/characters/auth', method: 'POST' }).reply(200, { url, sessionId: 's-1' });
      mock().intercept({ path: '/services/biz/characters/auth/s-1', method: 'GET' }).reply(200, { status: 'PENDING' });
      mock()
        .intercept({ path: '/services/biz/characters/auth/s-1', method: 'GET' })
        .reply(200, { status: 'CONNECTED', zepetoIds: [ZID] });
      await expect(client().startAuth()).resolves.toEqual({ url, sessionId: 's-1' });
      expect(lastCall().headers).toMatchObject({ 'content-type': 'application/json' });
      await expect(client().getAuth('s-1')).resolves.toEqual({ status: 'PENDING', zepetoIds: [] });
      await expect(client().getAuth('s-1')).resolves.toEqual({ status: 'CONNECTED', zepetoIds: [ZID] });
    });

    it('rejects a result URL that is not http(s)', async () => {
      mock().intercept({ path: `${PHOTOS}/PO_2?quality=W640&redirect=false`, method: 'POST' }).reply(200, { url: 'javascript:alert(1)' });
      await expect(client().renderSingle({ poseId: 'PO_2', quality: 'W640', targets: [ZID] })).rejects.toBeInstanceOf(
        UpstreamBadResponseError,
      );
    });
  });

  describe('statuses', () => {
    it.each(STATUS_TABLE)('%i → %o', async (status, Class, code) => {
      mock()
        .intercept({ path: `${PHOTOS}/PO_2?quality=W640&redirect=false`, method: 'POST' })
        .reply(status, { code: status, message: BODY_SECRET });
      const err = (await client({ retry: { maxAttempts: 1 } })
        .renderSingle({ poseId: 'PO_2', quality: 'W640', targets: [ZID] })
        .catch((e: unknown) => e)) as UpstreamError;
      expect(err).toBeInstanceOf(Class);
      expect(err.code).toBe(code);
      expect(err.status).toBe(status);
      expectNoLeak(err);
    });

    it('parses Retry-After given as an HTTP date', async () => {
      const when = new Date(Date.now() + 5000).toUTCString();
      mock()
        .intercept({ path: `${PHOTOS}/PO_2?quality=W640&redirect=false`, method: 'POST' })
        .reply(429, '', { headers: { 'retry-after': when } });
      const err = (await client({ retry: { maxAttempts: 1 } })
        .renderSingle({ poseId: 'PO_2', quality: 'W640', targets: [ZID] })
        .catch((e: unknown) => e)) as UpstreamRateLimitedError;
      expect(err.retryAfterMs).toBeGreaterThan(3000);
      expect(err.retryAfterMs).toBeLessThanOrEqual(5000);
    });

    it('logs a 403 at error level as a configuration alarm, without key or body', async () => {
      mock().intercept({ path: '/services/biz/characters/auth/s-1', method: 'GET' }).reply(403, { code: 403, message: BODY_SECRET });
      await expect(client().getAuth('s-1')).rejects.toBeInstanceOf(UpstreamAuthError);
      const alarm = logs.lines.find((l) => l.alarm === 'upstream-auth');
      expect(alarm).toMatchObject({ level: 50, upstream: 'render-it', status: 403 });
      expect(String(alarm!.msg)).toContain('RENDERIT_API_KEY');
      for (const line of logs.raw) {
        expect(line).not.toContain(API_KEY);
        expect(line).not.toContain(BODY_SECRET);
      }
    });
  });

  describe('retries and the limiter', () => {
    const single = { poseId: 'PO_2', quality: 'W640', targets: [ZID] } as const;
    const path = `${PHOTOS}/PO_2?quality=W640&redirect=false`;

    it('429 then 200 succeeds after waiting Retry-After (seconds)', async () => {
      const { sleeps, hooks } = instantRetry(() => 0.5);
      mock().intercept({ path, method: 'POST' }).reply(429, { code: 429, message: 'tps' }, { headers: { 'retry-after': '1' } });
      mock().intercept({ path, method: 'POST' }).reply(200, { url: IMG });
      await expect(client({ retry: hooks }).renderSingle(single)).resolves.toEqual({ url: IMG });
      expect(sleeps).toEqual([1000]);
      expect(logs.lines.some((l) => l.msg === 'retrying upstream call' && l.code === 'RATE_LIMITED')).toBe(true);
    });

    it('uses full-jitter backoff between 5xx attempts', async () => {
      const { sleeps, hooks } = instantRetry(() => 0.75);
      mock().intercept({ path, method: 'POST' }).reply(500, '').times(3);
      mock().intercept({ path, method: 'POST' }).reply(200, { url: IMG });
      await client({ retry: { ...hooks, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 } }).renderSingle(single);
      expect(sleeps).toEqual([75, 150, 225]);
    });

    it('gives up with the last error after maxAttempts', async () => {
      mock().intercept({ path, method: 'POST' }).reply(503, '').times(3);
      await expect(client().renderSingle(single)).rejects.toBeInstanceOf(UpstreamServerError);
      expect(calls()).toHaveLength(3);
    });

    it('never retries a 400', async () => {
      mock().intercept({ path, method: 'POST' }).reply(400, { code: 400, message: 'bad quality' });
      await expect(client().renderSingle(single)).rejects.toBeInstanceOf(UpstreamBadRequestError);
      expect(calls()).toHaveLength(1);
    });

    it('the deadline stops retrying: no wait ends past it', async () => {
      const sleeps: number[] = [];
      mock().intercept({ path, method: 'POST' }).reply(429, '', { headers: { 'retry-after': '10' } });
      const c = client({ retry: { random: () => 0, sleep: async (ms) => void sleeps.push(ms) } });
      await expect(c.renderSingle(single, { deadline: Date.now() + 2000 })).rejects.toBeInstanceOf(UpstreamRateLimitedError);
      expect(sleeps).toEqual([]);
      expect(calls()).toHaveLength(1);
    });

    it('acquires the limiter before every attempt', async () => {
      const events: string[] = [];
      const limiter: RateLimiter = {
        acquire: async () => {
          events.push('acquire');
        },
      };
      mock()
        .intercept({ path, method: 'POST' })
        .reply(() => {
          events.push('request');
          return { statusCode: 500, data: '' };
        })
        .times(2);
      mock()
        .intercept({ path, method: 'POST' })
        .reply(() => {
          events.push('request');
          return { statusCode: 200, data: { url: IMG } };
        });
      await client({ limiter }).renderSingle(single);
      expect(events).toEqual(['acquire', 'request', 'acquire', 'request', 'acquire', 'request']);
    });

    it('bounds a limiter wait by the deadline', async () => {
      const limiter: RateLimiter = {
        acquire: (signal) =>
          new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true })),
      };
      await expect(client({ limiter }).renderSingle(single, { deadline: Date.now() + 30 })).rejects.toBeInstanceOf(
        UpstreamDeadlineExceededError,
      );
      expect(calls()).toHaveLength(0);
    });

    it('startAuth is not retried on 500 (not idempotent)', async () => {
      mock().intercept({ path: '/services/biz/characters/auth', method: 'POST' }).reply(500, '');
      await expect(client().startAuth()).rejects.toBeInstanceOf(UpstreamServerError);
      expect(calls()).toHaveLength(1);
    });
  });
});

describe('render-it pricing', () => {
  it('prices every quality linearly in width, 1 unit at W640', () => {
    expect(RENDER_QUALITIES).toHaveLength(12);
    for (const q of RENDER_QUALITIES) expect(UNITS_PER_IMAGE[q]).toBeCloseTo(widthOf(q) / 640, 10);
    expect(UNITS_PER_IMAGE.W240).toBe(0.375);
    expect(UNITS_PER_IMAGE.W3840).toBe(6);
    expect(USD_PER_UNIT).toBe(0.001);
  });

  it('bills images, not calls', () => {
    expect(costUnits('W640', 3)).toBe(3);
    expect(costUnits('W1920', 10 * 3)).toBe(90);
  });
});
