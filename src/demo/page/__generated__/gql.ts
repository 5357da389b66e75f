/* eslint-disable */
import * as types from './graphql.js';



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
    "\n  mutation DemoCreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status } }\n      ... on Error { message code }\n    }\n  }\n": typeof types.DemoCreateAvatarDocument,
    "\n  subscription DemoAvatarUpdated($id: ID!) {\n    avatarUpdated(id: $id) {\n      id\n      status\n      ... on AvaturnAvatar { failureReason model { status url } }\n    }\n  }\n": typeof types.DemoAvatarUpdatedDocument,
    "\n  mutation DemoExportAvatar($id: ID!) {\n    exportAvatar(id: $id) {\n      __typename\n      ... on ExportAvatarSuccess { model { status url } }\n      ... on Error { message code }\n    }\n  }\n": typeof types.DemoExportAvatarDocument,
    "\n  query DemoPreview($id: ID!) {\n    avatar(id: $id) {\n      image(pose: \"common/preview\", format: PNG) { id status url failureReason }\n    }\n  }\n": typeof types.DemoPreviewDocument,
    "\n  subscription DemoImageUpdated($id: ID!) {\n    imageUpdated(id: $id) { id status url failureReason }\n  }\n": typeof types.DemoImageUpdatedDocument,
    "\n  query DemoGalleryPoses($first: Int!) {\n    poses(provider: ZEPETO, kind: STILL, first: $first) {\n      nodes { id key }\n    }\n  }\n": typeof types.DemoGalleryPosesDocument,
    "\n  query DemoGalleryImages($id: ID!, $poses: [ID!]!) {\n    avatar(id: $id) {\n      ... on ZepetoAvatar {\n        images(poses: $poses, quality: W240) { id url width height pose { key } }\n      }\n    }\n  }\n": typeof types.DemoGalleryImagesDocument,
    "\n  mutation DemoConnectZepeto {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id url status } }\n      ... on Error { message code }\n    }\n  }\n": typeof types.DemoConnectZepetoDocument,
    "\n  subscription DemoZepetoConnection($sessionId: ID!) {\n    zepetoConnectionUpdated(sessionId: $sessionId) {\n      id\n      status\n      avatars { id zepetoId }\n    }\n  }\n": typeof types.DemoZepetoConnectionDocument,
};
const documents: Documents = {
    "\n  mutation DemoCreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status } }\n      ... on Error { message code }\n    }\n  }\n": types.DemoCreateAvatarDocument,
    "\n  subscription DemoAvatarUpdated($id: ID!) {\n    avatarUpdated(id: $id) {\n      id\n      status\n      ... on AvaturnAvatar { failureReason model { status url } }\n    }\n  }\n": types.DemoAvatarUpdatedDocument,
    "\n  mutation DemoExportAvatar($id: ID!) {\n    exportAvatar(id: $id) {\n      __typename\n      ... on ExportAvatarSuccess { model { status url } }\n      ... on Error { message code }\n    }\n  }\n": types.DemoExportAvatarDocument,
    "\n  query DemoPreview($id: ID!) {\n    avatar(id: $id) {\n      image(pose: \"common/preview\", format: PNG) { id status url failureReason }\n    }\n  }\n": types.DemoPreviewDocument,
    "\n  subscription DemoImageUpdated($id: ID!) {\n    imageUpdated(id: $id) { id status url failureReason }\n  }\n": types.DemoImageUpdatedDocument,
    "\n  query DemoGalleryPoses($first: Int!) {\n    poses(provider: ZEPETO, kind: STILL, first: $first) {\n      nodes { id key }\n    }\n  }\n": types.DemoGalleryPosesDocument,
    "\n  query DemoGalleryImages($id: ID!, $poses: [ID!]!) {\n    avatar(id: $id) {\n      ... on ZepetoAvatar {\n        images(poses: $poses, quality: W240) { id url width height pose { key } }\n      }\n    }\n  }\n": types.DemoGalleryImagesDocument,
    "\n  mutation DemoConnectZepeto {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id url status } }\n      ... on Error { message code }\n    }\n  }\n": types.DemoConnectZepetoDocument,
    "\n  subscription DemoZepetoConnection($sessionId: ID!) {\n    zepetoConnectionUpdated(sessionId: $sessionId) {\n      id\n      status\n      avatars { id zepetoId }\n    }\n  }\n": types.DemoZepetoConnectionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DemoCreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status } }\n      ... on Error { message code }\n    }\n  }\n"): typeof import('./graphql.js').DemoCreateAvatarDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DemoAvatarUpdated($id: ID!) {\n    avatarUpdated(id: $id) {\n      id\n      status\n      ... on AvaturnAvatar { failureReason model { status url } }\n    }\n  }\n"): typeof import('./graphql.js').DemoAvatarUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DemoExportAvatar($id: ID!) {\n    exportAvatar(id: $id) {\n      __typename\n      ... on ExportAvatarSuccess { model { status url } }\n      ... on Error { message code }\n    }\n  }\n"): typeof import('./graphql.js').DemoExportAvatarDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoPreview($id: ID!) {\n    avatar(id: $id) {\n      image(pose: \"common/preview\", format: PNG) { id status url failureReason }\n    }\n  }\n"): typeof import('./graphql.js').DemoPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DemoImageUpdated($id: ID!) {\n    imageUpdated(id: $id) { id status url failureReason }\n  }\n"): typeof import('./graphql.js').DemoImageUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoGalleryPoses($first: Int!) {\n    poses(provider: ZEPETO, kind: STILL, first: $first) {\n      nodes { id key }\n    }\n  }\n"): typeof import('./graphql.js').DemoGalleryPosesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoGalleryImages($id: ID!, $poses: [ID!]!) {\n    avatar(id: $id) {\n      ... on ZepetoAvatar {\n        images(poses: $poses, quality: W240) { id url width height pose { key } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DemoGalleryImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DemoConnectZepeto {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id url status } }\n      ... on Error { message code }\n    }\n  }\n"): typeof import('./graphql.js').DemoConnectZepetoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DemoZepetoConnection($sessionId: ID!) {\n    zepetoConnectionUpdated(sessionId: $sessionId) {\n      id\n      status\n      avatars { id zepetoId }\n    }\n  }\n"): typeof import('./graphql.js').DemoZepetoConnectionDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
