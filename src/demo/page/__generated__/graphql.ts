/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AvatarStatus =
  | 'AWAITING_UPLOAD'
  | 'FAILED'
  | 'PROCESSING'
  | 'READY';

export type BodyType =
  | 'FEMALE'
  | 'MALE';

/** Three face photos, JPEG or PNG (checked by their bytes), each at most MAX_PHOTO_BYTES, sent as a GraphQL multipart request (file parts in any order). */
export type CreateAvatarInput = {
  bodyType: BodyType;
  /** Looking straight at the camera. */
  frontal: File;
  /** For clients that cannot set the Idempotency-Key header: a repeat with the same key returns the same avatar. */
  idempotencyKey?: string | null | undefined;
  /** Head turned to one side. */
  side1: File;
  /** Head turned to the other side. */
  side2: File;
  /** The photos were taken with a telephoto lens. */
  telephoto?: boolean | null | undefined;
};

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'BAD_USER_INPUT'
  | 'BUDGET_EXCEEDED'
  | 'CONFLICT'
  | 'CSRF_PREVENTED'
  | 'FORBIDDEN'
  | 'GONE'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'INTERNAL_SERVER_ERROR'
  | 'INVALID_PHOTO'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'REQUEST_TIMEOUT'
  | 'STATE_UNAVAILABLE'
  | 'UNAUTHENTICATED'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_MISCONFIGURED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE';

export type RenderStatus =
  | 'FAILED'
  | 'PENDING'
  | 'READY';

export type ZepetoConnectionStatus =
  /** Logged in: the ZEPETO IDs are now ZepetoAvatars of the user. */
  | 'CONNECTED'
  /** Not logged in within the session lifetime; start a new one. */
  | 'EXPIRED'
  /** Waiting for the user to scan the QR code and log in. */
  | 'PENDING';

export type DemoCreateAvatarMutationVariables = Exact<{
  input: CreateAvatarInput;
}>;


export type DemoCreateAvatarMutation = { createAvatar:
    | { __typename: 'BaseError', message: string, code: ErrorCode }
    | { __typename: 'ConflictError', message: string, code: ErrorCode }
    | { __typename: 'CreateAvatarSuccess', avatar: { id: string, status: AvatarStatus } }
    | { __typename: 'InvalidPhotoError', message: string, code: ErrorCode }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'PayloadTooLargeError', message: string, code: ErrorCode }
    | { __typename: 'RateLimitedError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', message: string, code: ErrorCode }
   };

export type DemoAvatarUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DemoAvatarUpdatedSubscription = { avatarUpdated:
    | { failureReason: string | null, id: string, status: AvatarStatus, model: { status: RenderStatus, url: string | null } | null }
    | { id: string, status: AvatarStatus }
   };

export type DemoExportAvatarMutationVariables = Exact<{
  id: string | number;
}>;


export type DemoExportAvatarMutation = { exportAvatar:
    | { __typename: 'BaseError', message: string, code: ErrorCode }
    | { __typename: 'ConflictError', message: string, code: ErrorCode }
    | { __typename: 'ExportAvatarSuccess', model: { status: RenderStatus, url: string | null } }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', message: string, code: ErrorCode }
   };

export type DemoPreviewQueryVariables = Exact<{
  id: string | number;
}>;


export type DemoPreviewQuery = { avatar:
    | { image: { id: string, status: RenderStatus, url: string | null, failureReason: string | null } }
    | { image: { id: string, status: RenderStatus, url: string | null, failureReason: string | null } }
   | null };

export type DemoImageUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DemoImageUpdatedSubscription = { imageUpdated: { id: string, status: RenderStatus, url: string | null, failureReason: string | null } };

export type DemoGalleryPosesQueryVariables = Exact<{
  first: number;
}>;


export type DemoGalleryPosesQuery = { poses: { nodes: Array<{ id: string, key: string }> } };

export type DemoGalleryImagesQueryVariables = Exact<{
  id: string | number;
  poses: Array<string | number> | string | number;
}>;


export type DemoGalleryImagesQuery = { avatar:
    | { images: Array<{ id: string, url: string | null, width: number, height: number | null, pose: { key: string } }> }
    | Record<PropertyKey, never>
   | null };

