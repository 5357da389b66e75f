import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/** Render-it live (on a loopback port nothing answers: no test here renders), Avaturn simulated. */
const LIVE = { RENDERIT_API_KEY: 'live-key', RENDERIT_API_URL: 'http://127.0.0.1:9', AUTH_JWT_SECRET: 's'.repeat(40) };
const APP = 'https://app.example.com';
const STUDIO = 'https://studio.apollographql.com';

let gw: TestGateway | undefined;
afterEach(() => gw?.stop());

async function post(query: string, headers: Record<string, string> = {}) {
  const res = await request(`${gw!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.statusCode, headers: res.headers, json: (await res.body.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

async function preflight(origin: string) {
  const res = await request(`${gw!.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
  await res.body.dump();
  return res;
}

async function introspectOverWs(): Promise<{ data?: unknown; errors?: unknown }> {
  const client = createClient({ url: `${gw!.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const iterator = client.iterate({ query: '{ __schema { queryType { name } } }' });
    return (await iterator.next()).value as { data?: unknown; errors?: unknown };
  } catch (err) {
    return { errors: err };
  } finally {
    await client.dispose();
  }
}

const corsHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('access-control-')));

describe('CORS', () => {
  it('sends no CORS header to any origin unless CORS_ORIGINS lists it (sandbox and live)', async () => {
    for (const env of [{}, LIVE]) {
      gw = await startTestGateway(env);
      for (const origin of ['https://evil.example', 'null', APP]) {
        expect(corsHeaders((await post('{ __typename }', { origin })).headers)).toEqual({});
        expect(corsHeaders((await preflight(origin)).headers)).toEqual({});
      }
      await gw.stop();
      gw = undefined;
    }
  });

  it('allows exactly the listed origins, with credentials, and never reflects another', async () => {
    gw = await startTestGateway({ CORS_ORIGINS: `${APP}, ${STUDIO}` });
    for (const origin of [APP, STUDIO]) {
      const answer = await post('{ __typename }', { origin });
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(answer.headers['access-control-allow-credentials']).toBe('true');
      expect(answer.headers['vary']).toMatch(/Origin/);
      const pre = await preflight(origin);
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(origin);
      expect(pre.headers['access-control-allow-methods']).toBe('GET, POST');
      expect(pre.headers['access-control-allow-headers']).toBe('authorization, content-type');
    }
    for (const origin of ['https://evil.example', 'null', `${APP}.evil.example`, 'http://app.example.com', `${APP}:443`]) {
      const answer = await post('{ __typename }', { origin });
      expect(corsHeaders(answer.headers)).toEqual({});
      expect(answer.headers['vary']).toMatch(/Origin/);
      expect(corsHeaders((await preflight(origin)).headers)).toEqual({});
    }
  });
});

describe('introspection, GraphiQL and field suggestions', () => {
  const graphiql = async () => {
    const res = await request(`${gw!.url}/graphql`, { headers: { accept: 'text/html' } });
    return { status: res.statusCode, html: (await res.body.text()).includes('<html') };
  };

  it('are on in sandbox mode', async () => {
    gw = await startTestGateway();
    expect((await post(getIntrospectionQuery())).json.data).toHaveProperty('__schema');
    expect((await introspectOverWs()).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await graphiql()).html).toBe(true);
    expect((await post('{ posez { edges { node { key } } } }')).json.errors![0]!.message).toContain('Did you mean "pose", "poses"');
  });

  it('are off as soon as an upstream is live, over HTTP and graphql-ws', async () => {
    gw = await startTestGateway(LIVE);
    const introspection = await post(getIntrospectionQuery());
    expect(introspection.json.data).toBeUndefined();
    expect(introspection.json.errors![0]!.message).toMatch(/introspection/i);
    expect(JSON.stringify(await introspectOverWs())).toMatch(/introspection/i);
    expect((await graphiql()).html).toBe(false);
    const typo = await post('{ posez { edges { node { key } } } }');
    expect(typo.json.errors![0]!.message).not.toContain('Did you mean');
    expect(JSON.stringify(typo.json)).not.toContain('poses');
    // Ordinary operations are untouched, and errors stay masked with a code.
    expect((await post('{ __typename }')).json).toEqual({ data: { __typename: 'Query' } });
    expect(typo.json.errors![0]!.extensions!['code']).toBeDefined();
  });

  it('follow GRAPHQL_INTROSPECTION and GRAPHIQL when they are set', async () => {
    gw = await startTestGateway({ ...LIVE, GRAPHQL_INTROSPECTION: 'true', GRAPHIQL: 'true' });
    expect((await post(getIntrospectionQuery())).json.data).toHaveProperty('__schema');
    expect((await graphiql()).html).toBe(true);
    expect((await post('{ posez { edges { node { key } } } }')).json.errors![0]!.message).toContain('Did you mean');
    await gw.stop();
    gw = await startTestGateway({ GRAPHQL_INTROSPECTION: 'false', GRAPHIQL: 'false' });
    expect((await post(getIntrospectionQuery())).json.data).toBeUndefined();
    expect((await graphiql()).html).toBe(false);
    expect((await post('{ posez { edges { node { key } } } }')).json.errors![0]!.message).not.toContain('Did you mean');
  });
});
