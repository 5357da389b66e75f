import { createClient } from 'graphql-sse';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.js';
import { ImageQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';

const ConnectMutation = graphql(`
  mutation ZepetoConnect {
    connectZepetoAccount {
      __typename
      ... on ConnectZepetoAccountSuccess { session { id status url expiresAt avatars { id } } }
      ... on Error { message code }
    }
  }
`);

const ViewerZepetoAvatars = graphql(`
  query ZepetoViewerAvatars {
    viewer { avatars(provider: ZEPETO) { edges { node { id status ... on ZepetoAvatar { zepetoId } } } } }
  }
`);

const UPDATES = 'subscription ($id: ID!) { zepetoConnectionUpdated(sessionId: $id) { id status avatars { id zepetoId status } } }';

type Update = { id: string; status: string; avatars: Array<{ id: string; zepetoId: string; status: string }> };

let gw: RenderGateway;

beforeAll(async () => {
  gw = await startRenderGateway();
});
afterAll(() => gw.stop());

async function connect(token: string) {
  const result = await gw.execute(ConnectMutation, {}, { token });
  const payload = result.data!.connectZepetoAccount;
  if (payload.__typename !== 'ConnectZepetoAccountSuccess') throw new Error(`got ${payload.__typename}`);
  return payload.session;
}

/** Every state the subscription sends until it completes. */
async function follow(token: string, sessionId: string, onFirst?: () => Promise<void>): Promise<Update[]> {
  const client = createClient({ url: `${gw.url}/graphql`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const states: Update[] = [];
  try {
    for await (const event of client.iterate<{ zepetoConnectionUpdated: Update }>({ query: UPDATES, variables: { id: sessionId } })) {
      if (event.errors) throw new Error(JSON.stringify(event.errors));
      states.push(event.data!.zepetoConnectionUpdated);
      if (states.length === 1) await onFirst?.();
    }
  } finally {
    client.dispose();
  }
  return states;
}

/** What the person scanning the QR code does, through the sandbox-only route. */
async function completeLogin(sessionId: string, zepetoIds: string[]) {
  const res = await request(`${gw.url}/sandbox/render-it/sandbox/auth/${sessionId}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ zepetoIds }),
  });
  expect(res.statusCode).toBe(200);
  await res.body.dump();
}

describe('connectZepetoAccount and zepetoConnectionUpdated', () => {
  it('returns the QR login URL, session id and expiry, then streams PENDING and CONNECTED with the new avatars', async () => {
    const token = await gw.token('zepeto-connect-user');
    const before = Date.now();
    const session = await connect(token);
    const after = Date.now();
    expect(session.status).toBe('PENDING');
    expect(session.url).toMatch(/^ZEPETO:\/\/PLATFORM\/QR_LOGIN\?.*udid=/);
    expect(session.url).toContain(session.id);
    // Valid 60 s from when the login started.
    expect(Date.parse(session.expiresAt)).toBeGreaterThanOrEqual(before + 60_000);
    expect(Date.parse(session.expiresAt)).toBeLessThanOrEqual(after + 60_000);

    const states = await follow(token, session.id, () => completeLogin(session.id, ['zep_alice', 'zep_bob']));
    expect(states.map((s) => s.status)).toEqual(['PENDING', 'CONNECTED']);
    expect(states[1]!.avatars.map((a) => [a.zepetoId, a.status])).toEqual([
      ['zep_alice', 'READY'],
      ['zep_bob', 'READY'],
    ]);

    // The connected IDs render right away.
    const render = await gw.execute(ImageQuery, { id: states[1]!.avatars[0]!.id, pose: poseKeys(gw, 'STILL')[0]! }, { token });
    expect(render.errors).toBeUndefined();
    expect(render.data!.avatar!.image.format).toBe('PNG');
  });

  it('keeps one avatar when the same ZEPETO ID is connected twice by the same user', async () => {
    const token = await gw.token('zepeto-twice-user');
    for (let i = 0; i < 2; i++) {
      const session = await connect(token);
      const states = await follow(token, session.id, () => completeLogin(session.id, ['zep_same']));
      expect(states.at(-1)!.status).toBe('CONNECTED');
    }
    const avatars = await gw.execute(ViewerZepetoAvatars, {}, { token });
    expect(avatars.data!.viewer.avatars.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ status: 'READY', zepetoId: 'zep_same' }),
    ]);
  });

  it('polls a login started by an instance that is gone, once someone subscribes to it', async () => {
    const token = await gw.token('zepeto-orphan-user');
    // Started upstream and stored by "another instance" whose poller died with it.
    const { sessionId, url } = await gw.services.renderIt.startAuth();
    await gw.services.zepetoConnections.create({
      id: sessionId,
      ownerId: 'zepeto-orphan-user',
      url,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(gw.services.zepetoLogins.watching).toBe(0);
    const states = await follow(token, sessionId, () => completeLogin(sessionId, ['zep_orphan']));
    expect(states.map((s) => s.status)).toEqual(['PENDING', 'CONNECTED']);
    expect(states[1]!.avatars.map((a) => a.zepetoId)).toEqual(['zep_orphan']);
  });

  it("answers NOT_FOUND to another user following someone's login", async () => {
    const session = await connect(await gw.token('zepeto-owner'));
    await expect(follow(await gw.token('zepeto-intruder'), session.id)).rejects.toThrow('NOT_FOUND');
  });

  it('requires authentication', async () => {
    const result = await gw.execute(ConnectMutation, {});
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('reports an upstream failure as an UpstreamError union member', async () => {
    gw.sandbox.faults.renderIt.update({ errorRate: 1, errorStatuses: [401] });
    try {
      const result = await gw.execute(ConnectMutation, {}, { token: await gw.token('zepeto-misconfigured') });
      expect(result.data!.connectZepetoAccount).toEqual({
        __typename: 'UpstreamError',
        code: 'UPSTREAM_MISCONFIGURED',
        message: "Render-it rejected the gateway's credentials",
      });
    } finally {
      gw.sandbox.faults.renderIt.reset();
    }
  });
});
