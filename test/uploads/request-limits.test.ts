import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBodyLimit } from '../../src/uploads/limits.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const MiB = 1024 * 1024;
const PHOTO_BYTES = MiB;
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ MAX_PHOTO_BYTES: String(PHOTO_BYTES) });
});
afterAll(() => gw.stop());

interface Streamed {
  /** What came back before the connection closed. */
  answer: string;
  /** Body bytes written before the server closed the connection (all of them if it never did). */
  sent: number;
  closedByServer: boolean;
}

/**
 * Sends `head` and then `total` body bytes with chunked encoding over a raw socket, `prefix` first,
 * respecting backpressure; stops when the server closes the connection.
 */
function streamBody(head: string, prefix: string, total: number): Promise<Streamed> {
  const { port } = new URL(gw.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let sent = 0;
    let closed = false;
    let idle: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      clearTimeout(idle);
      socket.destroy();
      resolve({ answer, sent, closedByServer });
    };
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => {
      closed = true;
      finish(sent < total);
    });
    socket.on('error', () => undefined);
    const filler = Buffer.alloc(64 * 1024, 0x61);
    const chunk = (data: Buffer | string) => {
      socket.write(`${Buffer.byteLength(data).toString(16)}\r\n`);
      socket.write(data);
      return socket.write('\r\n');
    };
    const pump = () => {
      while (!closed && sent < total) {
        const data = sent === 0 ? Buffer.from(prefix) : filler.subarray(0, Math.min(filler.length, total - sent));
        sent += data.length;
        if (!chunk(data)) return void socket.once('drain', pump);
      }
      if (closed) return;
      socket.write('0\r\n\r\n');
      // Everything was sent: the server kept reading. Give it a moment to close anyway.
      idle = setTimeout(() => finish(false), 1_000);
    };
    socket.once('connect', () => {
      socket.write(head);
      pump();
    });
    socket.setTimeout(20_000, () => reject(new Error('no end to the exchange')));
  });
}

const multipartHead = (extra = '') =>
  `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n${extra}\r\n`;

describe('request body limits', () => {
  it("refuses a JSON POST over Yoga's small limit with 413, whatever the photo limit", async () => {
    const query = `query { __typename } # ${'x'.repeat(2 * MiB)}`;
    const res = await request(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(res.statusCode).toBe(413);
    await res.body.dump();
  });

  it('stops reading a multipart request refused for CSRF once it passes the multipart limit', async () => {
    const limit = multipartBodyLimit(PHOTO_BYTES);
    const result = await streamBody(multipartHead(), '--b\r\n', 16 * limit);
    expect(result.answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(result.answer).toContain('CSRF_PREVENTED');
    expect(result.closedByServer).toBe(true);
    // Loopback socket buffers hold a few MiB; the server itself read at most about the limit.
    expect(result.sent).toBeLessThan(limit + 16 * MiB);
  });

  it('stops reading a malformed multipart request once it passes the multipart limit', async () => {
    const limit = multipartBodyLimit(PHOTO_BYTES);
    const prefix = '--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{nope\r\n--b\r\nContent-Disposition: form-data; name="x"; filename="x"\r\n\r\n';
    const head = multipartHead(`graphql-preflight: 1\r\nAuthorization: Bearer ${await gw.token('limits')}\r\n`);
    const result = await streamBody(head, prefix, 16 * limit);
    expect(result.answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(result.answer).toContain('BAD_USER_INPUT');
    expect(result.closedByServer).toBe(true);
    expect(result.sent).toBeLessThan(limit + 16 * MiB);
  });

  it('stops reading a well-formed chunked multipart body once it passes the multipart limit', async () => {
    const limit = multipartBodyLimit(PHOTO_BYTES);
    const query = 'mutation ($f: Upload!, $s1: Upload!, $s2: Upload!) { createAvatar(input: {frontal: $f, side1: $s1, side2: $s2, bodyType: MALE}) { __typename ... on Error { code } } }';
    const operations = JSON.stringify({ query, variables: { f: null, s1: null, s2: null } });
    // A part without Content-Disposition is skipped by the parser, not refused: only the total counts it.
    const prefix =
      `--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
      `--b\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"],"1":["variables.s1"],"2":["variables.s2"]}\r\n--b\r\nX-Padding: 1\r\n\r\n`;
    const head = multipartHead(`graphql-preflight: 1\r\nAuthorization: Bearer ${await gw.token('limits')}\r\n`);
    const result = await streamBody(head, prefix, 16 * limit);
    expect(result.closedByServer).toBe(true);
    expect(result.sent).toBeLessThan(limit + 16 * MiB);
    // The answer may be lost to the reset that cuts the body off; when it arrives it says why.
    if (result.answer) expect(result.answer).toContain('PAYLOAD_TOO_LARGE');
  });
});
