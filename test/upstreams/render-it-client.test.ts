import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import {
  UpstreamAuthError,
  UpstreamBadResponseError,
  type UpstreamError,
  type UpstreamRateLimitedError,
} from '../../src/upstreams/errors.js';
import { RenderItClient } from '../../src/upstreams/render-it/client.js';
import { STATUS_TABLE, API_KEY, BODY_SECRET, RENDERIT_ORIGIN, captureLogs, createMockAgent, expectNoLeak, instantRetry } from '../helpers/upstream-clients.js';

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
});
