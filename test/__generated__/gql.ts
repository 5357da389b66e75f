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
    "subscription ExpiringUpdates($id: ID!) { avatarUpdated(id: $id) { id status } }": typeof types.ExpiringUpdatesDocument,
    "subscription LimitedUpdates($id: ID!) { avatarUpdated(id: $id) { id } }": typeof types.LimitedUpdatesDocument,
    "\n  mutation CreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status bodyType telephoto failureReason } }\n      ... on Error { message code }\n      ... on InvalidPhotoError { field }\n      ... on ValidationError { field }\n    }\n  }\n": typeof types.CreateAvatarDocument,
    "\n  mutation StartAvatarUpload($input: StartAvatarUploadInput!) {\n    startAvatarUpload(input: $input) {\n      __typename\n      ... on StartAvatarUploadSuccess {\n        avatar { id status bodyType }\n        uploadUrl method expiresAt expiresInSeconds\n        fileFields { frontal side1 side2 }\n        formFields { name value }\n      }\n      ... on Error { message code }\n    }\n  }\n": typeof types.StartAvatarUploadDocument,
    "\n  query AvaturnAvatar($id: ID!) {\n    avatar(id: $id) {\n      __typename id status provider\n      ... on AvaturnAvatar { bodyType telephoto failureReason model { status url expiresAt } }\n    }\n  }\n": typeof types.AvaturnAvatarDocument,
    "\n  subscription AvatarUpdated($id: ID!) {\n    avatarUpdated(id: $id) {\n      __typename id status\n      ... on AvaturnAvatar { failureReason model { status url expiresAt } }\n    }\n  }\n": typeof types.AvatarUpdatedDocument,
    "\n  mutation ExportAvatar($id: ID!) {\n    exportAvatar(id: $id) {\n      __typename\n      ... on ExportAvatarSuccess { avatar { id status } model { status url expiresAt } }\n      ... on Error { message code }\n    }\n  }\n": typeof types.ExportAvatarDocument,
    "\n  mutation CustomizeAvatar($input: CustomizeAvatarInput!) {\n    customizeAvatar(input: $input) {\n      __typename\n      ... on CustomizeAvatarSuccess {\n        avatar {\n          id\n          customization {\n            assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }\n            body age boneScale { head arms chest } skinToneCorrection metadata { key value }\n          }\n        }\n      }\n      ... on Error { message code }\n      ... on ValidationError { field }\n    }\n  }\n": typeof types.CustomizeAvatarDocument,
    "\n  query AvatarCustomization($id: ID!) {\n    avatar(id: $id) {\n      __typename\n      ... on AvaturnAvatar {\n        customization {\n          assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }\n          body age boneScale { head arms chest } skinToneCorrection metadata { key value }\n        }\n      }\n    }\n  }\n": typeof types.AvatarCustomizationDocument,
    "\n  query SceneImage($id: ID!, $pose: ID!, $format: ImageFormat) {\n    avatar(id: $id) {\n      image(pose: $pose, format: $format) { id status url expiresAt format width height quality pose { key provider } avatars { id } }\n    }\n  }\n": typeof types.SceneImageDocument,
    "\n  subscription ImageUpdated($id: ID!) {\n    imageUpdated(id: $id) { id status url format }\n  }\n": typeof types.ImageUpdatedDocument,
    "\n  mutation CreateEditorSession($input: CreateEditorSessionInput!) {\n    createEditorSession(input: $input) {\n      __typename\n      ... on CreateEditorSessionSuccess { url kind avatar { id } }\n      ... on Error { message code }\n      ... on ValidationError { field }\n    }\n  }\n": typeof types.CreateEditorSessionDocument,
    "\n  mutation DeleteAvaturnAvatar($id: ID!) {\n    deleteAvatar(id: $id) {\n      __typename\n      ... on DeleteAvatarSuccess { deletedId }\n      ... on Error { message code }\n    }\n  }\n": typeof types.DeleteAvaturnAvatarDocument,
    "\n  query ViewerAvatars($provider: AvatarProvider, $status: AvatarStatus, $first: Int) {\n    viewer { avatars(provider: $provider, status: $status, first: $first) { edges { node { id status provider } } } }\n  }\n": typeof types.ViewerAvatarsDocument,
    "\n  query AvaturnNode($id: ID!) {\n    node(id: $id) { __typename id ... on AvaturnAvatar { status bodyType } }\n  }\n": typeof types.AvaturnNodeDocument,
    "\n  query FuzzNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { __typename id ... on AvatarImage { url costUnits } }\n  }\n": typeof types.FuzzNodesDocument,
    "\n  query FuzzPoses($after: String, $before: String, $first: Int, $last: Int, $kind: PoseKind, $provider: AvatarProvider, $tag: String, $pose: ID!) {\n    poses(after: $after, before: $before, first: $first, last: $last, kind: $kind, provider: $provider, tag: $tag) {\n      edges { cursor node { id key } }\n      pageInfo { hasNextPage endCursor }\n    }\n    pose(id: $pose) { id key }\n  }\n": typeof types.FuzzPosesDocument,
    "\n  query FuzzViewer($provider: AvatarProvider, $status: AvatarStatus, $first: Int, $after: String, $last: Int, $before: String) {\n    viewer { avatars(provider: $provider, status: $status, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } } }\n  }\n": typeof types.FuzzViewerDocument,
    "\n  query RenderGallery($id: ID!, $poses: [ID!]!, $quality: ImageQuality! = W640) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        images(poses: $poses, quality: $quality) {\n          id\n          status\n          url\n          expiresAt\n          format\n          width\n          height\n          frameCount\n          quality\n          costUnits\n          pose { key }\n          avatars { id }\n        }\n      }\n    }\n  }\n": typeof types.RenderGalleryDocument,
    "\n  query RenderMixedGallery($id: ID!, $poses: [ID!]!, $p1: ID!, $p2: ID!, $p3: ID!, $p4: ID!, $p5: ID!) {\n    avatar(id: $id) {\n      ... on ZepetoAvatar {\n        images(poses: $poses) { id pose { key } }\n      }\n      ...RenderExtraPoses\n    }\n  }\n  fragment RenderExtraPoses on Avatar {\n    a1: image(pose: $p1) { id pose { key } }\n    a2: image(pose: $p2) { id pose { key } }\n    a3: image(pose: $p3) { id pose { key } }\n    a4: image(pose: $p4) { id pose { key } }\n    a5: image(pose: $p5) { id pose { key } }\n  }\n": typeof types.RenderMixedGalleryDocument,
    "\n  query RenderTwoGalleries($a: ID!, $b: ID!, $poses: [ID!]!) {\n    a: node(id: $a) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }\n    b: node(id: $b) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }\n  }\n": typeof types.RenderTwoGalleriesDocument,
    "\n  query RenderSamePose($id: ID!, $pose: ID!) {\n    avatar(id: $id) {\n      __typename\n      a: image(pose: $pose) { id }\n      b: image(pose: $pose, quality: W640) { id }\n      ... on ZepetoAvatar {\n        c: images(poses: [$pose]) { id }\n        d: image(pose: $pose, format: PNG) { id }\n      }\n    }\n  }\n": typeof types.RenderSamePoseDocument,
    "\n  query RenderNested($id: ID!, $pose: ID!, $other: ID!) {\n    avatar(id: $id) {\n      image(pose: $pose) {\n        id\n        avatars { image(pose: $other) { id pose { key } } }\n      }\n    }\n  }\n": typeof types.RenderNestedDocument,
    "\n  query RenderImage($id: ID!, $pose: ID!, $quality: ImageQuality! = W640, $format: ImageFormat) {\n    avatar(id: $id) {\n      image(pose: $pose, quality: $quality, format: $format) { id url format width height frameCount costUnits }\n    }\n  }\n": typeof types.RenderImageDocument,
    "\n  query RenderMotion($id: ID!, $pose: ID!, $fps: Int! = 10, $quality: ImageQuality! = W320) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        animation(pose: $pose, fps: $fps, quality: $quality) { id url format width height frameCount costUnits }\n        frames(pose: $pose, fps: $fps, quality: $quality) { id url format width height costUnits }\n      }\n    }\n  }\n": typeof types.RenderMotionDocument,
    "\n  query RenderAnimation($id: ID!, $pose: ID!, $fps: Int!) {\n    node(id: $id) { ... on ZepetoAvatar { animation(pose: $pose, fps: $fps) { id frameCount } } }\n  }\n": typeof types.RenderAnimationDocument,
    "\n  query RenderFrames($id: ID!, $pose: ID!, $fps: Int!) {\n    node(id: $id) { ... on ZepetoAvatar { frames(pose: $pose, fps: $fps) { id } } }\n  }\n": typeof types.RenderFramesDocument,
    "\n  mutation RenderGroup($input: RenderGroupImageInput!) {\n    renderGroupImage(input: $input) {\n      __typename\n      ... on RenderGroupImageSuccess { image { id width height costUnits avatars { id } pose { key } } }\n      ... on Error { message code }\n      ... on ValidationError { field }\n      ... on BudgetExceededError { estimatedUnits budgetUnits }\n    }\n  }\n": typeof types.RenderGroupDocument,
    "\n  query RenderImageNode($id: ID!) {\n    node(id: $id) { __typename ... on AvatarImage { id url format } }\n  }\n": typeof types.RenderImageNodeDocument,
    "\n  mutation CreateAvatarFromVariables($f: Upload!, $s1: Upload!, $s2: Upload!) {\n    createAvatar(input: { frontal: $f, side1: $s1, side2: $s2, bodyType: MALE }) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status } }\n      ... on Error { message code }\n    }\n  }\n": typeof types.CreateAvatarFromVariablesDocument,
    "\n  query UploadsViewer {\n    viewer { userId }\n  }\n": typeof types.UploadsViewerDocument,
    "\n  mutation LimitedStartAvatarUpload {\n    startAvatarUpload(input: { bodyType: MALE }) {\n      __typename\n      ... on StartAvatarUploadSuccess { avatar { id } }\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n": typeof types.LimitedStartAvatarUploadDocument,
    "\n  mutation LimitedZepetoConnect {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id } }\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n": typeof types.LimitedZepetoConnectDocument,
    "\n  query RenderForMetrics($id: ID!) {\n    avatar(id: $id) { ... on ZepetoAvatar { images(poses: [\"PO_5\", \"PO_6\"], quality: W320) { costUnits } } }\n  }\n": typeof types.RenderForMetricsDocument,
    "\n  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {\n    poses(provider: $provider, kind: $kind, first: $first, after: $after) {\n      edges { cursor node { id key provider kind ratio durationSeconds tags } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.PosesDocument,
    "\n  query PoseNode($id: ID!) {\n    node(id: $id) { __typename id ... on Pose { key kind } }\n    pose(id: $id) { key provider }\n  }\n": typeof types.PoseNodeDocument,
    "\n  query StillsAndMotion($id: ID!, $stills: [ID!]!, $animated: ID!, $fps: Int!) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        images(poses: $stills, quality: W320) { costUnits costAccuracy }\n        animation(pose: $animated, fps: $fps, quality: W320) { frameCount costUnits costAccuracy }\n        frames(pose: $animated, fps: $fps, quality: W320) { costUnits costAccuracy }\n      }\n    }\n  }\n": typeof types.StillsAndMotionDocument,
    "\n  mutation RenderGroupLimited($input: RenderGroupImageInput!) {\n    renderGroupImage(input: $input) {\n      __typename\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n": typeof types.RenderGroupLimitedDocument,
    "\n  subscription RenderOnAvatarUpdate($id: ID!, $poses: [ID!]!) {\n    avatarUpdated(id: $id) {\n      id\n      ... on ZepetoAvatar { images(poses: $poses) { url costUnits } }\n    }\n  }\n": typeof types.RenderOnAvatarUpdateDocument,
    "\n  mutation CreateAvatarErrors($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on InvalidPhotoError { field }\n      ... on ValidationError { field }\n      ... on RateLimitedError { retryAfterSeconds }\n      ... on UpstreamError { retryAfterSeconds retryable }\n    }\n  }\n": typeof types.CreateAvatarErrorsDocument,
    "\n  query AvatarHair($id: ID!) {\n    avatar(id: $id) {\n      __typename id\n      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { assetId color } } } }\n    }\n  }\n": typeof types.AvatarHairDocument,
    "\n  query AvatarHairKeyedByCatalogId($id: ID!) {\n    avatar(id: $id) {\n      __typename id\n      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { id: assetId color } } } }\n    }\n  }\n": typeof types.AvatarHairKeyedByCatalogIdDocument,
    "\n  query AvatarStatusViaInterface($id: ID!) {\n    node(id: $id) { __typename id ... on Avatar { status provider } }\n  }\n": typeof types.AvatarStatusViaInterfaceDocument,
    "\n  query ForgedNode($id: ID!) {\n    node(id: $id) { __typename id }\n    nodes(ids: [$id, $id]) { __typename id }\n    avatar(id: $id) { id }\n    pose(id: $id) { key }\n  }\n": typeof types.ForgedNodeDocument,
    "\n  mutation ForgedIds($id: ID!) {\n    deleteAvatar(id: $id) { __typename ... on Error { message code } }\n    exportAvatar(id: $id) { __typename ... on Error { message code } }\n    customizeAvatar(input: { id: $id, skinToneCorrection: 1 }) { __typename ... on Error { message code } }\n    renderGroupImage(input: { avatars: [$id], pose: \"PO_1\" }) { __typename ... on Error { message code } }\n    createEditorSession(input: { kind: EDIT_EXISTING, avatarId: $id }) { __typename ... on Error { message code } }\n  }\n": typeof types.ForgedIdsDocument,
    "subscription ForgedAvatarUpdates($id: ID!) { avatarUpdated(id: $id) { id } }": typeof types.ForgedAvatarUpdatesDocument,
    "subscription ForgedImageUpdates($id: ID!) { imageUpdated(id: $id) { id } }": typeof types.ForgedImageUpdatesDocument,
    "query RealPoseIds { poses(first: 1) { edges { node { id } } } }": typeof types.RealPoseIdsDocument,
    "\n  mutation ZepetoConnect {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id status url expiresAt avatars { id } } }\n      ... on Error { message code }\n    }\n  }\n": typeof types.ZepetoConnectDocument,
    "\n  query ZepetoViewerAvatars {\n    viewer { avatars(provider: ZEPETO) { edges { node { id status ... on ZepetoAvatar { zepetoId } } } } }\n  }\n": typeof types.ZepetoViewerAvatarsDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer { userId }\n  }\n": types.ViewerDocument,
    "query PublicPoses { poses(first: 1) { edges { node { key } } } }": types.PublicPosesDocument,
    "subscription ExpiringUpdates($id: ID!) { avatarUpdated(id: $id) { id status } }": types.ExpiringUpdatesDocument,
    "subscription LimitedUpdates($id: ID!) { avatarUpdated(id: $id) { id } }": types.LimitedUpdatesDocument,
    "\n  mutation CreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status bodyType telephoto failureReason } }\n      ... on Error { message code }\n      ... on InvalidPhotoError { field }\n      ... on ValidationError { field }\n    }\n  }\n": types.CreateAvatarDocument,
    "\n  mutation StartAvatarUpload($input: StartAvatarUploadInput!) {\n    startAvatarUpload(input: $input) {\n      __typename\n      ... on StartAvatarUploadSuccess {\n        avatar { id status bodyType }\n        uploadUrl method expiresAt expiresInSeconds\n        fileFields { frontal side1 side2 }\n        formFields { name value }\n      }\n      ... on Error { message code }\n    }\n  }\n": types.StartAvatarUploadDocument,
    "\n  query AvaturnAvatar($id: ID!) {\n    avatar(id: $id) {\n      __typename id status provider\n      ... on AvaturnAvatar { bodyType telephoto failureReason model { status url expiresAt } }\n    }\n  }\n": types.AvaturnAvatarDocument,
    "\n  subscription AvatarUpdated($id: ID!) {\n    avatarUpdated(id: $id) {\n      __typename id status\n      ... on AvaturnAvatar { failureReason model { status url expiresAt } }\n    }\n  }\n": types.AvatarUpdatedDocument,
    "\n  mutation ExportAvatar($id: ID!) {\n    exportAvatar(id: $id) {\n      __typename\n      ... on ExportAvatarSuccess { avatar { id status } model { status url expiresAt } }\n      ... on Error { message code }\n    }\n  }\n": types.ExportAvatarDocument,
    "\n  mutation CustomizeAvatar($input: CustomizeAvatarInput!) {\n    customizeAvatar(input: $input) {\n      __typename\n      ... on CustomizeAvatarSuccess {\n        avatar {\n          id\n          customization {\n            assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }\n            body age boneScale { head arms chest } skinToneCorrection metadata { key value }\n          }\n        }\n      }\n      ... on Error { message code }\n      ... on ValidationError { field }\n    }\n  }\n": types.CustomizeAvatarDocument,
    "\n  query AvatarCustomization($id: ID!) {\n    avatar(id: $id) {\n      __typename\n      ... on AvaturnAvatar {\n        customization {\n          assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }\n          body age boneScale { head arms chest } skinToneCorrection metadata { key value }\n        }\n      }\n    }\n  }\n": types.AvatarCustomizationDocument,
    "\n  query SceneImage($id: ID!, $pose: ID!, $format: ImageFormat) {\n    avatar(id: $id) {\n      image(pose: $pose, format: $format) { id status url expiresAt format width height quality pose { key provider } avatars { id } }\n    }\n  }\n": types.SceneImageDocument,
    "\n  subscription ImageUpdated($id: ID!) {\n    imageUpdated(id: $id) { id status url format }\n  }\n": types.ImageUpdatedDocument,
    "\n  mutation CreateEditorSession($input: CreateEditorSessionInput!) {\n    createEditorSession(input: $input) {\n      __typename\n      ... on CreateEditorSessionSuccess { url kind avatar { id } }\n      ... on Error { message code }\n      ... on ValidationError { field }\n    }\n  }\n": types.CreateEditorSessionDocument,
    "\n  mutation DeleteAvaturnAvatar($id: ID!) {\n    deleteAvatar(id: $id) {\n      __typename\n      ... on DeleteAvatarSuccess { deletedId }\n      ... on Error { message code }\n    }\n  }\n": types.DeleteAvaturnAvatarDocument,
    "\n  query ViewerAvatars($provider: AvatarProvider, $status: AvatarStatus, $first: Int) {\n    viewer { avatars(provider: $provider, status: $status, first: $first) { edges { node { id status provider } } } }\n  }\n": types.ViewerAvatarsDocument,
    "\n  query AvaturnNode($id: ID!) {\n    node(id: $id) { __typename id ... on AvaturnAvatar { status bodyType } }\n  }\n": types.AvaturnNodeDocument,
    "\n  query FuzzNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { __typename id ... on AvatarImage { url costUnits } }\n  }\n": types.FuzzNodesDocument,
    "\n  query FuzzPoses($after: String, $before: String, $first: Int, $last: Int, $kind: PoseKind, $provider: AvatarProvider, $tag: String, $pose: ID!) {\n    poses(after: $after, before: $before, first: $first, last: $last, kind: $kind, provider: $provider, tag: $tag) {\n      edges { cursor node { id key } }\n      pageInfo { hasNextPage endCursor }\n    }\n    pose(id: $pose) { id key }\n  }\n": types.FuzzPosesDocument,
    "\n  query FuzzViewer($provider: AvatarProvider, $status: AvatarStatus, $first: Int, $after: String, $last: Int, $before: String) {\n    viewer { avatars(provider: $provider, status: $status, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } } }\n  }\n": types.FuzzViewerDocument,
    "\n  query RenderGallery($id: ID!, $poses: [ID!]!, $quality: ImageQuality! = W640) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        images(poses: $poses, quality: $quality) {\n          id\n          status\n          url\n          expiresAt\n          format\n          width\n          height\n          frameCount\n          quality\n          costUnits\n          pose { key }\n          avatars { id }\n        }\n      }\n    }\n  }\n": types.RenderGalleryDocument,
    "\n  query RenderMixedGallery($id: ID!, $poses: [ID!]!, $p1: ID!, $p2: ID!, $p3: ID!, $p4: ID!, $p5: ID!) {\n    avatar(id: $id) {\n      ... on ZepetoAvatar {\n        images(poses: $poses) { id pose { key } }\n      }\n      ...RenderExtraPoses\n    }\n  }\n  fragment RenderExtraPoses on Avatar {\n    a1: image(pose: $p1) { id pose { key } }\n    a2: image(pose: $p2) { id pose { key } }\n    a3: image(pose: $p3) { id pose { key } }\n    a4: image(pose: $p4) { id pose { key } }\n    a5: image(pose: $p5) { id pose { key } }\n  }\n": types.RenderMixedGalleryDocument,
    "\n  query RenderTwoGalleries($a: ID!, $b: ID!, $poses: [ID!]!) {\n    a: node(id: $a) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }\n    b: node(id: $b) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }\n  }\n": types.RenderTwoGalleriesDocument,
    "\n  query RenderSamePose($id: ID!, $pose: ID!) {\n    avatar(id: $id) {\n      __typename\n      a: image(pose: $pose) { id }\n      b: image(pose: $pose, quality: W640) { id }\n      ... on ZepetoAvatar {\n        c: images(poses: [$pose]) { id }\n        d: image(pose: $pose, format: PNG) { id }\n      }\n    }\n  }\n": types.RenderSamePoseDocument,
    "\n  query RenderNested($id: ID!, $pose: ID!, $other: ID!) {\n    avatar(id: $id) {\n      image(pose: $pose) {\n        id\n        avatars { image(pose: $other) { id pose { key } } }\n      }\n    }\n  }\n": types.RenderNestedDocument,
    "\n  query RenderImage($id: ID!, $pose: ID!, $quality: ImageQuality! = W640, $format: ImageFormat) {\n    avatar(id: $id) {\n      image(pose: $pose, quality: $quality, format: $format) { id url format width height frameCount costUnits }\n    }\n  }\n": types.RenderImageDocument,
    "\n  query RenderMotion($id: ID!, $pose: ID!, $fps: Int! = 10, $quality: ImageQuality! = W320) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        animation(pose: $pose, fps: $fps, quality: $quality) { id url format width height frameCount costUnits }\n        frames(pose: $pose, fps: $fps, quality: $quality) { id url format width height costUnits }\n      }\n    }\n  }\n": types.RenderMotionDocument,
    "\n  query RenderAnimation($id: ID!, $pose: ID!, $fps: Int!) {\n    node(id: $id) { ... on ZepetoAvatar { animation(pose: $pose, fps: $fps) { id frameCount } } }\n  }\n": types.RenderAnimationDocument,
    "\n  query RenderFrames($id: ID!, $pose: ID!, $fps: Int!) {\n    node(id: $id) { ... on ZepetoAvatar { frames(pose: $pose, fps: $fps) { id } } }\n  }\n": types.RenderFramesDocument,
    "\n  mutation RenderGroup($input: RenderGroupImageInput!) {\n    renderGroupImage(input: $input) {\n      __typename\n      ... on RenderGroupImageSuccess { image { id width height costUnits avatars { id } pose { key } } }\n      ... on Error { message code }\n      ... on ValidationError { field }\n      ... on BudgetExceededError { estimatedUnits budgetUnits }\n    }\n  }\n": types.RenderGroupDocument,
    "\n  query RenderImageNode($id: ID!) {\n    node(id: $id) { __typename ... on AvatarImage { id url format } }\n  }\n": types.RenderImageNodeDocument,
    "\n  mutation CreateAvatarFromVariables($f: Upload!, $s1: Upload!, $s2: Upload!) {\n    createAvatar(input: { frontal: $f, side1: $s1, side2: $s2, bodyType: MALE }) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status } }\n      ... on Error { message code }\n    }\n  }\n": types.CreateAvatarFromVariablesDocument,
    "\n  query UploadsViewer {\n    viewer { userId }\n  }\n": types.UploadsViewerDocument,
    "\n  mutation LimitedStartAvatarUpload {\n    startAvatarUpload(input: { bodyType: MALE }) {\n      __typename\n      ... on StartAvatarUploadSuccess { avatar { id } }\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n": types.LimitedStartAvatarUploadDocument,
    "\n  mutation LimitedZepetoConnect {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id } }\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n": types.LimitedZepetoConnectDocument,
    "\n  query RenderForMetrics($id: ID!) {\n    avatar(id: $id) { ... on ZepetoAvatar { images(poses: [\"PO_5\", \"PO_6\"], quality: W320) { costUnits } } }\n  }\n": types.RenderForMetricsDocument,
    "\n  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {\n    poses(provider: $provider, kind: $kind, first: $first, after: $after) {\n      edges { cursor node { id key provider kind ratio durationSeconds tags } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.PosesDocument,
    "\n  query PoseNode($id: ID!) {\n    node(id: $id) { __typename id ... on Pose { key kind } }\n    pose(id: $id) { key provider }\n  }\n": types.PoseNodeDocument,
    "\n  query StillsAndMotion($id: ID!, $stills: [ID!]!, $animated: ID!, $fps: Int!) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        images(poses: $stills, quality: W320) { costUnits costAccuracy }\n        animation(pose: $animated, fps: $fps, quality: W320) { frameCount costUnits costAccuracy }\n        frames(pose: $animated, fps: $fps, quality: W320) { costUnits costAccuracy }\n      }\n    }\n  }\n": types.StillsAndMotionDocument,
    "\n  mutation RenderGroupLimited($input: RenderGroupImageInput!) {\n    renderGroupImage(input: $input) {\n      __typename\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n": types.RenderGroupLimitedDocument,
    "\n  subscription RenderOnAvatarUpdate($id: ID!, $poses: [ID!]!) {\n    avatarUpdated(id: $id) {\n      id\n      ... on ZepetoAvatar { images(poses: $poses) { url costUnits } }\n    }\n  }\n": types.RenderOnAvatarUpdateDocument,
    "\n  mutation CreateAvatarErrors($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on InvalidPhotoError { field }\n      ... on ValidationError { field }\n      ... on RateLimitedError { retryAfterSeconds }\n      ... on UpstreamError { retryAfterSeconds retryable }\n    }\n  }\n": types.CreateAvatarErrorsDocument,
    "\n  query AvatarHair($id: ID!) {\n    avatar(id: $id) {\n      __typename id\n      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { assetId color } } } }\n    }\n  }\n": types.AvatarHairDocument,
    "\n  query AvatarHairKeyedByCatalogId($id: ID!) {\n    avatar(id: $id) {\n      __typename id\n      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { id: assetId color } } } }\n    }\n  }\n": types.AvatarHairKeyedByCatalogIdDocument,
    "\n  query AvatarStatusViaInterface($id: ID!) {\n    node(id: $id) { __typename id ... on Avatar { status provider } }\n  }\n": types.AvatarStatusViaInterfaceDocument,
    "\n  query ForgedNode($id: ID!) {\n    node(id: $id) { __typename id }\n    nodes(ids: [$id, $id]) { __typename id }\n    avatar(id: $id) { id }\n    pose(id: $id) { key }\n  }\n": types.ForgedNodeDocument,
    "\n  mutation ForgedIds($id: ID!) {\n    deleteAvatar(id: $id) { __typename ... on Error { message code } }\n    exportAvatar(id: $id) { __typename ... on Error { message code } }\n    customizeAvatar(input: { id: $id, skinToneCorrection: 1 }) { __typename ... on Error { message code } }\n    renderGroupImage(input: { avatars: [$id], pose: \"PO_1\" }) { __typename ... on Error { message code } }\n    createEditorSession(input: { kind: EDIT_EXISTING, avatarId: $id }) { __typename ... on Error { message code } }\n  }\n": types.ForgedIdsDocument,
    "subscription ForgedAvatarUpdates($id: ID!) { avatarUpdated(id: $id) { id } }": types.ForgedAvatarUpdatesDocument,
    "subscription ForgedImageUpdates($id: ID!) { imageUpdated(id: $id) { id } }": types.ForgedImageUpdatesDocument,
    "query RealPoseIds { poses(first: 1) { edges { node { id } } } }": types.RealPoseIdsDocument,
    "\n  mutation ZepetoConnect {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id status url expiresAt avatars { id } } }\n      ... on Error { message code }\n    }\n  }\n": types.ZepetoConnectDocument,
    "\n  query ZepetoViewerAvatars {\n    viewer { avatars(provider: ZEPETO) { edges { node { id status ... on ZepetoAvatar { zepetoId } } } } }\n  }\n": types.ZepetoViewerAvatarsDocument,
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
export function graphql(source: "subscription ExpiringUpdates($id: ID!) { avatarUpdated(id: $id) { id status } }"): (typeof documents)["subscription ExpiringUpdates($id: ID!) { avatarUpdated(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription LimitedUpdates($id: ID!) { avatarUpdated(id: $id) { id } }"): (typeof documents)["subscription LimitedUpdates($id: ID!) { avatarUpdated(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status bodyType telephoto failureReason } }\n      ... on Error { message code }\n      ... on InvalidPhotoError { field }\n      ... on ValidationError { field }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status bodyType telephoto failureReason } }\n      ... on Error { message code }\n      ... on InvalidPhotoError { field }\n      ... on ValidationError { field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartAvatarUpload($input: StartAvatarUploadInput!) {\n    startAvatarUpload(input: $input) {\n      __typename\n      ... on StartAvatarUploadSuccess {\n        avatar { id status bodyType }\n        uploadUrl method expiresAt expiresInSeconds\n        fileFields { frontal side1 side2 }\n        formFields { name value }\n      }\n      ... on Error { message code }\n    }\n  }\n"): (typeof documents)["\n  mutation StartAvatarUpload($input: StartAvatarUploadInput!) {\n    startAvatarUpload(input: $input) {\n      __typename\n      ... on StartAvatarUploadSuccess {\n        avatar { id status bodyType }\n        uploadUrl method expiresAt expiresInSeconds\n        fileFields { frontal side1 side2 }\n        formFields { name value }\n      }\n      ... on Error { message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AvaturnAvatar($id: ID!) {\n    avatar(id: $id) {\n      __typename id status provider\n      ... on AvaturnAvatar { bodyType telephoto failureReason model { status url expiresAt } }\n    }\n  }\n"): (typeof documents)["\n  query AvaturnAvatar($id: ID!) {\n    avatar(id: $id) {\n      __typename id status provider\n      ... on AvaturnAvatar { bodyType telephoto failureReason model { status url expiresAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AvatarUpdated($id: ID!) {\n    avatarUpdated(id: $id) {\n      __typename id status\n      ... on AvaturnAvatar { failureReason model { status url expiresAt } }\n    }\n  }\n"): (typeof documents)["\n  subscription AvatarUpdated($id: ID!) {\n    avatarUpdated(id: $id) {\n      __typename id status\n      ... on AvaturnAvatar { failureReason model { status url expiresAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportAvatar($id: ID!) {\n    exportAvatar(id: $id) {\n      __typename\n      ... on ExportAvatarSuccess { avatar { id status } model { status url expiresAt } }\n      ... on Error { message code }\n    }\n  }\n"): (typeof documents)["\n  mutation ExportAvatar($id: ID!) {\n    exportAvatar(id: $id) {\n      __typename\n      ... on ExportAvatarSuccess { avatar { id status } model { status url expiresAt } }\n      ... on Error { message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CustomizeAvatar($input: CustomizeAvatarInput!) {\n    customizeAvatar(input: $input) {\n      __typename\n      ... on CustomizeAvatarSuccess {\n        avatar {\n          id\n          customization {\n            assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }\n            body age boneScale { head arms chest } skinToneCorrection metadata { key value }\n          }\n        }\n      }\n      ... on Error { message code }\n      ... on ValidationError { field }\n    }\n  }\n"): (typeof documents)["\n  mutation CustomizeAvatar($input: CustomizeAvatarInput!) {\n    customizeAvatar(input: $input) {\n      __typename\n      ... on CustomizeAvatarSuccess {\n        avatar {\n          id\n          customization {\n            assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }\n            body age boneScale { head arms chest } skinToneCorrection metadata { key value }\n          }\n        }\n      }\n      ... on Error { message code }\n      ... on ValidationError { field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AvatarCustomization($id: ID!) {\n    avatar(id: $id) {\n      __typename\n      ... on AvaturnAvatar {\n        customization {\n          assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }\n          body age boneScale { head arms chest } skinToneCorrection metadata { key value }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AvatarCustomization($id: ID!) {\n    avatar(id: $id) {\n      __typename\n      ... on AvaturnAvatar {\n        customization {\n          assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }\n          body age boneScale { head arms chest } skinToneCorrection metadata { key value }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SceneImage($id: ID!, $pose: ID!, $format: ImageFormat) {\n    avatar(id: $id) {\n      image(pose: $pose, format: $format) { id status url expiresAt format width height quality pose { key provider } avatars { id } }\n    }\n  }\n"): (typeof documents)["\n  query SceneImage($id: ID!, $pose: ID!, $format: ImageFormat) {\n    avatar(id: $id) {\n      image(pose: $pose, format: $format) { id status url expiresAt format width height quality pose { key provider } avatars { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ImageUpdated($id: ID!) {\n    imageUpdated(id: $id) { id status url format }\n  }\n"): (typeof documents)["\n  subscription ImageUpdated($id: ID!) {\n    imageUpdated(id: $id) { id status url format }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEditorSession($input: CreateEditorSessionInput!) {\n    createEditorSession(input: $input) {\n      __typename\n      ... on CreateEditorSessionSuccess { url kind avatar { id } }\n      ... on Error { message code }\n      ... on ValidationError { field }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEditorSession($input: CreateEditorSessionInput!) {\n    createEditorSession(input: $input) {\n      __typename\n      ... on CreateEditorSessionSuccess { url kind avatar { id } }\n      ... on Error { message code }\n      ... on ValidationError { field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAvaturnAvatar($id: ID!) {\n    deleteAvatar(id: $id) {\n      __typename\n      ... on DeleteAvatarSuccess { deletedId }\n      ... on Error { message code }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteAvaturnAvatar($id: ID!) {\n    deleteAvatar(id: $id) {\n      __typename\n      ... on DeleteAvatarSuccess { deletedId }\n      ... on Error { message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerAvatars($provider: AvatarProvider, $status: AvatarStatus, $first: Int) {\n    viewer { avatars(provider: $provider, status: $status, first: $first) { edges { node { id status provider } } } }\n  }\n"): (typeof documents)["\n  query ViewerAvatars($provider: AvatarProvider, $status: AvatarStatus, $first: Int) {\n    viewer { avatars(provider: $provider, status: $status, first: $first) { edges { node { id status provider } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AvaturnNode($id: ID!) {\n    node(id: $id) { __typename id ... on AvaturnAvatar { status bodyType } }\n  }\n"): (typeof documents)["\n  query AvaturnNode($id: ID!) {\n    node(id: $id) { __typename id ... on AvaturnAvatar { status bodyType } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FuzzNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { __typename id ... on AvatarImage { url costUnits } }\n  }\n"): (typeof documents)["\n  query FuzzNodes($ids: [ID!]!) {\n    nodes(ids: $ids) { __typename id ... on AvatarImage { url costUnits } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FuzzPoses($after: String, $before: String, $first: Int, $last: Int, $kind: PoseKind, $provider: AvatarProvider, $tag: String, $pose: ID!) {\n    poses(after: $after, before: $before, first: $first, last: $last, kind: $kind, provider: $provider, tag: $tag) {\n      edges { cursor node { id key } }\n      pageInfo { hasNextPage endCursor }\n    }\n    pose(id: $pose) { id key }\n  }\n"): (typeof documents)["\n  query FuzzPoses($after: String, $before: String, $first: Int, $last: Int, $kind: PoseKind, $provider: AvatarProvider, $tag: String, $pose: ID!) {\n    poses(after: $after, before: $before, first: $first, last: $last, kind: $kind, provider: $provider, tag: $tag) {\n      edges { cursor node { id key } }\n      pageInfo { hasNextPage endCursor }\n    }\n    pose(id: $pose) { id key }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FuzzViewer($provider: AvatarProvider, $status: AvatarStatus, $first: Int, $after: String, $last: Int, $before: String) {\n    viewer { avatars(provider: $provider, status: $status, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } } }\n  }\n"): (typeof documents)["\n  query FuzzViewer($provider: AvatarProvider, $status: AvatarStatus, $first: Int, $after: String, $last: Int, $before: String) {\n    viewer { avatars(provider: $provider, status: $status, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderGallery($id: ID!, $poses: [ID!]!, $quality: ImageQuality! = W640) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        images(poses: $poses, quality: $quality) {\n          id\n          status\n          url\n          expiresAt\n          format\n          width\n          height\n          frameCount\n          quality\n          costUnits\n          pose { key }\n          avatars { id }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RenderGallery($id: ID!, $poses: [ID!]!, $quality: ImageQuality! = W640) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        images(poses: $poses, quality: $quality) {\n          id\n          status\n          url\n          expiresAt\n          format\n          width\n          height\n          frameCount\n          quality\n          costUnits\n          pose { key }\n          avatars { id }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderMixedGallery($id: ID!, $poses: [ID!]!, $p1: ID!, $p2: ID!, $p3: ID!, $p4: ID!, $p5: ID!) {\n    avatar(id: $id) {\n      ... on ZepetoAvatar {\n        images(poses: $poses) { id pose { key } }\n      }\n      ...RenderExtraPoses\n    }\n  }\n  fragment RenderExtraPoses on Avatar {\n    a1: image(pose: $p1) { id pose { key } }\n    a2: image(pose: $p2) { id pose { key } }\n    a3: image(pose: $p3) { id pose { key } }\n    a4: image(pose: $p4) { id pose { key } }\n    a5: image(pose: $p5) { id pose { key } }\n  }\n"): (typeof documents)["\n  query RenderMixedGallery($id: ID!, $poses: [ID!]!, $p1: ID!, $p2: ID!, $p3: ID!, $p4: ID!, $p5: ID!) {\n    avatar(id: $id) {\n      ... on ZepetoAvatar {\n        images(poses: $poses) { id pose { key } }\n      }\n      ...RenderExtraPoses\n    }\n  }\n  fragment RenderExtraPoses on Avatar {\n    a1: image(pose: $p1) { id pose { key } }\n    a2: image(pose: $p2) { id pose { key } }\n    a3: image(pose: $p3) { id pose { key } }\n    a4: image(pose: $p4) { id pose { key } }\n    a5: image(pose: $p5) { id pose { key } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderTwoGalleries($a: ID!, $b: ID!, $poses: [ID!]!) {\n    a: node(id: $a) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }\n    b: node(id: $b) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }\n  }\n"): (typeof documents)["\n  query RenderTwoGalleries($a: ID!, $b: ID!, $poses: [ID!]!) {\n    a: node(id: $a) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }\n    b: node(id: $b) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderSamePose($id: ID!, $pose: ID!) {\n    avatar(id: $id) {\n      __typename\n      a: image(pose: $pose) { id }\n      b: image(pose: $pose, quality: W640) { id }\n      ... on ZepetoAvatar {\n        c: images(poses: [$pose]) { id }\n        d: image(pose: $pose, format: PNG) { id }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RenderSamePose($id: ID!, $pose: ID!) {\n    avatar(id: $id) {\n      __typename\n      a: image(pose: $pose) { id }\n      b: image(pose: $pose, quality: W640) { id }\n      ... on ZepetoAvatar {\n        c: images(poses: [$pose]) { id }\n        d: image(pose: $pose, format: PNG) { id }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderNested($id: ID!, $pose: ID!, $other: ID!) {\n    avatar(id: $id) {\n      image(pose: $pose) {\n        id\n        avatars { image(pose: $other) { id pose { key } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RenderNested($id: ID!, $pose: ID!, $other: ID!) {\n    avatar(id: $id) {\n      image(pose: $pose) {\n        id\n        avatars { image(pose: $other) { id pose { key } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderImage($id: ID!, $pose: ID!, $quality: ImageQuality! = W640, $format: ImageFormat) {\n    avatar(id: $id) {\n      image(pose: $pose, quality: $quality, format: $format) { id url format width height frameCount costUnits }\n    }\n  }\n"): (typeof documents)["\n  query RenderImage($id: ID!, $pose: ID!, $quality: ImageQuality! = W640, $format: ImageFormat) {\n    avatar(id: $id) {\n      image(pose: $pose, quality: $quality, format: $format) { id url format width height frameCount costUnits }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderMotion($id: ID!, $pose: ID!, $fps: Int! = 10, $quality: ImageQuality! = W320) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        animation(pose: $pose, fps: $fps, quality: $quality) { id url format width height frameCount costUnits }\n        frames(pose: $pose, fps: $fps, quality: $quality) { id url format width height costUnits }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RenderMotion($id: ID!, $pose: ID!, $fps: Int! = 10, $quality: ImageQuality! = W320) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        animation(pose: $pose, fps: $fps, quality: $quality) { id url format width height frameCount costUnits }\n        frames(pose: $pose, fps: $fps, quality: $quality) { id url format width height costUnits }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderAnimation($id: ID!, $pose: ID!, $fps: Int!) {\n    node(id: $id) { ... on ZepetoAvatar { animation(pose: $pose, fps: $fps) { id frameCount } } }\n  }\n"): (typeof documents)["\n  query RenderAnimation($id: ID!, $pose: ID!, $fps: Int!) {\n    node(id: $id) { ... on ZepetoAvatar { animation(pose: $pose, fps: $fps) { id frameCount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderFrames($id: ID!, $pose: ID!, $fps: Int!) {\n    node(id: $id) { ... on ZepetoAvatar { frames(pose: $pose, fps: $fps) { id } } }\n  }\n"): (typeof documents)["\n  query RenderFrames($id: ID!, $pose: ID!, $fps: Int!) {\n    node(id: $id) { ... on ZepetoAvatar { frames(pose: $pose, fps: $fps) { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenderGroup($input: RenderGroupImageInput!) {\n    renderGroupImage(input: $input) {\n      __typename\n      ... on RenderGroupImageSuccess { image { id width height costUnits avatars { id } pose { key } } }\n      ... on Error { message code }\n      ... on ValidationError { field }\n      ... on BudgetExceededError { estimatedUnits budgetUnits }\n    }\n  }\n"): (typeof documents)["\n  mutation RenderGroup($input: RenderGroupImageInput!) {\n    renderGroupImage(input: $input) {\n      __typename\n      ... on RenderGroupImageSuccess { image { id width height costUnits avatars { id } pose { key } } }\n      ... on Error { message code }\n      ... on ValidationError { field }\n      ... on BudgetExceededError { estimatedUnits budgetUnits }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderImageNode($id: ID!) {\n    node(id: $id) { __typename ... on AvatarImage { id url format } }\n  }\n"): (typeof documents)["\n  query RenderImageNode($id: ID!) {\n    node(id: $id) { __typename ... on AvatarImage { id url format } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAvatarFromVariables($f: Upload!, $s1: Upload!, $s2: Upload!) {\n    createAvatar(input: { frontal: $f, side1: $s1, side2: $s2, bodyType: MALE }) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status } }\n      ... on Error { message code }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAvatarFromVariables($f: Upload!, $s1: Upload!, $s2: Upload!) {\n    createAvatar(input: { frontal: $f, side1: $s1, side2: $s2, bodyType: MALE }) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status } }\n      ... on Error { message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UploadsViewer {\n    viewer { userId }\n  }\n"): (typeof documents)["\n  query UploadsViewer {\n    viewer { userId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitedStartAvatarUpload {\n    startAvatarUpload(input: { bodyType: MALE }) {\n      __typename\n      ... on StartAvatarUploadSuccess { avatar { id } }\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n"): (typeof documents)["\n  mutation LimitedStartAvatarUpload {\n    startAvatarUpload(input: { bodyType: MALE }) {\n      __typename\n      ... on StartAvatarUploadSuccess { avatar { id } }\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitedZepetoConnect {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id } }\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n"): (typeof documents)["\n  mutation LimitedZepetoConnect {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id } }\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderForMetrics($id: ID!) {\n    avatar(id: $id) { ... on ZepetoAvatar { images(poses: [\"PO_5\", \"PO_6\"], quality: W320) { costUnits } } }\n  }\n"): (typeof documents)["\n  query RenderForMetrics($id: ID!) {\n    avatar(id: $id) { ... on ZepetoAvatar { images(poses: [\"PO_5\", \"PO_6\"], quality: W320) { costUnits } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {\n    poses(provider: $provider, kind: $kind, first: $first, after: $after) {\n      edges { cursor node { id key provider kind ratio durationSeconds tags } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Poses($provider: AvatarProvider, $kind: PoseKind, $first: Int, $after: String) {\n    poses(provider: $provider, kind: $kind, first: $first, after: $after) {\n      edges { cursor node { id key provider kind ratio durationSeconds tags } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PoseNode($id: ID!) {\n    node(id: $id) { __typename id ... on Pose { key kind } }\n    pose(id: $id) { key provider }\n  }\n"): (typeof documents)["\n  query PoseNode($id: ID!) {\n    node(id: $id) { __typename id ... on Pose { key kind } }\n    pose(id: $id) { key provider }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StillsAndMotion($id: ID!, $stills: [ID!]!, $animated: ID!, $fps: Int!) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        images(poses: $stills, quality: W320) { costUnits costAccuracy }\n        animation(pose: $animated, fps: $fps, quality: W320) { frameCount costUnits costAccuracy }\n        frames(pose: $animated, fps: $fps, quality: W320) { costUnits costAccuracy }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StillsAndMotion($id: ID!, $stills: [ID!]!, $animated: ID!, $fps: Int!) {\n    node(id: $id) {\n      __typename\n      ... on ZepetoAvatar {\n        images(poses: $stills, quality: W320) { costUnits costAccuracy }\n        animation(pose: $animated, fps: $fps, quality: W320) { frameCount costUnits costAccuracy }\n        frames(pose: $animated, fps: $fps, quality: W320) { costUnits costAccuracy }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenderGroupLimited($input: RenderGroupImageInput!) {\n    renderGroupImage(input: $input) {\n      __typename\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n"): (typeof documents)["\n  mutation RenderGroupLimited($input: RenderGroupImageInput!) {\n    renderGroupImage(input: $input) {\n      __typename\n      ... on Error { message code }\n      ... on RateLimitedError { retryAfterSeconds }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RenderOnAvatarUpdate($id: ID!, $poses: [ID!]!) {\n    avatarUpdated(id: $id) {\n      id\n      ... on ZepetoAvatar { images(poses: $poses) { url costUnits } }\n    }\n  }\n"): (typeof documents)["\n  subscription RenderOnAvatarUpdate($id: ID!, $poses: [ID!]!) {\n    avatarUpdated(id: $id) {\n      id\n      ... on ZepetoAvatar { images(poses: $poses) { url costUnits } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAvatarErrors($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on InvalidPhotoError { field }\n      ... on ValidationError { field }\n      ... on RateLimitedError { retryAfterSeconds }\n      ... on UpstreamError { retryAfterSeconds retryable }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAvatarErrors($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on InvalidPhotoError { field }\n      ... on ValidationError { field }\n      ... on RateLimitedError { retryAfterSeconds }\n      ... on UpstreamError { retryAfterSeconds retryable }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AvatarHair($id: ID!) {\n    avatar(id: $id) {\n      __typename id\n      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { assetId color } } } }\n    }\n  }\n"): (typeof documents)["\n  query AvatarHair($id: ID!) {\n    avatar(id: $id) {\n      __typename id\n      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { assetId color } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AvatarHairKeyedByCatalogId($id: ID!) {\n    avatar(id: $id) {\n      __typename id\n      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { id: assetId color } } } }\n    }\n  }\n"): (typeof documents)["\n  query AvatarHairKeyedByCatalogId($id: ID!) {\n    avatar(id: $id) {\n      __typename id\n      ... on AvaturnAvatar { customization { assets { hairAndHeadwear { id: assetId color } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AvatarStatusViaInterface($id: ID!) {\n    node(id: $id) { __typename id ... on Avatar { status provider } }\n  }\n"): (typeof documents)["\n  query AvatarStatusViaInterface($id: ID!) {\n    node(id: $id) { __typename id ... on Avatar { status provider } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForgedNode($id: ID!) {\n    node(id: $id) { __typename id }\n    nodes(ids: [$id, $id]) { __typename id }\n    avatar(id: $id) { id }\n    pose(id: $id) { key }\n  }\n"): (typeof documents)["\n  query ForgedNode($id: ID!) {\n    node(id: $id) { __typename id }\n    nodes(ids: [$id, $id]) { __typename id }\n    avatar(id: $id) { id }\n    pose(id: $id) { key }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForgedIds($id: ID!) {\n    deleteAvatar(id: $id) { __typename ... on Error { message code } }\n    exportAvatar(id: $id) { __typename ... on Error { message code } }\n    customizeAvatar(input: { id: $id, skinToneCorrection: 1 }) { __typename ... on Error { message code } }\n    renderGroupImage(input: { avatars: [$id], pose: \"PO_1\" }) { __typename ... on Error { message code } }\n    createEditorSession(input: { kind: EDIT_EXISTING, avatarId: $id }) { __typename ... on Error { message code } }\n  }\n"): (typeof documents)["\n  mutation ForgedIds($id: ID!) {\n    deleteAvatar(id: $id) { __typename ... on Error { message code } }\n    exportAvatar(id: $id) { __typename ... on Error { message code } }\n    customizeAvatar(input: { id: $id, skinToneCorrection: 1 }) { __typename ... on Error { message code } }\n    renderGroupImage(input: { avatars: [$id], pose: \"PO_1\" }) { __typename ... on Error { message code } }\n    createEditorSession(input: { kind: EDIT_EXISTING, avatarId: $id }) { __typename ... on Error { message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ForgedAvatarUpdates($id: ID!) { avatarUpdated(id: $id) { id } }"): (typeof documents)["subscription ForgedAvatarUpdates($id: ID!) { avatarUpdated(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ForgedImageUpdates($id: ID!) { imageUpdated(id: $id) { id } }"): (typeof documents)["subscription ForgedImageUpdates($id: ID!) { imageUpdated(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RealPoseIds { poses(first: 1) { edges { node { id } } } }"): (typeof documents)["query RealPoseIds { poses(first: 1) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ZepetoConnect {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id status url expiresAt avatars { id } } }\n      ... on Error { message code }\n    }\n  }\n"): (typeof documents)["\n  mutation ZepetoConnect {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id status url expiresAt avatars { id } } }\n      ... on Error { message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ZepetoViewerAvatars {\n    viewer { avatars(provider: ZEPETO) { edges { node { id status ... on ZepetoAvatar { zepetoId } } } } }\n  }\n"): (typeof documents)["\n  query ZepetoViewerAvatars {\n    viewer { avatars(provider: ZEPETO) { edges { node { id status ... on ZepetoAvatar { zepetoId } } } } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;