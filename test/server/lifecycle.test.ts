import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createClient } from 'graphql-sse';
import type { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/mint-token.js';
import { SANDBOX_JWT_SECRET } from '../../src/config/config.js';
import { schema } from '../../src/schema/index.js';
import { REDIS_URL, describeRedis, testRedis, waitForSubscribers, waitUntil } from '../helpers/redis.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Cold start compiles the whole app through tsx: generous, but bounded. */
const START_TIMEOUT_MS = 15_000;

interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Runs `command` in the repo with a clean environment (no REDIS_URL, keys or secrets from the host) plus `env`. */
function run(command: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  // Nothing here may outlive the suite, whatever happens to the test that started it.
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  void exit.then(() => clearTimeout(killer));
  return { child, stdout: () => out, stderr: () => err, exit };
}

const server = (env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'src/server.ts'], { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function postGraphql(url: string, query: string, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] } };
}

/** A raw HTTP/1.1 connection: writes what it is told and collects every byte the server sends. */
async function rawConnection(port: number): Promise<{ socket: Socket; received(): string; closed: Promise<void> }> {
  const socket = connect({ host: '127.0.0.1', port });
  let data = '';
  socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => data, closed };
}

/** True once the port refuses new connections (the server stopped listening). */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect({ host: '127.0.0.1', port });
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('error', () => resolve(true));
  });
}

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

describe('npm start (src/server.ts)', () => {
  let gateway: Spawned;
  let url: string;
  let port: number;

  beforeAll(async () => {
    gateway = server({});
    await within(
      waitUntil(() => /listening on (http:\/\/\S+)/.test(gateway.stdout()) || gateway.child.exitCode !== null, START_TIMEOUT_MS, 'the banner'),
      START_TIMEOUT_MS + 1_000,
      'the banner',
    );
    const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(gateway.stdout());
    if (!match) throw new Error(`no banner; stdout: ${gateway.stdout()} stderr: ${gateway.stderr()}`);
    url = match[1]!;
    port = Number(match[2]);
  }, START_TIMEOUT_MS + 5_000);

  it('prints the real URL (PORT=0), the mode, the routes and how to mint a token', () => {
    const banner = gateway.stdout();
    expect(port).toBeGreaterThan(0);
    expect(banner).toContain('(mode: sandbox)');
    expect(banner).toContain(`${url}/graphql`);
    expect(banner).toContain(`${url}/healthz`);
    expect(banner).toContain(`sandbox simulator at ${url}/sandbox/avaturn`);
    expect(banner).toContain(`sandbox simulator at ${url}/sandbox/render-it`);
    expect(banner).toContain('npm run token -- alice');
    expect(banner).toContain('Authorization: Bearer <token>');
    expect(gateway.stderr()).toBe('');
  });

  it('answers the poses query', async () => {
    const { status, body } = await postGraphql(url, '{ poses { edges { node { key kind ratio } } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const edges = (body.data!.poses as { edges: { node: { key: string; kind: string; ratio: number } }[] }).edges;
    expect(edges.length).toBeGreaterThan(0);
    expect(edges[0]!.node).toEqual({ key: expect.any(String), kind: expect.stringMatching(/^(STILL|ANIMATED)$/), ratio: expect.any(Number) });
  });

  it('accepts a token from `npm run token -- alice` for { viewer { userId } }', async () => {
    const mint = run('npm', ['run', '--silent', 'token', '--', 'alice'], {});
    const { code } = await within(mint.exit, START_TIMEOUT_MS, 'npm run token');
    expect(code).toBe(0);
    const token = mint.stdout().trim().split('\n').pop()!;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decodeJwt(token).sub).toBe('alice');

    const { body } = await postGraphql(url, '{ viewer { userId } }', token);
    expect(body).toEqual({ data: { viewer: { userId: 'alice' } } });
    const anonymous = await postGraphql(url, '{ viewer { userId } }');
    expect(anonymous.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
  });

  // Last in this block: it stops the server.
  it('on SIGTERM finishes the request in flight, reports draining, then exits 0', async () => {
    const body = JSON.stringify({ query: '{ poses(first: 1) { edges { node { key } } } }' });
    const conn = await rawConnection(port);
    // `Expect: 100-continue` makes the server acknowledge the request before its body is sent:
    // once "100 Continue" arrives, the request is in flight and stays so until the body follows.
    conn.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await waitUntil(() => conn.received().includes('100 Continue'), 3_000, '100 Continue');

    gateway.child.kill('SIGTERM');
    await waitUntil(() => refusesConnections(port), 3_000, 'the server to stop accepting connections');
    expect(gateway.child.exitCode).toBeNull(); // still draining: our request holds it open

    // The body completes the request; a readiness probe pipelined behind it sees the drain.
    conn.socket.write(`${body}GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    const { code, signal } = await within(gateway.exit, 5_000, 'the process to exit');
    await within(conn.closed, 1_000, 'the connection to close');

    const responses = conn.received().split(/(?=HTTP\/1\.1 )/);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 100 Continue/);
    expect(responses[1]).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(responses[1]).toContain('"poses":{"edges":[{"node":{"key":');
    expect(responses[2]).toMatch(/^HTTP\/1\.1 503/);
    expect(responses[2]).toContain('"status":"draining"');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});

describe('invalid configuration', () => {
  it.for([
    ['PORT', { PORT: 'abc' }, 'abc'],
    ['REDIS_URL', { REDIS_URL: 'nope' }, 'nope'],
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 'too-short-secret' }, undefined],
  ] as const)('stops start-up with exit code 1 and one line naming %s', async ([name, env, shown]) => {
    const proc = server({ ...env });
    const { code } = await within(proc.exit, START_TIMEOUT_MS, 'the process to exit');
    expect(code).toBe(1);
    const lines = proc.stderr().split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name} `));
    if (shown) expect(lines[0]).toContain(`"${shown}"`);
    // Secrets are named, never echoed.
    else expect(lines[0]).not.toContain('too-short-secret');
    expect(proc.stdout()).toBe('');
  });
});

