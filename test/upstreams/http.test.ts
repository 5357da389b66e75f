import { afterEach, describe, expect, it } from 'vitest';
import { errors, type MockAgent } from 'undici';
import { z } from 'zod';
import {
  UpstreamAbortedError,
  UpstreamBadResponseError,
  UpstreamConnectionError,
  UpstreamDeadlineExceededError,
  UpstreamNotFoundError,
  UpstreamServerError,
  UpstreamTimeoutError,
} from '../../src/upstreams/errors.js';
import { createUpstreamDispatcher, joinUrl, sendJson, sendRequest } from '../../src/upstreams/http.js';
import { createMockAgent, expectNoLeak, startServer, type LocalServer } from '../helpers/upstream-clients.js';

const ORIGIN = 'https://upstream.test';
const schema = z.object({ id: z.string() });

let agent: MockAgent;
let servers: LocalServer[] = [];

afterEach(async () => {
  await agent?.close();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function call(overrides: Partial<Parameters<typeof sendJson>[0]> = {}) {
  return sendJson({ upstream: 'avaturn', dispatcher: agent, method: 'GET', url: new URL(`${ORIGIN}/thing`), schema, ...overrides });
}

describe('joinUrl', () => {
  it('joins onto a base that has a path, and adds defined query values', () => {
    expect(joinUrl('http://127.0.0.1:4000/sandbox/avaturn', 'api/v1/users/new').href).toBe(
      'http://127.0.0.1:4000/sandbox/avaturn/api/v1/users/new',
    );
    expect(joinUrl('https://api.avaturn.me/', '/api/v1/x', { a: 'b c', skip: undefined }).href).toBe(
      'https://api.avaturn.me/api/v1/x?a=b+c',
    );
  });
});

describe('sendJson', () => {
  it('returns the validated body', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).reply(200, { id: 'a', extra: 1 });
    await expect(call()).resolves.toEqual({ id: 'a' });
  });

  it('sends JSON bodies with their content type', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'POST' }).reply(200, { id: 'a' });
    await call({ method: 'POST', json: { x: 1 } });
    const last = agent.getCallHistory()!.lastCall()!;
    expect(last.body).toBe('{"x":1}');
    expect(last.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('rejects a body that is not JSON', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).reply(200, '<html>oops</html>');
    const err = await call().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamBadResponseError);
    expect((err as UpstreamBadResponseError).reason).toBe('not-json');
    expect((err as UpstreamBadResponseError).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('rejects a body of the wrong shape, keeping the issues internal', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).reply(200, { id: 42 });
    const err = (await call().catch((e: unknown) => e)) as UpstreamBadResponseError;
    expect(err).toBeInstanceOf(UpstreamBadResponseError);
    expect(err.reason).toBe('invalid-shape');
    expect(err.issues).toEqual([expect.objectContaining({ path: 'id' })]);
    expect(Object.keys(err)).not.toContain('issues');
  });

  it.each([true, false])('rejects a body over the size cap (content-length announced: %s)', async (announced) => {
    agent = createMockAgent();
    const interceptor = agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' });
    if (announced) interceptor.replyContentLength();
    interceptor.reply(200, JSON.stringify({ id: 'x'.repeat(2 * 1024 * 1024) }));
    const err = (await call().catch((e: unknown) => e)) as UpstreamBadResponseError;
    expect(err).toBeInstanceOf(UpstreamBadResponseError);
    expect(err.reason).toBe('too-large');
  });

  it('honours a custom size cap', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).reply(200, { id: 'abcdefghij' });
    await expect(call({ maxResponseBytes: 10 })).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('treats an unexpected redirect as a bad response', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).reply(302, '', { headers: { location: 'https://elsewhere/' } });
    await expect(call()).rejects.toMatchObject({ reason: 'unexpected-redirect' });
  });

  it.each([
    ['HeadersTimeoutError', () => new errors.HeadersTimeoutError(), UpstreamTimeoutError],
    ['BodyTimeoutError', () => new errors.BodyTimeoutError(), UpstreamTimeoutError],
    ['ConnectTimeoutError', () => new errors.ConnectTimeoutError(), UpstreamTimeoutError],
    ['SocketError', () => new errors.SocketError('other side closed'), UpstreamConnectionError],
  ] as const)('maps undici %s', async (_name, make, Class) => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).replyWithError(make());
    const err = await call().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Class);
    expect((err as UpstreamTimeoutError).retryable).toBe(true);
  });

  it('maps the caller aborting to UpstreamAbortedError', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).reply(200, { id: 'a' }).delay(2000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const err = await call({ signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamAbortedError);
    expect((err as UpstreamAbortedError).code).toBe('UPSTREAM_TIMEOUT');
  });

  it('maps a passed deadline to UpstreamDeadlineExceededError', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).reply(200, { id: 'a' }).delay(2000);
    const started = Date.now();
    const err = await call({ deadline: Date.now() + 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamDeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('fails at once when the deadline is already past', async () => {
    agent = createMockAgent();
    agent.get(ORIGIN).intercept({ path: '/thing', method: 'GET' }).reply(200, { id: 'a' });
    await expect(call({ deadline: Date.now() - 1 })).rejects.toBeInstanceOf(UpstreamDeadlineExceededError);
  });
});

