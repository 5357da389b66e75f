import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import {
  UpstreamBadRequestError,
  UpstreamDeadlineExceededError,
  UpstreamRateLimitedError,
  UpstreamServerError,
} from '../../src/upstreams/errors.js';
import type { RateLimiter } from '../../src/upstreams/admission/rate-limiter.js';
import { RenderItClient } from '../../src/upstreams/render-it/client.js';
import { API_KEY, RENDERIT_ORIGIN, captureLogs, createMockAgent, instantRetry } from '../helpers/upstream-clients.js';

const IMG = 'https://cdn.render-it.test/i/1.png';
const ZID = 'zepeto_1';
const PHOTOS = '/services/biz/openApi/photos';

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

beforeEach(() => {
  agent = createMockAgent();
  logs = captureLogs();
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

describe('RenderItClient retries and the limiter', () => {
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
