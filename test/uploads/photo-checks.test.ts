import busboy from 'busboy';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreateAvatarMutation, ViewerAvatarsQuery } from '../helpers/documents/avatars.js';
import { createAvatarUpload, createResult } from '../helpers/avatar-flows.js';
import { sendUpload } from '../helpers/multipart.js';
import { jpeg, notAnImage, paddedJpeg, png } from '../helpers/photos.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { startServer, type LocalServer } from '../helpers/upstream-clients.js';

const MAX = 256 * 1024;
let gw: TestGateway;
let user = 0;
/** A fresh app user per test, so "no upstream call" can be checked on its own calls. */
const freshToken = () => gw.token(`inputs-${++user}`);
const input = { frontal: null, side1: null, side2: null, bodyType: 'MALE' };
const threeFiles = [
  { path: 'variables.input.frontal', data: jpeg('a') },
  { path: 'variables.input.side1', data: jpeg('b') },
  { path: 'variables.input.side2', data: png('c') },
];

beforeAll(async () => {
  gw = await startTestGateway({ MAX_PHOTO_BYTES: String(MAX) });
});
afterAll(() => gw.stop());
afterEach(() => vi.restoreAllMocks());

interface ReceivedPart {
  field: string;
  filename: string;
  mimeType: string;
  bytes: number;
}

/**
 * Sends the gateway's next photo upload to a local server that records the parts (busboy) and
 * answers as Avaturn does, instead of the simulator.
 */
async function recordNextUpload(): Promise<{ parts: ReceivedPart[]; server: LocalServer }> {
  const parts: ReceivedPart[] = [];
  const server = await startServer((req, res) => {
    const parser = busboy({ headers: req.headers });
    parser.on('file', (field, stream, info) => {
      const part = { field, filename: info.filename ?? '', mimeType: info.mimeType, bytes: 0 };
      stream.on('data', (chunk: Buffer) => (part.bytes += chunk.length));
      stream.on('end', () => parts.push(part));
    });
    parser.on('close', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"processing"}');
    });
    req.pipe(parser);
  });
  const avaturn = gw.services.avaturn;
  const original = avaturn.uploadPhotos.bind(avaturn);
  vi.spyOn(avaturn, 'uploadPhotos').mockImplementationOnce((_url, photos, call) => original(`${server.url}/upload`, photos, call));
  return { parts, server };
}

async function avatarsOf(token: string) {
  const result = await gw.execute(ViewerAvatarsQuery, { first: 50 }, { token });
  return result.data!.viewer.avatars.edges.map((e) => e.node);
}

describe('createAvatar photo checks', () => {
  it('refuses a frontal that is not a JPEG or PNG by its bytes before any upstream call', async () => {
    const before = gw.app.sandbox!.avaturn!.calls.length;
    const result = createResult(await createAvatarUpload(gw, await freshToken(), { frontal: notAnImage() }));
    expect(result).toMatchObject({ __typename: 'InvalidPhotoError', code: 'INVALID_PHOTO', field: 'input.frontal' });
    expect(result.message).toBe('input.frontal is not a JPEG or PNG image');
    expect(gw.app.sandbox!.avaturn!.calls.slice(before)).toEqual([]);
  });

  it('aborts the upload when a later photo is not an image and leaves no avatar behind', async () => {
    const token = await freshToken();
    const before = gw.app.sandbox!.avaturn!.calls.length;
    const result = createResult(await createAvatarUpload(gw, token, { side2: notAnImage() }));
    expect(result).toMatchObject({ __typename: 'InvalidPhotoError', field: 'input.side2' });
    expect(await avatarsOf(token)).toEqual([]);
    // avatars/new happened (the frontal was fine), the upload never completed, the upstream avatar was deleted.
    const calls = gw.app.sandbox!.avaturn!.calls.slice(before);
    expect(calls).toContainEqual({ method: 'POST', path: '/sandbox/avaturn/api/v1/avatars/new', status: 200 });
    expect(calls.filter((c) => c.path.includes('/uploads/')).every((c) => c.status !== 200)).toBe(true);
    expect(calls.some((c) => c.method === 'DELETE' && /\/api\/v1\/users\/\w+\/avatars\//.test(c.path) && c.status === 200)).toBe(true);
  });

  it('accepts a photo of exactly MAX_PHOTO_BYTES and refuses one byte more with PAYLOAD_TOO_LARGE', async () => {
    const exact = createResult(await createAvatarUpload(gw, await freshToken(), { side1: paddedJpeg(MAX) }));
    expect(exact).toMatchObject({ __typename: 'CreateAvatarSuccess', avatar: { status: 'PROCESSING' } });
    const token = await freshToken();
    const over = createResult(await createAvatarUpload(gw, token, { side1: paddedJpeg(MAX + 1) }));
    expect(over).toMatchObject({ __typename: 'PayloadTooLargeError', code: 'PAYLOAD_TOO_LARGE' });
    expect(over.message).toBe(`input.side1 is larger than the ${MAX}-byte limit per photo`);
    expect(await avatarsOf(token)).toEqual([]);
  });

  it('refuses an oversized frontal too', async () => {
    const over = createResult(await createAvatarUpload(gw, await freshToken(), { frontal: paddedJpeg(MAX * 2) }));
    expect(over).toMatchObject({ __typename: 'PayloadTooLargeError', code: 'PAYLOAD_TOO_LARGE' });
  });

  it('sends every photo upstream with the type its bytes show and a matching file name', async () => {
    const { parts, server } = await recordNextUpload();
    try {
      const result = createResult(await createAvatarUpload(gw, await freshToken(), { frontal: png('p'), side1: jpeg('j'), side2: png('q') }));
      expect(result).toMatchObject({ __typename: 'CreateAvatarSuccess' });
      expect(parts.map(({ field, filename, mimeType }) => ({ field, filename, mimeType }))).toEqual([
        { field: 'image-frontal', filename: 'frontal.png', mimeType: 'image/png' },
        { field: 'image-side-1', filename: 'side1.jpg', mimeType: 'image/jpeg' },
        { field: 'image-side-2', filename: 'side2.png', mimeType: 'image/png' },
      ]);
    } finally {
      await server.close();
    }
  });

  it('takes the photos in the order the body carries them, a large side1 before the frontal included', async () => {
    const { parts, server } = await recordNextUpload();
    try {
      const reply = await sendUpload(gw.url, {
        document: CreateAvatarMutation,
        variables: { input },
        files: [{ path: 'variables.input.side1', data: paddedJpeg(200 * 1024) }, threeFiles[0]!, threeFiles[2]!],
        token: await freshToken(),
      });
      expect(createResult(reply)).toMatchObject({ __typename: 'CreateAvatarSuccess', avatar: { status: 'PROCESSING' } });
      expect(parts.map((p) => [p.field, p.mimeType, p.bytes])).toEqual([
        ['image-side-1', 'image/jpeg', 200 * 1024],
        ['image-frontal', 'image/jpeg', threeFiles[0]!.data.length],
        ['image-side-2', 'image/png', threeFiles[2]!.data.length],
      ]);
    } finally {
      await server.close();
    }
  });

  it('takes small files in any order, and the simulator makes the avatar from them', async () => {
    const token = await freshToken();
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input },
      files: [threeFiles[2]!, threeFiles[1]!, threeFiles[0]!],
      token,
    });
    expect(createResult(reply)).toMatchObject({ __typename: 'CreateAvatarSuccess' });
    for (let i = 0; i < 100 && (await avatarsOf(token))[0]?.status !== 'READY'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await avatarsOf(token)).toEqual([expect.objectContaining({ status: 'READY' })]);
  });
});