describe('createUpstreamDispatcher', () => {
  it('applies its headers timeout', async () => {
    agent = createMockAgent();
    const server = await startServer(() => {
      /* never answers */
    });
    servers.push(server);
    const pool = createUpstreamDispatcher(server.url, { headersTimeout: 100 });
    try {
      const err = await sendRequest({ upstream: 'render-it', dispatcher: pool, method: 'GET', url: new URL(`${server.url}/x`) }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UpstreamTimeoutError);
      expectNoLeak(err);
    } finally {
      await pool.destroy();
    }
  });

  it('applies its body timeout', async () => {
    agent = createMockAgent();
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    servers.push(server);
    const pool = createUpstreamDispatcher(server.url, { bodyTimeout: 100 });
    try {
      await expect(
        sendRequest({ upstream: 'render-it', dispatcher: pool, method: 'GET', url: new URL(`${server.url}/x`) }),
      ).rejects.toBeInstanceOf(UpstreamTimeoutError);
    } finally {
      await pool.destroy();
    }
  });

  it('reports a refused connection as not processed', async () => {
    agent = createMockAgent();
    const server = await startServer(() => {});
    const url = server.url;
    await server.close();
    const pool = createUpstreamDispatcher(url);
    try {
      const err = (await sendRequest({ upstream: 'avaturn', dispatcher: pool, method: 'POST', url: new URL(`${url}/x`) }).catch(
        (e: unknown) => e,
      )) as UpstreamConnectionError;
      expect(err).toBeInstanceOf(UpstreamConnectionError);
      expect(err.notProcessed).toBe(true);
    } finally {
      await pool.destroy();
    }
  });

  it('always consumes or cancels bodies: one socket serves error, oversized and good answers in turn', async () => {
    agent = createMockAgent();
    let n = 0;
    const server = await startServer((_req, res) => {
      n++;
      if (n === 1) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ pad: 'x'.repeat(200 * 1024) }));
      } else if (n === 2) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"detail":"no"}');
      } else if (n === 3) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'x'.repeat(2 * 1024 * 1024) }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"ok"}');
      }
    });
    servers.push(server);
    const pool = createUpstreamDispatcher(server.url, { connections: 1, headersTimeout: 2000, bodyTimeout: 2000 });
    const url = new URL(`${server.url}/x`);
    const req = () => sendJson({ upstream: 'render-it', dispatcher: pool, method: 'GET', url, schema });
    try {
      await expect(req()).rejects.toBeInstanceOf(UpstreamServerError);
      await expect(req()).rejects.toBeInstanceOf(UpstreamNotFoundError);
      await expect(req()).rejects.toMatchObject({ reason: 'too-large' });
      await expect(req()).resolves.toEqual({ id: 'ok' });
    } finally {
      await pool.destroy();
    }
  });
});
