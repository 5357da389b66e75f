import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ErrorCode } from '../../src/errors/codes.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { sendUpload } from '../helpers/multipart.js';
import { jpeg } from '../helpers/photos.js';
import { firstJsonBody, rawExchange } from '../helpers/raw-socket.js';
import { stalledUpload } from '../helpers/stalled-upload.js';

/**
 * The running server's answers to what clients get wrong, over each transport (HTTP JSON and
 * GET, multipart uploads, SSE, graphql-ws): every `extensions.code` in them is a value of the
 * ErrorCode enum, and each is the one a client would expect. Errors our resolvers raise come
 * from the table by construction (error-codes.test.ts); these are the ones Yoga, graphql-armor,
 * the executor, the upload layer and the transports produce.
 */
type Probe = () => Promise<unknown>;

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway({ GRAPHQL_INTROSPECTION: 'false', BODY_IDLE_TIMEOUT_MS: '300', WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '1' });
  token = await gw.token('error-codes');
});
afterAll(() => gw.stop());

const seen = new Map<string, string>();
const enumValues = new Set<string>(Object.values(ErrorCode));

/** Every `extensions.code` anywhere in a JSON answer (errors at the top, or several). */
function codesOf(body: unknown): string[] {
  const errors = Array.isArray(body) ? body : (body as { errors?: unknown[] } | undefined)?.errors ?? [];
  return errors.map((e) => String((e as { extensions?: { code?: unknown } }).extensions?.code));
}

async function http(init: RequestInit & { query?: string } = {}): Promise<unknown> {
  const { query = '', ...rest } = init;
  const response = await fetch(`${gw.url}/graphql${query}`, { method: 'POST', ...rest, headers: { 'content-type': 'application/json', ...rest.headers } });
  return JSON.parse(await response.text());
}
const post = (body: unknown, headers: Record<string, string> = {}) => http({ body: JSON.stringify(body), headers });

