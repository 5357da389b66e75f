import fc from 'fast-check';
import { print } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAvatarMutation } from '../helpers/documents/avatars.js';
import { createAvatarUpload, createResult } from '../helpers/avatar-flows.js';
import { multipartBody, type Part } from '../helpers/multipart.js';
import { jpeg, notAnImage, png } from '../helpers/photos.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { builtinChanges, snapshotBuiltins } from '../helpers/builtins.js';
import { CreateAvatarFromVariablesMutation } from '../helpers/documents/uploads.js';

let gw: TestGateway;
const tokens: string[] = [];

beforeAll(async () => {
  // Hundreds of uploads from one user: the per-minute creation limit is not what is fuzzed here.
  gw = await startTestGateway({ MAX_PHOTO_BYTES: String(64 * 1024), MAX_CONCURRENT_UPLOADS_PER_USER: '0', AVATAR_CREATE_LIMIT_PER_MINUTE: '0' });
  for (let i = 0; i < 4; i++) tokens.push(await gw.token(`fuzz-${i}`));
});
afterAll(() => gw.stop());

const QUERIES = [print(CreateAvatarFromVariablesMutation), print(CreateAvatarMutation), 'mutation ($f: Upload!, $l: [Upload!]!) { __typename }', '{ __typename }', 'mutation {'];
/** Path segments an attacker would try, mixed with the real ones. */
const SEGMENTS = ['variables', 'f', 's1', 's2', 'l', 'input', 'frontal', 'side1', 'side2', 'bodyType', '0', '1', '01', '-1', 'toString', 'call', 'hasOwnProperty', 'valueOf', '__proto__', 'constructor', 'prototype', 'query', 'length', ''];
const PART_NAMES = ['0', '1', '2', '3', 'operations', 'map', '__proto__', 'constructor', ''];

const variables = fc.oneof(
  fc.constant({ f: null, s1: null, s2: null, l: [null, null] }),
  fc.constant({ input: { frontal: null, side1: null, side2: null, bodyType: 'MALE' } }),
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom(...SEGMENTS), fc.oneof(fc.constant(null), fc.jsonValue()), { maxKeys: 4 }),
);
const path = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 5 }).map((s) => s.join('.')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const mapValue = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...PART_NAMES), fc.oneof(fc.array(path, { maxLength: 2 }), path, fc.jsonValue()), { maxKeys: 5 }).map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const operationsValue = fc.oneof(
  { weight: 4, arbitrary: fc.record({ query: fc.constantFrom(...QUERIES), variables }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.array(fc.record({ query: fc.constantFrom(...QUERIES), variables })).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const fileData = fc.constantFrom(jpeg('fz'), png('fz'), notAnImage(), Buffer.alloc(0), Buffer.alloc(70 * 1024, 0xff));
const filePart = fc.record({ name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('0', '1', '2') }, fc.constantFrom(...PART_NAMES)), data: fileData }).map(
  ({ name, data }): Part => ({ name, filename: `${name || 'x'}.jpg`, contentType: 'image/jpeg', data }),
);
const fieldPart = (name: string, value: string): Part => ({ name, value });

/** The two real shapes of a createAvatar upload: the operation and where its three files go. */
const SHAPES = [
  { query: QUERIES[0]!, variables: { f: null, s1: null, s2: null }, paths: ['variables.f', 'variables.s1', 'variables.s2'] },
  {
    query: QUERIES[1]!,
    variables: { input: { frontal: null, side1: null, side2: null, bodyType: 'MALE' } },
    paths: ['variables.input.frontal', 'variables.input.side1', 'variables.input.side2'],
  },
];
/** A real operation with a map that is right, or right but for a path or two. */
const plausible = fc.constantFrom(...SHAPES).chain((shape) =>
  fc.record({
    operations: fc.constant(JSON.stringify({ query: shape.query, variables: shape.variables })),
    map: fc
      .tuple(...shape.paths.map((p) => fc.oneof({ weight: 5, arbitrary: fc.constant(p) }, path)))
      .map((paths) => JSON.stringify(Object.fromEntries(paths.map((p, i) => [String(i), [p]])))),
  }),
);
const arbitraryFields = fc.record({ operations: operationsValue, map: mapValue });

/** A multipart body: usually operations, map, files in order, sometimes shuffled, extended or cut off. */
const hostileRequest = fc.record({
  parts: fc
    .tuple(
      fc.oneof({ weight: 2, arbitrary: plausible }, arbitraryFields),
      fc.array(filePart, { minLength: 0, maxLength: 5 }),
      fc.array(fc.string({ maxLength: 10 }).map((v) => fieldPart('extra', v)), { maxLength: 1 }),
    )
    .chain(([fields, files, extra]) => {
      const inOrder = [fieldPart('operations', fields.operations), fieldPart('map', fields.map), ...files, ...extra];
      return fc.oneof({ weight: 4, arbitrary: fc.constant(inOrder) }, { weight: 1, arbitrary: fc.shuffledSubarray(inOrder) });
    }),
  truncateAfterBytes: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, fc.integer({ min: 0, max: 4_000 })),
  /** Which user sends it (tokens exist once the gateway runs); one in ten, nobody. */
  token: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 10 }),
});

async function send(parts: Part[], truncateAfterBytes: number | undefined, token: string | undefined) {
  const { contentType, body } = multipartBody(parts, { truncateAfterBytes });
  const headers: Record<string, string> = { 'content-type': contentType, 'graphql-preflight': '1' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await request(`${gw.url}/graphql`, { method: 'POST', headers, body, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

/** Every `code` anywhere in a GraphQL answer (errors and mutation result unions); throws unless it is JSON. */
function codesIn(text: string): string[] {
  const codes: string[] = [];
  JSON.parse(text, (key, value: unknown) => {
    if (key === 'code' && typeof value === 'string') codes.push(value);
    return value;
  });
  return codes;
}

describe('multipart requests, fuzzed', () => {
  it('never answer 5xx or an unmasked error, never change a built-in, and leave the gateway working', async () => {
    const before = snapshotBuiltins();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(hostileRequest, async ({ parts, truncateAfterBytes, token }) => {
        sent++;
        const reply = await send(parts, truncateAfterBytes, token === undefined ? undefined : tokens[token]);
        expect(reply.status, reply.text).toBeLessThan(500);
        expect(reply.text).not.toMatch(/node_modules|\/src\/|stack/);
        expect(codesIn(reply.text), reply.text).not.toContain('INTERNAL_SERVER_ERROR');
        expect(builtinChanges(before)).toEqual([]);
      }),
      { seed: 1_104_2026, numRuns: 200, endOnFailure: true },
    );
    expect(sent).toBe(200);
    expect(createResult(await createAvatarUpload(gw, tokens[0]!))).toMatchObject({ __typename: 'CreateAvatarSuccess' });
    expect(gw.app.inFlight()).toBe(0);
  });
});
