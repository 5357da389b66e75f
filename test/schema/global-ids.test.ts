import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.js';
import { subscribeSse } from '../helpers/subscriptions.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const NodeQueries = graphql(`
  query ForgedNode($id: ID!) {
    node(id: $id) { __typename id }
    nodes(ids: [$id, $id]) { __typename id }
    avatar(id: $id) { id }
    pose(id: $id) { key }
  }
`);

const ForgedMutations = graphql(`
  mutation ForgedIds($id: ID!) {
    deleteAvatar(id: $id) { __typename ... on Error { message code } }
    exportAvatar(id: $id) { __typename ... on Error { message code } }
    customizeAvatar(input: { id: $id, skinToneCorrection: 1 }) { __typename ... on Error { message code } }
    renderGroupImage(input: { avatars: [$id], pose: "PO_1" }) { __typename ... on Error { message code } }
    createEditorSession(input: { kind: EDIT_EXISTING, avatarId: $id }) { __typename ... on Error { message code } }
  }
`);

const ForgedAvatarUpdates = graphql(`subscription ForgedAvatarUpdates($id: ID!) { avatarUpdated(id: $id) { id } }`);
const ForgedImageUpdates = graphql(`subscription ForgedImageUpdates($id: ID!) { imageUpdated(id: $id) { id } }`);

const PoseIds = graphql(`query RealPoseIds { poses(first: 1) { edges { node { id } } } }`);

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token('forged-ids-user');
});
afterAll(() => gw.stop());

async function firstEvent<T>(document: TypedDocumentNode<T, { id: string }>, id: string) {
  const sub = subscribeSse(gw, token, document, { id }, { inProcess: true });
  try {
    return (await sub.next()).value;
  } finally {
    await sub.close();
  }
}

/** Everything a client can see for one id: queries, mutations, both id-taking subscriptions. */
async function answersFor(id: string) {
  return {
    queries: await gw.execute(NodeQueries, { id }, { token }),
    mutations: await gw.execute(ForgedMutations, { id }, { token }),
    avatarUpdated: await firstEvent(ForgedAvatarUpdates, id),
    imageUpdated: await firstEvent(ForgedImageUpdates, id),
  };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Ids that decode to nothing, to a type that is no Node object, or to a Node of another kind. */
const forgedId = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.base64String({ maxLength: 60 }),
  fc.string({ maxLength: 30 }).map(b64),
  fc
    .tuple(fc.constantFrom('Node', 'Avatar', 'Viewer', 'Query', 'Mutation', '__Schema', 'NotFoundError', 'X', ''), fc.string({ maxLength: 20 }))
    .map(([type, id]) => b64(`${type}:${id}`)),
  fc.string({ minLength: 600, maxLength: 2_000 }),
);

describe('global ids', () => {
  it('answers a malformed or forged id exactly like an unknown one, everywhere', async () => {
    // The reference: a well-formed id of the right type that names nothing.
    const unknown = await answersFor(encodeGlobalID('ZepetoAvatar', 'no-such-avatar'));
    expect(unknown.queries).toEqual({ data: { node: null, nodes: [null, null], avatar: null, pose: null } });
    expect(unknown.mutations.data!.deleteAvatar).toEqual({ __typename: 'NotFoundError', message: 'Avatar not found', code: 'NOT_FOUND' });
    expect(unknown.avatarUpdated!.errors![0]!.extensions!['code']).toBe('NOT_FOUND');
    // imageUpdated takes AvatarImage ids: an avatar id is itself foreign there.
    expect(unknown.imageUpdated!.errors![0]).toMatchObject({ message: 'Image not found', extensions: { code: 'NOT_FOUND' } });

    await fc.assert(
      fc.asyncProperty(forgedId, async (id) => {
        const answers = await answersFor(id);
        expect(answers).toEqual(unknown);
        expect(JSON.stringify(answers)).not.toContain('INTERNAL_SERVER_ERROR');
      }),
      { numRuns: 60 },
    );
  });

  it('answers the ids seen in the wild: Node:<id>, another type, garbage', async () => {
    for (const id of [b64('Node:1'), b64('Viewer:alice'), b64('AvatarImage:x'), '%%%', '', ':', b64(':x'), 'x'.repeat(10_000)]) {
      const result = await gw.execute(NodeQueries, { id }, { token });
      expect(result).toEqual({ data: { node: null, nodes: [null, null], avatar: null, pose: null } });
    }
  });

  it('asks an anonymous caller to authenticate before it looks at the id, forged or not', async () => {
    const unknown = await gw.execute(ForgedMutations, { id: encodeGlobalID('ZepetoAvatar', 'no-such-avatar') });
    // Mutations run in order; the first refusal ends them (their results are non-null).
    expect(unknown).toMatchObject({ data: null, errors: [{ path: ['deleteAvatar'], extensions: { code: 'UNAUTHENTICATED' } }] });
    for (const id of ['%%%', b64('Pose:ZEPETO:no-such-pose'), b64('AvatarImage:x'), 'x'.repeat(2_000)]) {
      expect(await gw.execute(ForgedMutations, { id })).toEqual(unknown);
      expect(await gw.execute(NodeQueries, { id })).toEqual(await gw.execute(NodeQueries, { id: encodeGlobalID('ZepetoAvatar', 'no-such-avatar') }));
    }
  });

  it('still loads real nodes next to forged ones', async () => {
    const poseId = (await gw.execute(PoseIds)).data!.poses.edges[0]!.node.id;
    const result = await gw.execute(NodeQueries, { id: poseId }, { token });
    expect(result.data!.node).toEqual({ __typename: 'Pose', id: poseId });
    expect(result.data!.nodes).toEqual([
      { __typename: 'Pose', id: poseId },
      { __typename: 'Pose', id: poseId },
    ]);
  });
});