export type DemoConnectZepetoMutationVariables = Exact<{ [key: string]: never; }>;


export type DemoConnectZepetoMutation = { connectZepetoAccount:
    | { __typename: 'BaseError', message: string, code: ErrorCode }
    | { __typename: 'ConnectZepetoAccountSuccess', session: { id: string, url: string, status: ZepetoConnectionStatus } }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'RateLimitedError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', message: string, code: ErrorCode }
   };

export type DemoZepetoConnectionSubscriptionVariables = Exact<{
  sessionId: string | number;
}>;


export type DemoZepetoConnectionSubscription = { zepetoConnectionUpdated: { id: string, status: ZepetoConnectionStatus, avatars: Array<{ id: string, zepetoId: string }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const DemoCreateAvatarDocument = new TypedDocumentString(`
    mutation DemoCreateAvatar($input: CreateAvatarInput!) {
  createAvatar(input: $input) {
    __typename
    ... on CreateAvatarSuccess {
      avatar {
        id
        status
      }
    }
    ... on Error {
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<DemoCreateAvatarMutation, DemoCreateAvatarMutationVariables>;
export const DemoAvatarUpdatedDocument = new TypedDocumentString(`
    subscription DemoAvatarUpdated($id: ID!) {
  avatarUpdated(id: $id) {
    id
    status
    ... on AvaturnAvatar {
      failureReason
      model {
        status
        url
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DemoAvatarUpdatedSubscription, DemoAvatarUpdatedSubscriptionVariables>;
export const DemoExportAvatarDocument = new TypedDocumentString(`
    mutation DemoExportAvatar($id: ID!) {
  exportAvatar(id: $id) {
    __typename
    ... on ExportAvatarSuccess {
      model {
        status
        url
      }
    }
    ... on Error {
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<DemoExportAvatarMutation, DemoExportAvatarMutationVariables>;
export const DemoPreviewDocument = new TypedDocumentString(`
    query DemoPreview($id: ID!) {
  avatar(id: $id) {
    image(pose: "common/preview", format: PNG) {
      id
      status
      url
      failureReason
    }
  }
}
    `) as unknown as TypedDocumentString<DemoPreviewQuery, DemoPreviewQueryVariables>;
export const DemoImageUpdatedDocument = new TypedDocumentString(`
    subscription DemoImageUpdated($id: ID!) {
  imageUpdated(id: $id) {
    id
    status
    url
    failureReason
  }
}
    `) as unknown as TypedDocumentString<DemoImageUpdatedSubscription, DemoImageUpdatedSubscriptionVariables>;
export const DemoGalleryPosesDocument = new TypedDocumentString(`
    query DemoGalleryPoses($first: Int!) {
  poses(provider: ZEPETO, kind: STILL, first: $first) {
    nodes {
      id
      key
    }
  }
}
    `) as unknown as TypedDocumentString<DemoGalleryPosesQuery, DemoGalleryPosesQueryVariables>;
export const DemoGalleryImagesDocument = new TypedDocumentString(`
    query DemoGalleryImages($id: ID!, $poses: [ID!]!) {
  avatar(id: $id) {
    ... on ZepetoAvatar {
      images(poses: $poses, quality: W240) {
        id
        url
        width
        height
        pose {
          key
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DemoGalleryImagesQuery, DemoGalleryImagesQueryVariables>;
export const DemoConnectZepetoDocument = new TypedDocumentString(`
    mutation DemoConnectZepeto {
  connectZepetoAccount {
    __typename
    ... on ConnectZepetoAccountSuccess {
      session {
        id
        url
        status
      }
    }
    ... on Error {
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<DemoConnectZepetoMutation, DemoConnectZepetoMutationVariables>;
export const DemoZepetoConnectionDocument = new TypedDocumentString(`
    subscription DemoZepetoConnection($sessionId: ID!) {
  zepetoConnectionUpdated(sessionId: $sessionId) {
    id
    status
    avatars {
      id
      zepetoId
    }
  }
}
    `) as unknown as TypedDocumentString<DemoZepetoConnectionSubscription, DemoZepetoConnectionSubscriptionVariables>;