import busboy from 'busboy';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Agent, type MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AvaturnClient } from '../../src/upstreams/avaturn/client.js';
import { UpstreamAuthError, UpstreamBadRequestError } from '../../src/upstreams/errors.js';
import { API_KEY, AVATURN_ORIGIN, captureLogs, createMockAgent, startServer, type LocalServer } from '../helpers/upstream-clients.js';
import type { PhotoSource } from '../../src/upstreams/avaturn/multipart.js';

const MiB = 1024 * 1024;

interface ReceivedFile {
  field: string;
  filename: string;
  mimeType: string;
  bytes: number;
  sha256: string;
}

interface Received {
  headers: IncomingMessage['headers'];
  fields: Record<string, string>;
  files: ReceivedFile[];
}

/** Parses multipart uploads with busboy, streaming; records what arrived. */
function uploadHandler(received: Received[], aborted: { count: number }, onFileData?: (n: number) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const entry: Received = { headers: req.headers, fields: {}, files: [] };
    const bb = busboy({ headers: req.headers, limits: { fileSize: 100 * MiB } });
    bb.on('field', (name, value) => (entry.fields[name] = value));
    bb.on('file', (field, stream, info) => {
      const hash = createHash('sha256');
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        onFileData?.(chunk.length);
        hash.update(chunk);
      });
      stream.on('end', () =>
        entry.files.push({ field, filename: info.filename ?? '', mimeType: info.mimeType, bytes, sha256: hash.digest('hex') }),
      );
    });
    bb.on('close', () => {
      received.push(entry);
      const missing = ['image-frontal', 'image-side-1', 'image-side-2'].some((f) => !entry.files.some((x) => x.field === f));
      res.writeHead(missing ? 422 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(missing ? { detail: [{ loc: ['body'], msg: 'missing', type: 'x' }] } : { status: 'processing' }));
    });
    bb.on('error', () => {
      aborted.count++;
      res.destroy();
    });
    req.on('aborted', () => aborted.count++);
    req.pipe(bb);
  };
}

