import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';

const REDIS_HOST = '127.0.0.1';
const REDIS_PORT = 6379;
export const REDIS_URL = `redis://${REDIS_HOST}:${REDIS_PORT}`;

/** True when a Redis answers PING on `host:port` within `timeoutMs`. Never throws. */
function redisAvailable(port = REDIS_PORT, host = REDIS_HOST, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

const available = await redisAvailable();
const required = process.env.REQUIRE_REDIS === '1';

/**
 * `describe` for suites that need Redis on 127.0.0.1:6379: skipped when it is not reachable,
 * except under `REQUIRE_REDIS=1` (CI), where the suite fails instead of silently passing.
 */
export function describeRedis(name: string, fn: () => void): void {
  if (available) {
    describe(name, fn);
  } else if (required) {
    describe(name, () => {
      it('needs Redis on 127.0.0.1:6379 (REQUIRE_REDIS=1)', () => {
        throw new Error(`Redis is not reachable at ${REDIS_URL}, and REQUIRE_REDIS=1 makes it required`);
      });
    });
  } else {
    describe.skip(name, fn);
  }
}

/** A key prefix no other test file (or parallel run) uses, e.g. `test:store-contract:3f9a...:`. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${process.pid}-${randomBytes(4).toString('hex')}:`;
}

/** A client for tests: no reconnect storms, fails fast when Redis goes away. */
export function testRedis(url = REDIS_URL): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1_000, lazyConnect: false });
  client.on('error', () => {});
  return client;
}

/** Deletes every key under `prefix` (SCAN, never KEYS). */
export async function deleteKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
}

/** Waits until `channel` has at least `count` subscribers, so a publish now is heard. */
export async function waitForSubscribers(client: Redis, channel: string, count = 1, timeoutMs = 3_000): Promise<void> {
  await waitUntil(async () => {
    const [, n] = (await client.pubsub('NUMSUB', channel)) as [string, number];
    return Number(n) >= count;
  }, timeoutMs, `${count} subscriber(s) on ${channel}`);
}

/** Polls `check` every 10 ms until it is true; fails after `timeoutMs` naming `what`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server (SIGKILL: a crash, not a clean shutdown) and waits for the process to end. */
  kill(): Promise<void>;
}

/** A free loopback TCP port (released before it is returned, so a child can bind it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a throw-away `redis-server` on 127.0.0.1:`port` (no persistence) as a child process and
 * waits until it answers PING. For tests that take Redis away and bring it back.
 */
export async function startRedisServer(port: number, timeoutMs = 5_000): Promise<RedisServer> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', tmpdir()],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  try {
    await waitUntil(() => redisAvailable(port), timeoutMs, `redis-server on port ${port}`);
  } catch (err) {
    await kill();
    throw err;
  }
  return { port, url: `redis://127.0.0.1:${port}`, kill };
}
