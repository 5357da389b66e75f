import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import introspection from '../../schema/possible-types.json' with { type: 'json' };
import { schema } from '../../src/schema/index.js';
import { graphql } from '../__generated__/gql.js';
import type { AvatarHairKeyedByCatalogIdQuery, AvatarHairQuery } from '../__generated__/graphql.js';
import { CustomizeAvatarMutation } from '../helpers/documents/avatars.js';
import { readyAvatar } from '../helpers/avatar-flows.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { expectTypename } from '../helpers/results.js';

const CAP = '5a9e3b72-1c4d-4e8f-b2a6-7d1e9c3f4b03';

const HairQuery = graphql(`
  query AvatarHair($id: ID!) {
    avatar(id: $id) {
      __typename id
      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { assetId color } } } }
    }
  }
`);

// The trap the schema no longer sets: a field named `id` on the asset (here an alias of the
// catalog id), which Apollo takes for the entity's identity.
const HairKeyedByCatalogIdQuery = graphql(`
  query AvatarHairKeyedByCatalogId($id: ID!) {
    avatar(id: $id) {
      __typename id
      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { id: assetId color } } } }
    }
  }
`);

const StatusViaInterfaceQuery = graphql(`
  query AvatarStatusViaInterface($id: ID!) {
    node(id: $id) { __typename id ... on Avatar { status provider } }
  }
`);

/**
 * Object types with an `id` that are not Relay nodes, and why their `id` identifies them. A new
 * one must be added here on purpose (or be a Node): its `id` must name one thing for the cache.
 */
const NON_NODE_IDS: Record<string, string> = {
  ZepetoConnection: 'the Render-it login session id: one login, whose status and avatars change over time',
};

let gw: TestGateway;
let token: string;
let first: string;
let second: string;

beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token('cache-identity');
  [first, second] = await Promise.all([readyAvatar(gw, token), readyAvatar(gw, token)]);
  for (const [id, color] of [[first, '#111111'], [second, '#222222']] as const) {
    const result = await gw.execute(CustomizeAvatarMutation, { input: { id, assets: { hairAndHeadwear: { id: CAP, color } } } }, { token });
    expectTypename(result.data!.customizeAvatar, 'CustomizeAvatarSuccess');
  }
});
afterAll(() => gw.stop());

function apollo(possibleTypes?: Record<string, string[]>): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: `${gw.url}/graphql`, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache(possibleTypes ? { possibleTypes } : {}),
  });
}

function hairOf(data: AvatarHairQuery | AvatarHairKeyedByCatalogIdQuery | null | undefined): string | null | undefined {
  const avatar = data?.avatar;
  return avatar?.__typename === 'AvaturnAvatar' ? avatar.customization?.assets.hairAndHeadwear?.color : undefined;
}

describe('schema: ids that a normalized cache can trust', () => {
  it('keeps two avatars wearing the same asset apart in Apollo InMemoryCache: each shows its own colour', async () => {
    const client = apollo(introspection.possibleTypes);
    const a = await client.query({ query: HairQuery, variables: { id: first } });
    const b = await client.query({ query: HairQuery, variables: { id: second } });
    expect([hairOf(a.data), hairOf(b.data)]).toEqual(['#111111', '#222222']);
    // Read back from the cache after both were written: no entity was shared.
    expect(hairOf(client.readQuery({ query: HairQuery, variables: { id: first } }) ?? null)).toBe('#111111');
    expect(hairOf(client.readQuery({ query: HairQuery, variables: { id: second } }) ?? null)).toBe('#222222');
    expect(Object.keys(client.cache.extract() as Record<string, unknown>).filter((key) => key.startsWith('AvatarAsset'))).toEqual([]);
  });

  it('would merge them if the asset had an `id` (why AvatarAsset has `assetId` instead)', async () => {
    const client = apollo(introspection.possibleTypes);
    await client.query({ query: HairKeyedByCatalogIdQuery, variables: { id: first } });
    await client.query({ query: HairKeyedByCatalogIdQuery, variables: { id: second } });
    const cached = client.readQuery({ query: HairKeyedByCatalogIdQuery, variables: { id: first } });
    expect(hairOf(cached ?? null)).toBe('#222222');
  });

  it('needs possibleTypes for fragments on interfaces: the committed schema/possible-types.json supplies them', async () => {
    const withTypes = await apollo(introspection.possibleTypes).query({ query: StatusViaInterfaceQuery, variables: { id: first } });
    expect(withTypes.data?.node).toMatchObject({ __typename: 'AvaturnAvatar', status: 'READY', provider: 'AVATURN' });
    // Without them Apollo cannot tell that an AvaturnAvatar is an Avatar and drops the fragment's fields.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const without = await apollo().query({ query: StatusViaInterfaceQuery, variables: { id: first } });
      expect(without.data?.node).not.toHaveProperty('status');
      const said = [...warn.mock.calls, ...error.mock.calls].flat().map(String).join('\n');
      expect(said).toContain('missing `possibleTypes` entry');
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('has no type with an `id` that names something other than itself', () => {
    const withId = Object.values(schema.getTypeMap()).filter(
      (t) => isObjectType(t) && !t.name.startsWith('__') && t.getFields()['id'] !== undefined,
    );
    const nodes = new Set(schema.getPossibleTypes(schema.getType('Node') as never).map((t) => t.name));
    const others = withId.filter((t) => !nodes.has(t.name)).map((t) => t.name);
    // Node ids are global ids (type and record), unique by construction.
    expect(others.sort()).toEqual(Object.keys(NON_NODE_IDS).sort());
    const asset = schema.getType('AvatarAsset');
    if (!isObjectType(asset)) throw new Error('AvatarAsset is gone');
    expect(Object.keys(asset.getFields()).sort()).toEqual(['assetId', 'color']);
    expect(String(getNamedType(asset.getFields()['assetId']!.type))).toBe('ID');
  });
});