async function ws(query: string, connectionToken?: string): Promise<unknown> {
  const client = createWsClient({
    url: `${gw.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: connectionToken ? { Authorization: `Bearer ${connectionToken}` } : {},
    retryAttempts: 0,
  });
  try {
    for await (const result of client.iterate({ query })) return result;
    return undefined;
  } catch (errors) {
    return { errors };
  } finally {
    await client.dispose();
  }
}

async function sse(query: string, headers: Record<string, string> = {}): Promise<unknown> {
  const client = createSseClient({ url: `${gw.url}/graphql`, headers, retryAttempts: 0 });
  try {
    for await (const result of client.iterate({ query })) return result;
    return undefined;
  } catch (err) {
    return err;
  } finally {
    client.dispose();
  }
}

/** A valid document nested `2 * levels` fields deep. */
function deep(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `image(pose: "PO_1") { pose { id } avatars { ${selection} } }`;
  return `{ avatar(id: "x") { ${selection} } }`;
}
const UPLOAD = parse('mutation ($f: Upload!) { createAvatar(input: {frontal: $f, side1: $f, side2: $f, bodyType: MALE}) { __typename } }');
const upload = (headers: Record<string, string>, map?: string) =>
  sendUpload(gw.url, { document: UPLOAD, variables: { f: null }, files: [{ path: 'variables.f', data: jpeg('x') }], headers, ...(map ? { map } : {}) }).then(
    (reply) => reply.json,
  );

const PROBES: Array<[string, Probe, ErrorCode]> = [
  ['a JSON body over the size limit', () => post({ query: '{ __typename }', padding: 'x'.repeat(2_000_000) }), ErrorCode.PAYLOAD_TOO_LARGE],
  ['two operations and no operationName', () => post({ query: 'query A { __typename } query B { __typename }' }), ErrorCode.BAD_REQUEST],
  ['an operationName the document lacks', () => post({ query: 'query A { __typename }', operationName: 'B' }), ErrorCode.BAD_REQUEST],
  ['no query', () => post({}), ErrorCode.BAD_REQUEST],
  ['malformed JSON', () => http({ body: '{' }), ErrorCode.BAD_REQUEST],
  ['variables that are not an object', () => post({ query: '{ __typename }', variables: 3 }), ErrorCode.BAD_REQUEST],
  ['PUT', () => http({ method: 'PUT', body: JSON.stringify({ query: '{ __typename }' }) }), ErrorCode.BAD_REQUEST],
  ['a mutation over GET', () => http({ method: 'GET', query: '?query=mutation%7BconnectZepetoAccount%7B__typename%7D%7D' }), ErrorCode.BAD_REQUEST],
  ['a batch', () => post([{ query: '{ __typename }' }]), ErrorCode.BAD_REQUEST],
  ['a syntax error', () => post({ query: '{' }), ErrorCode.GRAPHQL_PARSE_FAILED],
  ['an unknown field', () => post({ query: '{ nope }' }), ErrorCode.GRAPHQL_VALIDATION_FAILED],
  ['introspection while it is off', () => post({ query: '{ __schema { types { name } } }' }), ErrorCode.GRAPHQL_VALIDATION_FAILED],
  // graphql-armor's limits say BAD_USER_INPUT; the token limit stops the parser, so it is a parse failure.
  ['a document too deep (graphql-armor)', () => post({ query: deep(7) }), ErrorCode.BAD_USER_INPUT],
  ['too many aliases (graphql-armor)', () => post({ query: `{ ${Array.from({ length: 70 }, (_, i) => `a${i}: poses { pageInfo { hasNextPage } }`).join(' ')} }` }), ErrorCode.BAD_USER_INPUT],
  ['too many tokens (graphql-armor)', () => post({ query: `{ ${'__typename '.repeat(6_000)}}` }), ErrorCode.GRAPHQL_PARSE_FAILED],
  ['too many directives (graphql-armor)', () => post({ query: `{ __typename ${'@include(if: true) '.repeat(60)}}` }), ErrorCode.BAD_USER_INPUT],
  ['a variable of the wrong type', () => post({ query: 'query ($id: ID!) { pose(id: $id) { key } }', variables: { id: { no: 1 } } }), ErrorCode.BAD_USER_INPUT],
  ['a field behind auth without a token', () => post({ query: '{ viewer { userId } }' }), ErrorCode.UNAUTHENTICATED],
  ['a bad token', () => post({ query: '{ viewer { userId } }' }, { authorization: 'Bearer nope' }), ErrorCode.UNAUTHENTICATED],
  ['an upload without a preflight header', () => upload({ 'graphql-preflight': '', authorization: `Bearer ${tokenNow()}` }), ErrorCode.CSRF_PREVENTED],
  ['an upload without a token', () => upload({}), ErrorCode.UNAUTHENTICATED],
  ['an upload with a malformed map', () => upload({ authorization: `Bearer ${tokenNow()}` }, '{"0":"variables.f"}'), ErrorCode.BAD_USER_INPUT],
  ['an upload whose body stalls', async () => firstJsonBody((await rawExchange(gw.url, [stalledUpload(tokenNow()), 1_500])).text), ErrorCode.REQUEST_TIMEOUT],
  ['a ws subscription without a token', () => ws('subscription { avatarUpdated(id: "QXZhdGFyOng=") { id } }'), ErrorCode.UNAUTHENTICATED],
  ['a ws syntax error', () => ws('subscription {', tokenNow()), ErrorCode.GRAPHQL_PARSE_FAILED],
  ['a ws unknown field', () => ws('subscription { nope }', tokenNow()), ErrorCode.GRAPHQL_VALIDATION_FAILED],
  ['a ws subscription to an unknown avatar', () => ws('subscription { avatarUpdated(id: "QXZhdGFyOng=") { id } }', tokenNow()), ErrorCode.NOT_FOUND],
  ['an SSE subscription without a token', () => sse('subscription { avatarUpdated(id: "QXZhdGFyOng=") { id } }'), ErrorCode.UNAUTHENTICATED],
  ['an SSE unknown field', () => sse('subscription { nope }', { authorization: `Bearer ${tokenNow()}` }), ErrorCode.GRAPHQL_VALIDATION_FAILED],
];

function tokenNow(): string {
  return token;
}

describe('the running server: every extensions.code it answers with is in the ErrorCode enum', () => {
  it.each(PROBES)('%s', async (name, probe, expected) => {
    const answer = await probe();
    const codes = codesOf(answer);
    expect(codes.length, `${name} answered ${JSON.stringify(answer)?.slice(0, 300)}`).toBeGreaterThan(0);
    for (const code of codes) {
      expect(enumValues.has(code), `${name}: ${code} is not an ErrorCode`).toBe(true);
      seen.set(code, name);
    }
    expect(codes).toContain(expected);
  });

  it('saw the library codes come out renamed: none of them under its own name', () => {
    expect(seen.has('REQUEST_ENTITY_TOO_LARGE') || seen.has('OPERATION_RESOLUTION_FAILURE')).toBe(false);
    expect(seen.size).toBeGreaterThanOrEqual(9);
  });
});
