import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchBodyIdle } from '../../src/http/body-idle-timeout.js';
import { subscribeSse } from '../helpers/subscriptions.js';
import { AvatarUpdatedSubscription } from '../helpers/documents/avatars.js';
import { createAvatar, eventually } from '../helpers/avatar-flows.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { stalledUpload } from '../helpers/stalled-upload.js';
import { firstJsonBody, rawExchange } from '../helpers/raw-socket.js';

const IDLE_MS = 300;
let gw: TestGateway;
let user = 0;

beforeAll(async () => {
  gw = await startTestGateway({ BODY_IDLE_TIMEOUT_MS: String(IDLE_MS), SANDBOX_PROCESSING_DELAY_MS: '1000', MAX_PHOTO_BYTES: String(256 * 1024) });
});
afterAll(() => gw.stop());

const jsonHead = (length: number) => `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
const chunk = (data: string | Buffer) => Buffer.concat([Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`), Buffer.from(data), Buffer.from('\r\n')]);
function expectTimeoutAnswer(text: string): void {
  expect(text).toMatch(/^HTTP\/1\.1 408 /);
  expect(text.toLowerCase()).toContain('connection: close');
  expect(firstJsonBody(text)).toEqual({
    errors: [{ message: `The request body sent nothing for ${IDLE_MS} ms: the request was cut off`, extensions: { code: 'REQUEST_TIMEOUT', idleTimeoutMs: IDLE_MS } }],
  });
}

describe('body idle timeout (gateway)', () => {
  it('cuts a JSON body that stops after 60 bytes with 408 REQUEST_TIMEOUT and closes the connection', async () => {
    const body = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(100)}` });
    const result = await rawExchange(gw.url, [jsonHead(body.length) + body.slice(0, 60)], 5_000);
    expectTimeoutAnswer(result.text);
    expect(result.closedByServer).toBe(true);
    expect(result.heldMs).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(result.heldMs).toBeLessThan(IDLE_MS + 1_500);
  });

  it('keeps a body that arrives slowly but steadily, and a kept-alive connection between requests', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const head = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const pieces = body.match(/.{1,3}/g)!.flatMap((piece) => [chunk(piece), 100]);
    const steps = [head, ...pieces, '0\r\n\r\n', 2 * IDLE_MS, jsonHead(body.length) + body];
    expect(pieces.length * 50).toBeGreaterThan(2 * IDLE_MS);
    const result = await rawExchange(gw.url, steps, 2 * IDLE_MS);
    expect(result.text.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
    expect(result.text).toContain('"__typename":"Query"');
    // Idle after its answers, the connection was still there when the client gave up.
    expect(result.closedByServer).toBe(false);
  });

  it('cuts a multipart body that stalls before its map', async () => {
    const token = await gw.token(`idle-${++user}`);
    const before = gw.app.sandbox!.avaturn!.calls.length;
    const result = await rawExchange(gw.url, [stalledUpload(token, 'operations')], 5_000);
    expectTimeoutAnswer(result.text);
    expect(gw.app.sandbox!.avaturn!.calls.length).toBe(before);
  });

  it('cuts an upload that stalls mid-photo, aborts it at Avaturn and removes the half-made avatar', async () => {
    const owner = `idle-${++user}`;
    const token = await gw.token(owner);
    const before = gw.app.sandbox!.avaturn!.calls.length;
    const result = await rawExchange(gw.url, [stalledUpload(token, 'side1')], 5_000);
    expectTimeoutAnswer(result.text);
    expect(result.heldMs).toBeLessThan(IDLE_MS + 1_500);
    await eventually(async () => ((await gw.services.avatars.listByOwner(owner)).length === 0 ? true : undefined), 5_000, 'no avatar left');
    const calls = await eventually(() => {
      const since = gw.app.sandbox!.avaturn!.calls.slice(before);
      return since.some((c) => c.method === 'DELETE') ? since : undefined;
    });
    expect(calls.filter((c) => c.path.endsWith('/avatars/new'))).toHaveLength(1);
    expect(calls.filter((c) => c.path.includes('/uploads/') && c.status === 200)).toEqual([]);
    expect(calls.filter((c) => c.method === 'DELETE' && c.path.includes('/avatars/') && c.status === 200)).toHaveLength(1);
  });

  it('never cuts a subscription stream once its request body is in', async () => {
    const token = await gw.token(`idle-${++user}`);
    const id = await createAvatar(gw, token);
    const sub = subscribeSse(gw, token, AvatarUpdatedSubscription, { id });
    try {
      expect((await sub.next()).value?.data?.avatarUpdated).toMatchObject({ status: 'PROCESSING' });
      // The sandbox takes ~1 s to make the avatar: several idle timeouts with nothing on the stream.
      expect((await sub.next(5_000)).value?.data?.avatarUpdated).toMatchObject({ status: 'READY' });
    } finally {
      await sub.close();
    }
  });
});

describe('watchBodyIdle', () => {
  let server: Server;
  let url: string;
  let handler: Parameters<typeof createServer>[1] = () => undefined;

  beforeAll(async () => {
    server = createServer((req, res) => handler!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Reads the whole body after `delayMs` (the server's own pause), then answers with its length. */
  const readLater = (timeoutMs: number, delayMs: number) => {
    handler = (req, res) => {
      watchBodyIdle(req, res, timeoutMs);
      req.pause();
      void sleep(delayMs).then(async () => {
        let bytes = 0;
        for await (const piece of req) bytes += (piece as Buffer).length;
        res.end(String(bytes));
      });
    };
  };

  it('does not count a silence the server caused by not reading', async () => {
    readLater(150, 800);
    const body = Buffer.alloc(1024 * 1024, 0x61);
    const result = await rawExchange(url, [`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body]);
    expect(result.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(result.text.endsWith(String(body.length))).toBe(true);
  });

  it('is off at 0', async () => {
    readLater(0, 0);
    const result = await rawExchange(url, ['POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nab', 500, 'cd']);
    expect(result.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(result.text.endsWith('4')).toBe(true);
  });
});
