import { print } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAvatarMutation, ViewerAvatarsQuery } from '../helpers/documents/avatars.js';
import { createAvatarUpload, createResult } from '../helpers/avatar-flows.js';
import { multipartBody, sendUpload, type Part, type UploadReply } from '../helpers/multipart.js';
import { jpeg, png } from '../helpers/photos.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { builtinChanges, snapshotBuiltins } from '../helpers/builtins.js';
import { CreateAvatarFromVariablesMutation, UploadsViewerQuery } from '../helpers/documents/uploads.js';

let gw: TestGateway;
let user = 0;
const freshToken = () => gw.token(`hostile-${++user}`);
const builtinsBefore = snapshotBuiltins();

beforeAll(async () => {
  gw = await startTestGateway({ MAX_PHOTO_BYTES: String(256 * 1024) });
});
afterAll(() => gw.stop());

const DIRECT = print(CreateAvatarFromVariablesMutation);
const INPUT = print(CreateAvatarMutation);
const directVariables = { f: null, s1: null, s2: null };
const inputVariables = { input: { frontal: null, side1: null, side2: null, bodyType: 'MALE' } };

const operations = (query: string, variables: unknown, extra: Record<string, unknown> = {}): Part => ({
  name: 'operations',
  value: JSON.stringify({ query, variables, ...extra }),
});
const map = (entries: unknown): Part => ({ name: 'map', value: typeof entries === 'string' ? entries : JSON.stringify(entries) });
const file = (name: string, data: Buffer = jpeg(name)): Part => ({ name, filename: `${name}.jpg`, contentType: 'image/jpeg', data });
const threeFiles = [file('0'), file('1'), file('2', png('2'))];
const directMap = { 0: ['variables.f'], 1: ['variables.s1'], 2: ['variables.s2'] };

interface Reply {
  status: number;
  json: NonNullable<UploadReply['json']>;
}

