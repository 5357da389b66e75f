import { encodeGlobalID } from '@pothos/plugin-relay';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ensureZepetoAvatars } from '../../src/zepeto/zepeto-avatars.js';
import { graphql } from '../__generated__/gql.js';
import { subscribeSse, subscribeWs } from '../helpers/subscriptions.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const LimitedUpdates = graphql(`subscription LimitedUpdates($id: ID!) { avatarUpdated(id: $id) { id } }`);

let gw: TestGateway;
let avatarId: string;
beforeAll(async () => {
  gw = await startTestGateway({
    WS_CONNECTION_INIT_TIMEOUT_MS: '300',
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
    MAX_SUBSCRIPTIONS_PER_USER: '3',
  });
  const [record] = await ensureZepetoAvatars(gw.services.avatars, 'ws-limits-user', ['ws_limits_z']);
  avatarId = encodeGlobalID('ZepetoAvatar', record!.id);
});
afterAll(() => gw.stop());

const wsUrl = () => `${gw.url.replace(/^http/, 'ws')}/graphql`;

/** A raw socket speaking graphql-transport-ws, for what the reference client never sends. */
async function rawSocket(): Promise<WebSocket> {
  const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
  await once(socket, 'open');
  return socket;
}
const closeOf = async (socket: WebSocket) => {
  const [code] = (await once(socket, 'close')) as [number, Buffer];
  return code;
};

describe('graphql-ws limits', () => {
  it('refuses a message larger than an HTTP JSON body without buffering it, even before connection_init', async () => {
    const anonymous = await rawSocket();
    const closed = closeOf(anonymous);
    anonymous.send(Buffer.alloc(24 * 1024 * 1024, 'x'));
    expect(await closed).toBe(1009);

    const socket = await rawSocket();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${await gw.token('ws-limits-user')}` } }));
    await once(socket, 'message');
    const closedToo = closeOf(socket);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename ${' '.repeat(2 * 1024 * 1024)} }` } }));
    expect(await closedToo).toBe(1009);
  });

  it('closes a socket that sends no connection_init in time (4408)', async () => {
    const socket = await rawSocket();
    const started = Date.now();
    expect(await closeOf(socket)).toBe(4408);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers a syntax error with an error message, not a closed socket', async () => {
    const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    try {
      await expect(client.iterate({ query: '{ nope' }).next()).rejects.toSatisfy((errors) => JSON.stringify(errors).includes('Syntax Error'));
      expect(await client.iterate({ query: '{ __typename }' }).next()).toMatchObject({ value: { data: { __typename: 'Query' } } });
    } finally {
      await client.dispose();
    }
  });

  it('runs at most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION operations on one socket, and refuses the next with RATE_LIMITED', async () => {
    const client: Client = createClient({
      url: wsUrl(),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${await gw.token('ws-per-connection-user')}` },
    });
    const [record] = await ensureZepetoAvatars(gw.services.avatars, 'ws-per-connection-user', ['ws_conn_z']);
    const query = { query: print(LimitedUpdates), variables: { id: encodeGlobalID('ZepetoAvatar', record!.id) } };
    try {
      const open = [client.iterate(query), client.iterate(query)];
      for (const sub of open) expect((await sub.next()).value).toHaveProperty('data.avatarUpdated');
      const third = client.iterate(query);
      const refused = await third.next().then(
        () => undefined,
        (errors: unknown) => errors,
      );
      expect(refused).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED', maxSubscriptions: 2 } })]);
      // The socket and its two subscriptions are untouched; ending one makes room.
      await open[0]!.return!();
      const fourth = client.iterate(query);
      expect((await fourth.next()).value).toHaveProperty('data.avatarUpdated');
      await fourth.return!();
      await open[1]!.return!();
    } finally {
      await client.dispose();
    }
  });

  it('counts SSE and graphql-ws together against MAX_SUBSCRIPTIONS_PER_USER', async () => {
    const token = await gw.token('ws-limits-user');
    const open = [
      subscribeWs(gw, token, LimitedUpdates, { id: avatarId }),
      subscribeSse(gw, token, LimitedUpdates, { id: avatarId }),
      subscribeWs(gw, token, LimitedUpdates, { id: avatarId }),
    ];
    try {
      for (const sub of open) expect((await sub.next()).value!.data!.avatarUpdated.id).toBe(avatarId);
      for (const extra of [subscribeSse(gw, token, LimitedUpdates, { id: avatarId }), subscribeWs(gw, token, LimitedUpdates, { id: avatarId })]) {
        const refused = await extra.next();
        expect(refused.value!.errors).toEqual([
          expect.objectContaining({ message: expect.stringContaining('Too many subscriptions'), extensions: { code: 'RATE_LIMITED', maxSubscriptions: 3 } }),
        ]);
        await extra.close();
      }
      // Another user is not affected.
      const other = subscribeSse(gw, await gw.token('ws-limits-other'), LimitedUpdates, { id: avatarId });
      expect((await other.next()).value!.errors![0]!.extensions!['code']).toBe('NOT_FOUND');
      await other.close();
      // Closing one (SSE here) frees its place.
      await open[1]!.close();
      await waitFor(async () => {
        const again = subscribeSse(gw, token, LimitedUpdates, { id: avatarId });
        const first = await again.next();
        open.push(again);
        return first.value?.data?.avatarUpdated.id === avatarId;
      });
    } finally {
      await Promise.all(open.map((s) => s.close()));
    }
  });
});

/** The server sees a client leave a moment after it left. */
async function waitFor(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
