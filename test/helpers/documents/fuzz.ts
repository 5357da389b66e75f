import { graphql } from '../../__generated__/gql.js';

/** Operations only the fuzzer uses: every argument of the read side in one place. */

export const FuzzNodesQuery = graphql(`
  query FuzzNodes($ids: [ID!]!) {
    nodes(ids: $ids) { __typename id ... on AvatarImage { url costUnits } }
  }
`);

export const FuzzPosesQuery = graphql(`
  query FuzzPoses($after: String, $before: String, $first: Int, $last: Int, $kind: PoseKind, $provider: AvatarProvider, $tag: String, $pose: ID!) {
    poses(after: $after, before: $before, first: $first, last: $last, kind: $kind, provider: $provider, tag: $tag) {
      edges { cursor node { id key } }
      pageInfo { hasNextPage endCursor }
    }
    pose(id: $pose) { id key }
  }
`);

export const FuzzViewerQuery = graphql(`
  query FuzzViewer($provider: AvatarProvider, $status: AvatarStatus, $first: Int, $after: String, $last: Int, $before: String) {
    viewer { avatars(provider: $provider, status: $status, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } } }
  }
`);