async function post(parts: Part[], token: string | undefined): Promise<Reply> {
  const { contentType, body } = multipartBody(parts);
  const headers: Record<string, string> = { 'content-type': contentType, 'graphql-preflight': '1' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await request(`${gw.url}/graphql`, { method: 'POST', headers, body });
  return { status: res.statusCode, json: (await res.body.json()) as Reply['json'] };
}

const hostilePath = (path: string, query = DIRECT, variables: unknown = directVariables): Part[] => [
  operations(query, variables),
  map({ 0: [path] }),
  file('0'),
];

/** Every request here is refused before the operation runs: no upstream call, ever. */
const structural: Array<[string, Part[], number, string]> = [
  ['toString.call', hostilePath('variables.toString.call'), 400, 'BAD_USER_INPUT'],
  ['hasOwnProperty.call', hostilePath('variables.hasOwnProperty.call'), 400, 'BAD_USER_INPUT'],
  ['valueOf', hostilePath('variables.valueOf'), 400, 'BAD_USER_INPUT'],
  ['__proto__.x', hostilePath('variables.__proto__.x'), 400, 'BAD_USER_INPUT'],
  ['constructor.prototype.x', hostilePath('variables.constructor.prototype.x'), 400, 'BAD_USER_INPUT'],
  ['f.toString.call', hostilePath('variables.f.toString.call'), 400, 'BAD_USER_INPUT'],
  ['input.__proto__.polluted', hostilePath('variables.input.__proto__.polluted', INPUT, inputVariables), 400, 'BAD_USER_INPUT'],
  ['input.constructor', hostilePath('variables.input.constructor', INPUT, inputVariables), 400, 'BAD_USER_INPUT'],
  ['input.frontal.call', hostilePath('variables.input.frontal.call', INPUT, inputVariables), 400, 'BAD_USER_INPUT'],
  ['input.bodyType', hostilePath('variables.input.bodyType', INPUT, inputVariables), 400, 'BAD_USER_INPUT'],
  ['query.x', hostilePath('query.x'), 400, 'BAD_USER_INPUT'],
  ['operationName', hostilePath('operationName'), 400, 'BAD_USER_INPUT'],
  ['variables.notDeclared', hostilePath('variables.notDeclared', DIRECT, { ...directVariables, notDeclared: null }), 400, 'BAD_USER_INPUT'],
  ['variables.f.0 (f is not a list)', hostilePath('variables.f.0', DIRECT, { ...directVariables, f: [null] }), 400, 'BAD_USER_INPUT'],
  ['a non-null value at the path', hostilePath('variables.f', DIRECT, { ...directVariables, f: 'x' }), 400, 'BAD_USER_INPUT'],
  ['one file to two paths', [operations(DIRECT, directVariables), map({ 0: ['variables.f', 'variables.s1'] }), file('0')], 400, 'BAD_USER_INPUT'],
  ['one path twice', [operations(DIRECT, directVariables), map({ 0: ['variables.f'], 1: ['variables.f'] }), file('0'), file('1')], 400, 'BAD_USER_INPUT'],
  ['four map entries', [operations(DIRECT, directVariables), map({ ...directMap, 3: ['variables.f'] }), ...threeFiles], 413, 'PAYLOAD_TOO_LARGE'],
  ['batched operations', [{ name: 'operations', value: JSON.stringify([{ query: DIRECT, variables: directVariables }]) }, map({ 0: ['0.variables.f'] }), file('0')], 400, 'BAD_USER_INPUT'],
  ['map before operations', [map(directMap), operations(DIRECT, directVariables), ...threeFiles], 400, 'BAD_USER_INPUT'],
  ['files before map', [operations(DIRECT, directVariables), file('0'), map(directMap)], 400, 'BAD_USER_INPUT'],
  ['no map', [operations(DIRECT, directVariables)], 400, 'BAD_USER_INPUT'],
  ['a map that is not JSON', [operations(DIRECT, directVariables), map('{"0":'), file('0')], 400, 'BAD_USER_INPUT'],
  ['a map that is an array', [operations(DIRECT, directVariables), map([['variables.f']]), file('0')], 400, 'BAD_USER_INPUT'],
  ['a query that does not parse', [operations('mutation ($f: Upload!) {', directVariables), map({ 0: ['variables.f'] }), file('0')], 400, 'BAD_USER_INPUT'],
  ['operations over 256 KiB', [operations(`${DIRECT} #${'x'.repeat(300 * 1024)}`, directVariables), map(directMap), ...threeFiles], 413, 'PAYLOAD_TOO_LARGE'],
  ['a map over 8 KiB', [operations(DIRECT, directVariables), map({ 0: [`variables.${'f'.repeat(9 * 1024)}`] }), file('0')], 413, 'PAYLOAD_TOO_LARGE'],
];

/** Seen once the operation started (after `map`), but before its first photo: refused by the mutation, still before any upstream call. */
const beforeFirstPhoto: Array<[string, Part[]]> = [
  ['a third field', [operations(DIRECT, directVariables), map(directMap), { name: 'extra', value: 'x' }, ...threeFiles]],
  ['a file part the map does not name, first', [operations(DIRECT, directVariables), map(directMap), file('9'), ...threeFiles]],
  ['a file part without a name', [operations(DIRECT, directVariables), map(directMap), { name: '', filename: 'x.jpg', data: jpeg() }, ...threeFiles]],
];

describe('hostile multipart requests', () => {
  const avaturnCalls = () => gw.app.sandbox!.avaturn!.calls.length;

  it.each(structural)('refuses %s before any upstream call', async (_name, parts, status, code) => {
    const token = await freshToken();
    const before = avaturnCalls();
    const reply = await post(parts, token);
    expect(reply.status).toBe(status);
    expect(reply.json.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(reply.json.errors?.[0]?.message).toMatch(/multipart|files/);
    expect(avaturnCalls() - before).toBe(0);
    expect(await gw.services.avatars.listByOwner(`hostile-${user}`)).toEqual([]);
  });

  it.each(beforeFirstPhoto)('refuses %s before any upstream call', async (_name, parts) => {
    const token = await freshToken();
    const before = avaturnCalls();
    const reply = await post(parts, token);
    expect(reply.status).toBe(200);
    expect(reply.json.data?.['createAvatar']).toMatchObject({ __typename: 'ValidationError', code: 'BAD_USER_INPUT' });
    expect(avaturnCalls() - before).toBe(0);
  });

  it('refuses an upload without a valid Bearer token before reading its operations', async () => {
    const before = avaturnCalls();
    for (const token of [undefined, 'not-a-jwt', `${await freshToken()}x`]) {
      // The map would be refused if it were read; the token is checked first.
      const reply = await post(hostilePath('variables.toString.call'), token);
      expect(reply.status).toBe(401);
      expect(reply.json.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    expect(avaturnCalls() - before).toBe(0);
  });

  it('refuses a file part sent twice, or one past the declared files, and leaves nothing behind', async () => {
    for (const parts of [
      [operations(DIRECT, directVariables), map(directMap), file('0'), file('0'), file('1'), file('2')],
      [operations(DIRECT, directVariables), map({ 0: ['variables.f'], 1: ['variables.s1'] }), file('0'), file('1'), file('2')],
      [operations(DIRECT, directVariables), map(directMap), ...threeFiles, file('3')],
    ]) {
      const token = await freshToken();
      const before = gw.app.sandbox!.avaturn!.calls.length;
      const reply = await post(parts, token);
      expect(reply.status).toBeLessThan(500);
      const code = reply.json.data?.createAvatar?.code ?? reply.json.errors?.[0]?.extensions?.['code'];
      expect(['BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE']).toContain(code);
      expect(await gw.services.avatars.listByOwner(`hostile-${user}`)).toEqual([]);
      const calls = gw.app.sandbox!.avaturn!.calls.slice(before);
      // Any avatar made upstream before the refusal was seen is deleted; no upload was accepted.
      expect(calls.filter((c) => c.path.includes('/uploads/') && c.status === 200)).toEqual([]);
      const made = calls.filter((c) => c.path.endsWith('/avatars/new')).length;
      expect(calls.filter((c) => c.method === 'DELETE' && c.path.includes('/avatars/')).length).toBe(made);
    }
  });

  it('leaves every built-in as it was, and the next requests work', async () => {
    expect(builtinChanges(builtinsBefore)).toEqual([]);
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    const token = await freshToken();
    const viewer = await gw.execute(UploadsViewerQuery, undefined, { token });
    expect(viewer).toEqual({ data: { viewer: { userId: `hostile-${user}` } } });
    const direct = await sendUpload(gw.url, {
      document: CreateAvatarFromVariablesMutation,
      variables: directVariables,
      files: [
        { path: 'variables.f', data: jpeg('f') },
        { path: 'variables.s1', data: jpeg('s1') },
        { path: 'variables.s2', data: png('s2') },
      ],
      token,
    });
    expect(createResult(direct)).toMatchObject({ __typename: 'CreateAvatarSuccess', avatar: { status: 'PROCESSING' } });
    expect(createResult(await createAvatarUpload(gw, token))).toMatchObject({ __typename: 'CreateAvatarSuccess' });
    const listed = await gw.execute(ViewerAvatarsQuery, { first: 10 }, { token });
    expect(listed.data?.viewer.avatars.edges).toHaveLength(2);
  });
});
