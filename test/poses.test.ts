import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/gql.js';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';

const PosesQuery = graphql(`
  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {
    poses(provider: $provider, kind: $kind, first: $first, after: $after) {
      edges { cursor node { id key provider kind ratio durationSeconds tags } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const PoseNodeQuery = graphql(`
  query PoseNode($id: ID!) {
    node(id: $id) { __typename id ... on Pose { key kind } }
    pose(id: $id) { key provider }
  }
`);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.stop());

describe('poses', () => {
  it('lists the catalog with both providers, still and animated', async () => {
    const result = await gw.execute(PosesQuery, { first: 100 });
    expect(result.errors).toBeUndefined();
    const poses = result.data!.poses.edges.map((e) => e.node);
    expect(poses.length).toBe(gw.services.catalog.poses.length);
    expect(poses.some((p) => p.provider === 'ZEPETO' && p.kind === 'STILL')).toBe(true);
    const animated = poses.find((p) => p.kind === 'ANIMATED')!;
    expect(animated.durationSeconds).toBeGreaterThan(0);
    expect(poses.filter((p) => p.provider === 'AVATURN').map((p) => p.key)).toContain('common/preview');
  });

  it('filters by provider and kind and paginates with cursors', async () => {
    const first = await gw.execute(PosesQuery, { provider: 'ZEPETO', kind: 'ANIMATED', first: 2 });
    const page1 = first.data!.poses;
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.every((e) => e.node.kind === 'ANIMATED' && e.node.provider === 'ZEPETO')).toBe(true);
    const second = await gw.execute(PosesQuery, { provider: 'ZEPETO', kind: 'ANIMATED', first: 2, after: page1.pageInfo.endCursor });
    expect(second.data!.poses.edges[0]!.node.key).not.toBe(page1.edges[0]!.node.key);
  });

  it('resolves a pose by global id through node and pose', async () => {
    const list = await gw.execute(PosesQuery, { provider: 'AVATURN', first: 1 });
    const { id, key } = list.data!.poses.edges[0]!.node;
    const result = await gw.execute(PoseNodeQuery, { id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.node).toMatchObject({ __typename: 'Pose', id, key });
    expect(result.data!.pose).toEqual({ key, provider: 'AVATURN' });
  });

  it('answers null for an unknown pose id, and for a malformed or foreign one alike', async () => {
    const unknown = Buffer.from('Pose:ZEPETO:NOPE').toString('base64');
    const result = await gw.execute(PoseNodeQuery, { id: unknown });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null, pose: null });
    for (const id of ['%%%', Buffer.from('AvatarImage:ZEPETO:PO_1').toString('base64'), Buffer.from('Node:x').toString('base64')]) {
      const malformed = await gw.execute(PoseNodeQuery, { id });
      expect(malformed).toEqual({ data: { node: null, pose: null } });
    }
  });
});