describeRedis('npm start with REDIS_URL', () => {
  const ownerId = `lifecycle-${randomUUID()}`;
  const avatarId = randomUUID();
  let redis: Redis;

  beforeAll(async () => {
    redis = testRedis();
    const at = new Date().toISOString();
    // What the avatar repository stores (default key prefix `ag:`), written directly: the spawned server reads it.
    await redis.set(
      `ag:avatar:${avatarId}`,
      JSON.stringify({ id: avatarId, ownerId, provider: 'ZEPETO', status: 'READY', zepetoId: 'z1', version: 1, createdAt: at, updatedAt: at }),
      'PX',
      60_000,
    );
  });
  afterAll(async () => {
    await redis.del(`ag:avatar:${avatarId}`);
    await redis.quit();
  });

  it.skipIf(!schema.getType('ZepetoAvatar'))('on SIGTERM ends open subscriptions and still exits 0', async () => {
    const gateway = server({ REDIS_URL });
    await within(
      waitUntil(() => /listening on http:\/\/\S+/.test(gateway.stdout()) || gateway.child.exitCode !== null, START_TIMEOUT_MS, 'the banner'),
      START_TIMEOUT_MS + 1_000,
      'the banner',
    );
    const url = /listening on (http:\/\/\S+)/.exec(gateway.stdout())![1]!;
    const token = await mintToken(ownerId, SANDBOX_JWT_SECRET);
    const client = createClient({ url: `${url}/graphql`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const updates = client.iterate<{ avatarUpdated: { status: string } }>({
      query: 'subscription ($id: ID!) { avatarUpdated(id: $id) { status } }',
      variables: { id: encodeGlobalID('ZepetoAvatar', avatarId) },
    });
    try {
      const first = await within(updates.next(), 5_000, 'the first event');
      expect(first.value?.data?.avatarUpdated.status).toBe('READY');
      await waitForSubscribers(redis, `ag:avatar:updated:${avatarId}`);

      gateway.child.kill('SIGTERM');
      const { code } = await within(gateway.exit, 5_000, 'the process to exit');
      expect(gateway.stderr()).toBe('');
      expect(code).toBe(0);
      // The stream ended with the server (as an error: the connection went away), it did not hang.
      const last = await within(updates.next().catch(() => ({ done: true as const, value: undefined })), 2_000, 'the stream to end');
      expect(last.done).toBe(true);
    } finally {
      await updates.return?.(undefined).catch(() => {});
      client.dispose();
    }
  });
});