function source(bytes: Buffer): PhotoSource['stream'] {
  return Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let agent: MockAgent;
let server: LocalServer;
let uploadAgent: Agent;
let received: Received[];
let aborted: { count: number };

function client(overrides: Partial<ConstructorParameters<typeof AvaturnClient>[0]> = {}) {
  return new AvaturnClient({
    baseUrl: AVATURN_ORIGIN,
    apiKey: API_KEY,
    dispatcher: agent,
    logger: captureLogs().logger,
    upload: { dispatcher: uploadAgent },
    ...overrides,
  });
}

beforeEach(async () => {
  agent = createMockAgent();
  uploadAgent = new Agent({ connections: 2, headersTimeout: 10_000, bodyTimeout: 10_000 });
  received = [];
  aborted = { count: 0 };
});

afterEach(async () => {
  await agent.close();
  await uploadAgent.close();
  await server?.close();
});

describe('AvaturnClient.uploadPhotos', () => {
  it('streams the form fields and the three photos, without Authorization', async () => {
    server = await startServer(uploadHandler(received, aborted));
    const front = Buffer.from('\xFF\xD8\xFF front photo bytes', 'latin1');
    const side1 = Buffer.alloc(300 * 1024, 7);
    const side2 = Buffer.from('\x89PNG\r\n\x1a\n side two', 'latin1');
    async function* side1Gen() {
      for (let i = 0; i < side1.length; i += 4096) yield side1.subarray(i, i + 4096);
    }
    const result = await client().uploadPhotos(`${server.url}/upload/abc?sig=xyz`, {
      frontal: { stream: source(front), filename: 'front "1".jpg', contentType: 'image/jpeg' },
      side1: { stream: side1Gen(), filename: 'side1.jpg', contentType: 'image/jpeg' },
      side2: { stream: source(side2), filename: 'side2.png', contentType: 'image/png' },
      bodyType: 'female',
      telephoto: true,
    });
    expect(result).toEqual({ status: 'processing' });
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(got.headers['transfer-encoding']).toBe('chunked');
    expect(got.fields).toEqual({ 'body-type': 'female', telephoto: 'true' });
    expect(got.files).toEqual([
      { field: 'image-frontal', filename: 'front %221%22.jpg', mimeType: 'image/jpeg', bytes: front.length, sha256: sha(front) },
      { field: 'image-side-1', filename: 'side1.jpg', mimeType: 'image/jpeg', bytes: side1.length, sha256: sha(side1) },
      { field: 'image-side-2', filename: 'side2.png', mimeType: 'image/png', bytes: side2.length, sha256: sha(side2) },
    ]);
  });

  it('sends a content-length when every size is known, and telephoto defaults to false', async () => {
    server = await startServer(uploadHandler(received, aborted));
    const photo = (s: string): PhotoSource => ({ stream: source(Buffer.from(s)), filename: 'p.jpg', contentType: 'image/jpeg', size: s.length });
    await client().uploadPhotos(`${server.url}/u`, {
      frontal: photo('frontal-bytes'),
      side1: photo('side-one'),
      side2: photo('side-two!'),
      bodyType: 'male',
    });
    const got = received[0]!;
    expect(got.headers['transfer-encoding']).toBeUndefined();
    expect(Number(got.headers['content-length'])).toBeGreaterThan(0);
    expect(got.fields.telephoto).toBe('false');
    expect(got.files.map((f) => f.bytes)).toEqual([13, 8, 9]);
  });

  it('uses its own agent for an upload origin other than the API origin', async () => {
    server = await startServer(uploadHandler(received, aborted));
    const c = client({ upload: undefined });
    try {
      const photo = (): PhotoSource => ({ stream: source(Buffer.from('abcdefghijkl')), filename: 'p.jpg', contentType: 'image/jpeg' });
      await expect(
        c.uploadPhotos(`${server.url}/u`, { frontal: photo(), side1: photo(), side2: photo(), bodyType: 'male' }),
      ).resolves.toEqual({ status: 'processing' });
    } finally {
      await c.close();
    }
  });

  it('maps upload statuses like any call (422 → bad request, 403 → auth) and never retries', async () => {
    let calls = 0;
    server = await startServer((req, res) => {
      calls++;
      req.resume();
      req.on('end', () => {
        res.writeHead(calls === 1 ? 422 : 403, { 'content-type': 'application/json' });
        res.end('{"detail":"no"}');
      });
    });
    const photo = (): PhotoSource => ({ stream: source(Buffer.from('abcdefghijkl')), filename: 'p.jpg', contentType: 'image/jpeg' });
    const photos = () => ({ frontal: photo(), side1: photo(), side2: photo(), bodyType: 'male' as const });
    await expect(client().uploadPhotos(`${server.url}/u`, photos())).rejects.toBeInstanceOf(UpstreamBadRequestError);
    await expect(client().uploadPhotos(`${server.url}/u`, photos())).rejects.toBeInstanceOf(UpstreamAuthError);
    expect(calls).toBe(2);
  });

  it('rejects a non-http upload URL before sending anything', async () => {
    const photo = (): PhotoSource => ({ stream: source(Buffer.from('x')), filename: 'p.jpg', contentType: 'image/jpeg' });
    await expect(
      client().uploadPhotos('file:///etc/passwd', { frontal: photo(), side1: photo(), side2: photo(), bodyType: 'male' }),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('aborts the upload and rethrows a source error as is; unread sources are released', async () => {
    server = await startServer(uploadHandler(received, aborted));
    class NotAnImage extends Error {}
    const failure = new NotAnImage('magic bytes do not match');
    async function* failing() {
      yield Buffer.from('\xFF\xD8\xFF', 'latin1');
      for (let i = 0; i < 16; i++) yield Buffer.alloc(64 * 1024, 1);
      throw failure;
    }
    const untouched = new Readable({ read() {} });
    const err = await client()
      .uploadPhotos(`${server.url}/u`, {
        frontal: { stream: source(Buffer.from('frontal-ok')), filename: 'f.jpg', contentType: 'image/jpeg' },
        side1: { stream: failing(), filename: 's1.jpg', contentType: 'image/jpeg' },
        side2: { stream: untouched, filename: 's2.jpg', contentType: 'image/jpeg' },
        bodyType: 'male',
      })
      .catch((e: unknown) => e);
    expect(err).toBe(failure);
    expect(untouched.destroyed).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(0);
    expect(aborted.count).toBeGreaterThan(0);
  });

  it('streams 3 x 20 MiB with heap growth well under one file', async () => {
    // A forced GC before each sample measures live memory only, not garbage waiting for collection;
    // V8 sweeps freed ArrayBuffers concurrently, hence a tick and a second GC before reading.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const liveMemory = async () => {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    let receivedBytes = 0;
    let producedBytes = 0;
    let maxInFlight = 0;
    server = await startServer(uploadHandler(received, aborted, (n) => (receivedBytes += n)));

    const FILE = 20 * MiB;
    const CHUNK = 64 * 1024;
    let peak = 0;
    const hashes: string[] = [];
    function generated(seed: number): AsyncIterable<Uint8Array> {
      return (async function* () {
        const hash = createHash('sha256');
        for (let offset = 0, n = 0; offset < FILE; offset += CHUNK, n++) {
          const chunk = Buffer.alloc(CHUNK, (seed + n) % 251);
          hash.update(chunk);
          producedBytes += CHUNK;
          maxInFlight = Math.max(maxInFlight, producedBytes - receivedBytes);
          if (n % 32 === 0) peak = Math.max(peak, await liveMemory());
          yield chunk;
        }
        hashes.push(hash.digest('hex'));
      })();
    }
    const baseline = await liveMemory();
    const result = await client().uploadPhotos(`${server.url}/big`, {
      frontal: { stream: generated(1), filename: 'a.jpg', contentType: 'image/jpeg' },
      side1: { stream: generated(2), filename: 'b.jpg', contentType: 'image/jpeg' },
      side2: { stream: generated(3), filename: 'c.jpg', contentType: 'image/jpeg' },
      bodyType: 'male',
    });
    expect(result).toEqual({ status: 'processing' });
    expect(received[0]!.files.map((f) => f.bytes)).toEqual([FILE, FILE, FILE]);
    expect(received[0]!.files.map((f) => f.sha256)).toEqual(hashes);
    const growth = peak - baseline;
    expect(growth).toBeLessThan(6 * MiB);
    // Backpressure reaches the source: it never runs far ahead of what the server has read.
    expect(maxInFlight).toBeLessThan(FILE / 2);
  }, 60_000);
});
