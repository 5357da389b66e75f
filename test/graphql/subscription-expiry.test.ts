import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/mint-token.js';
import { ensureZepetoAvatars } from '../../src/zepeto/zepeto-avatars.js';
import { graphql } from '../__generated__/gql.js';
import { subscribeSse, subscribeWs, type Subscription } from '../helpers/subscriptions.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const ExpiringUpdates = graphql(`subscription ExpiringUpdates($id: ID!) { avatarUpdated(id: $id) { id status } }`);

let gw: TestGateway;
let avatarId: string;
beforeAll(async () => {
  gw = await startTestGateway();
  const [record] = await ensureZepetoAvatars(gw.services.avatars, 'expiring-user', ['expiring_z']);
  avatarId = encodeGlobalID('ZepetoAvatar', record!.id);
});
afterAll(() => gw.stop());

type Transport = (token: string) => Subscription<{ avatarUpdated: { id: string; status: string } }>;
const transports: Array<[string, Transport]> = [
  ['graphql-ws', (token) => subscribeWs(gw, token, ExpiringUpdates, { id: avatarId })],
  ['SSE', (token) => subscribeSse(gw, token, ExpiringUpdates, { id: avatarId })],
];

describe('subscriptions and token expiry', () => {
  it.each(transports)('over %s: ends with UNAUTHENTICATED when the token expires, and only then', async (_name, open) => {
    // jose counts whole seconds: this token expires 1 to 2 s from now.
    const expiring = open(await mintToken('expiring-user', gw.config.auth.jwtSecret!, { expiresIn: '2s' }));
    const lasting = open(await mintToken('expiring-user', gw.config.auth.jwtSecret!, { expiresIn: '1h' }));
    try {
      expect((await expiring.next()).value!.data!.avatarUpdated.id).toBe(avatarId);
      expect((await lasting.next()).value!.data!.avatarUpdated.id).toBe(avatarId);
      const started = Date.now();
      const last = await expiring.next(5_000);
      expect(last.value).toEqual({
        errors: [expect.objectContaining({ message: 'Unauthenticated: token expired', extensions: { code: 'UNAUTHENTICATED' } })],
      });
      expect(Date.now() - started).toBeLessThan(4_000);
      expect((await expiring.next()).done).toBe(true);
      // The same subscription with a token still valid goes on: no error, no end.
      await expect(lasting.next(500)).rejects.toThrow(/no subscription event/);
    } finally {
      await expiring.close();
      await lasting.close();
    }
  });
});
