import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AvatarQuery, AvatarUpdatedSubscription, CreateAvatarMutation } from '../helpers/documents/avatars.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { jpeg, png } from '../helpers/photos.js';
import { expectTypename } from '../helpers/results.js';
import { createGatewayClient } from './readme/urql-client.js';

/**
 * The README's urql set-up (test/clients/readme/urql-client.ts, included there verbatim), run
 * as a frontend would: photos uploaded as File objects by urql's fetchExchange, the avatar
 * followed to READY over graphql-ws.
 */
let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token('readme-urql');
});
afterAll(() => gw.stop());

const photo = (bytes: Buffer, name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });

describe('README: urql (@urql/core 6)', () => {
  it('uploads three photos and follows the avatar to READY over graphql-ws', async () => {
    const client = createGatewayClient({ url: `${gw.url}/graphql`, token: () => token, webSocketImpl: WebSocket });
    const created = await client
      .mutation(CreateAvatarMutation, {
        input: {
          frontal: photo(jpeg('urql-front'), 'frontal.jpg', 'image/jpeg'),
          side1: photo(jpeg('urql-side-1'), 'side1.jpg', 'image/jpeg'),
          side2: photo(png('urql-side-2'), 'side2.png', 'image/png'),
          bodyType: 'MALE',
        },
      })
      .toPromise();
    expect(created.error).toBeUndefined();
    const { avatar } = expectTypename(created.data?.createAvatar, 'CreateAvatarSuccess');
    expect(avatar).toMatchObject({ status: 'PROCESSING', bodyType: 'MALE' });

    const statuses: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no READY within 10 s, saw ${statuses.join(', ')}`)), 10_000);
      const { unsubscribe } = client.subscription(AvatarUpdatedSubscription, { id: avatar.id }).subscribe((result) => {
        if (result.error) reject(result.error);
        const status = result.data?.avatarUpdated.status;
        if (status) statuses.push(status);
        if (status === 'READY') {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        }
      });
    });
    expect(statuses.at(-1)).toBe('READY');

    const read = await client.query(AvatarQuery, { id: avatar.id }).toPromise();
    expect(read.data?.avatar).toMatchObject({ __typename: 'AvaturnAvatar', status: 'READY' });
  });
});
