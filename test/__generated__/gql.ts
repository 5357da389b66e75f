/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    viewer { userId }\n  }\n": typeof types.ViewerDocument,
    "query PublicPoses { poses(first: 1) { edges { node { key } } } }": typeof types.PublicPosesDocument,
    "\n  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {\n    poses(provider: $provider, kind: $kind, first: $first, after: $after) {\n      edges { cursor node { id key provider kind ratio durationSeconds tags } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.PosesDocument,
    "\n  query PoseNode($id: ID!) {\n    node(id: $id) { __typename id ... on Pose { key kind } }\n    pose(id: $id) { key provider }\n  }\n": typeof types.PoseNodeDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer { userId }\n  }\n": types.ViewerDocument,
    "query PublicPoses { poses(first: 1) { edges { node { key } } } }": types.PublicPosesDocument,
    "\n  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {\n    poses(provider: $provider, kind: $kind, first: $first, after: $after) {\n      edges { cursor node { id key provider kind ratio durationSeconds tags } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.PosesDocument,
    "\n  query PoseNode($id: ID!) {\n    node(id: $id) { __typename id ... on Pose { key kind } }\n    pose(id: $id) { key provider }\n  }\n": types.PoseNodeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer { userId }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer { userId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicPoses { poses(first: 1) { edges { node { key } } } }"): (typeof documents)["query PublicPoses { poses(first: 1) { edges { node { key } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {\n    poses(provider: $provider, kind: $kind, first: $first, after: $after) {\n      edges { cursor node { id key provider kind ratio durationSeconds tags } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {\n    poses(provider: $provider, kind: $kind, first: $first, after: $after) {\n      edges { cursor node { id key provider kind ratio durationSeconds tags } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PoseNode($id: ID!) {\n    node(id: $id) { __typename id ... on Pose { key kind } }\n    pose(id: $id) { key provider }\n  }\n"): (typeof documents)["\n  query PoseNode($id: ID!) {\n    node(id: $id) { __typename id ... on Pose { key kind } }\n    pose(id: $id) { key provider }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;