import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAvatarMutation, ViewerAvatarsQuery } from '../helpers/documents/avatars.js';
import { createAvatarUpload, createResult, sandboxCalls } from '../helpers/avatar-flows.js';
import { multipartBody, sendUpload } from '../helpers/multipart.js';
import { jpeg, paddedJpeg, png } from '../helpers/photos.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

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

/** Calls to Avaturn's upload URL since `before` that it accepted. */
const acceptedUploads = (before: number) => gw.app.sandbox!.avaturn!.calls.slice(before).filter((c) => c.path.includes('/uploads/') && c.status === 200);

/** Writes `head` on a fresh socket and returns whatever comes back until the server closes it. */
function rawRequest(head: string): Promise<string> {
  const { port } = new URL(gw.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy());
  });
}

async function expectHealthy(): Promise<void> {
  const health = await request(`${gw.url}/healthz`);
  expect(health.statusCode).toBe(200);
  await health.body.dump();
  const result = createResult(await createAvatarUpload(gw, await freshToken()));
  expect(result.__typename).toBe('CreateAvatarSuccess');
}

async function avatarsOf(token: string) {
  const result = await gw.execute(ViewerAvatarsQuery, { first: 50 }, { token });
  return result.data!.viewer.avatars.edges.map((e) => e.node);
}

describe('createAvatar multipart shape', () => {
  it('answers a missing Upload variable with a GraphQL validation error', async () => {
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input },
      files: threeFiles.slice(0, 2),
      token: await freshToken(),
    });
    expect(reply.json?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(reply.json?.errors?.[0]?.message).toMatch(/input\.side2|side2/);
  });

  it('names a file the map promises but the body lacks', async () => {
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input },
      files: threeFiles.slice(0, 2),
      map: JSON.stringify({ 0: ['variables.input.frontal'], 1: ['variables.input.side1'], 2: ['variables.input.side2'] }),
      token: await freshToken(),
    });
    expect(createResult(reply)).toMatchObject({ __typename: 'ValidationError', field: 'input.side2' });
    expect(createResult(reply).message).toBe('input.side2: the file is missing from the multipart body');
  });

  it('refuses a file mapped to a field the input does not have', async () => {
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input },
      files: [...threeFiles, { path: 'variables.input.side3', data: jpeg('d') }],
      token: await freshToken(),
    });
    // Four map entries: refused before the operation runs.
    expect(reply.status).toBe(413);
    expect(reply.json?.errors?.[0]).toMatchObject({ message: 'A request carries at most 3 files', extensions: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('refuses an extra variable holding a file', async () => {
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input, extra: null },
      files: [...threeFiles.slice(0, 2), { path: 'variables.extra', data: jpeg('d') }],
      token: await freshToken(),
    });
    expect(reply.json?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('refuses a fourth file part the map does not mention, before Avaturn gets the photos', async () => {
    const token = await freshToken();
    const before = gw.app.sandbox!.avaturn!.calls.length;
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input },
      files: threeFiles,
      extraParts: [{ name: '3', filename: 'extra.jpg', data: jpeg('extra') }],
      token,
    });
    expect(createResult(reply)).toMatchObject({ __typename: 'PayloadTooLargeError', message: 'A request carries at most 3 files' });
    expect(await avatarsOf(token)).toEqual([]);
    expect(acceptedUploads(before)).toEqual([]);
  });

  it('refuses a fourth file part that arrives only after the three photos were read', async () => {
    const token = await freshToken();
    const before = gw.app.sandbox!.avaturn!.calls.length;
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input },
      files: threeFiles,
      extraParts: [{ name: '3', filename: 'extra.jpg', data: jpeg('extra') }],
      pauseBeforeExtraPartsMs: 500,
      token,
    });
    expect(createResult(reply)).toMatchObject({ __typename: 'PayloadTooLargeError', message: 'A request carries at most 3 files' });
    expect(await avatarsOf(token)).toEqual([]);
    expect(acceptedUploads(before)).toEqual([]);
  });

  it.each([
    ['operations that are not JSON', [{ name: 'operations', value: '{nope' }, { name: 'map', value: '{}' }], /'operations' is not valid JSON/],
    ['map before operations', [{ name: 'map', value: '{}' }, { name: 'operations', value: '{}' }], /the first part must be 'operations'/],
    ['no operations at all', [{ name: 'x', value: 'y' }], /Invalid multipart request/],
  ])('answers 400 BAD_USER_INPUT for %s', async (_name, parts, message) => {
    const { contentType, body } = multipartBody(parts);
    const headers = { 'content-type': contentType, 'graphql-preflight': '1', authorization: `Bearer ${await freshToken()}` };
    const res = await request(`${gw.url}/graphql`, { method: 'POST', headers, body });
    expect(res.statusCode).toBe(400);
    const json = (await res.body.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(json.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(json.errors[0]!.message).toMatch(message);
  });

  it('answers a body cut off in the middle of a photo with a clear error', async () => {
    const token = await freshToken();
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input },
      files: [threeFiles[0]!, { path: 'variables.input.side1', data: paddedJpeg(200 * 1024) }, threeFiles[2]!],
      token,
      truncateAfterBytes: 100 * 1024,
    });
    expect(createResult(reply)).toMatchObject({ __typename: 'ValidationError', field: 'input.side1' });
    expect(await avatarsOf(token)).toEqual([]);
  });

  it('refuses a multipart request without a preflight header (CSRF) and a declared body over the limit', async () => {
    const { contentType, body } = multipartBody([{ name: 'operations', value: '{}' }]);
    const csrf = await request(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(csrf.statusCode).toBe(400);
    expect(await csrf.body.json()).toMatchObject({ errors: [{ extensions: { code: 'CSRF_PREVENTED' } }] });

    // Declares a body over the limit and sends none of it: the answer comes before any reading.
    const answer = await rawRequest(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\ngraphql-preflight: 1\r\nContent-Length: ${4 * MAX + 600 * 1024}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"PAYLOAD_TOO_LARGE"');
  });

  it('drains an unauthenticated upload and answers UNAUTHENTICATED', async () => {
    const reply = await sendUpload(gw.url, {
      document: CreateAvatarMutation,
      variables: { input },
      files: [{ path: 'variables.input.frontal', data: paddedJpeg(MAX) }, ...threeFiles.slice(1)],
    });
    expect(reply.json?.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('stays healthy after all of the above', async () => {
    await expectHealthy();
    expect(await gw.services.avatars.listByOwner(`inputs-${user}`)).toHaveLength(1);
    expect(sandboxCalls(gw, 'POST', '/users/new').every((c) => c.status === 200)).toBe(true);
    expect(gw.app.inFlight()).toBe(0);
  });
});
