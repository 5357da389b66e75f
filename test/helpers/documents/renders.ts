import { graphql } from '../../__generated__/gql.js';

/** Operations shared by the render tests. */

export const GalleryQuery = graphql(`
  query RenderGallery($id: ID!, $poses: [ID!]!, $quality: ImageQuality! = W640) {
    node(id: $id) {
      __typename
      ... on ZepetoAvatar {
        images(poses: $poses, quality: $quality) {
          id
          status
          url
          expiresAt
          format
          width
          height
          frameCount
          quality
          costUnits
          pose { key }
          avatars { id }
        }
      }
    }
  }
`);

export const MixedGalleryQuery = graphql(`
  query RenderMixedGallery($id: ID!, $poses: [ID!]!, $p1: ID!, $p2: ID!, $p3: ID!, $p4: ID!, $p5: ID!) {
    avatar(id: $id) {
      ... on ZepetoAvatar {
        images(poses: $poses) { id pose { key } }
      }
      ...RenderExtraPoses
    }
  }
  fragment RenderExtraPoses on Avatar {
    a1: image(pose: $p1) { id pose { key } }
    a2: image(pose: $p2) { id pose { key } }
    a3: image(pose: $p3) { id pose { key } }
    a4: image(pose: $p4) { id pose { key } }
    a5: image(pose: $p5) { id pose { key } }
  }
`);

export const TwoGalleriesQuery = graphql(`
  query RenderTwoGalleries($a: ID!, $b: ID!, $poses: [ID!]!) {
    a: node(id: $a) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }
    b: node(id: $b) { __typename ... on ZepetoAvatar { images(poses: $poses) { id avatars { id } } } }
  }
`);

export const SamePoseQuery = graphql(`
  query RenderSamePose($id: ID!, $pose: ID!) {
    avatar(id: $id) {
      __typename
      a: image(pose: $pose) { id }
      b: image(pose: $pose, quality: W640) { id }
      ... on ZepetoAvatar {
        c: images(poses: [$pose]) { id }
        d: image(pose: $pose, format: PNG) { id }
      }
    }
  }
`);

export const NestedQuery = graphql(`
  query RenderNested($id: ID!, $pose: ID!, $other: ID!) {
    avatar(id: $id) {
      image(pose: $pose) {
        id
        avatars { image(pose: $other) { id pose { key } } }
      }
    }
  }
`);

export const ImageQuery = graphql(`
  query RenderImage($id: ID!, $pose: ID!, $quality: ImageQuality! = W640, $format: ImageFormat) {
    avatar(id: $id) {
      image(pose: $pose, quality: $quality, format: $format) { id url format width height frameCount costUnits }
    }
  }
`);

export const MotionQuery = graphql(`
  query RenderMotion($id: ID!, $pose: ID!, $fps: Int! = 10, $quality: ImageQuality! = W320) {
    node(id: $id) {
      __typename
      ... on ZepetoAvatar {
        animation(pose: $pose, fps: $fps, quality: $quality) { id url format width height frameCount costUnits }
        frames(pose: $pose, fps: $fps, quality: $quality) { id url format width height costUnits }
      }
    }
  }
`);

export const AnimationQuery = graphql(`
  query RenderAnimation($id: ID!, $pose: ID!, $fps: Int!) {
    node(id: $id) { ... on ZepetoAvatar { animation(pose: $pose, fps: $fps) { id frameCount } } }
  }
`);

export const FramesQuery = graphql(`
  query RenderFrames($id: ID!, $pose: ID!, $fps: Int!) {
    node(id: $id) { ... on ZepetoAvatar { frames(pose: $pose, fps: $fps) { id } } }
  }
`);

export const GroupMutation = graphql(`
  mutation RenderGroup($input: RenderGroupImageInput!) {
    renderGroupImage(input: $input) {
      __typename
      ... on RenderGroupImageSuccess { image { id width height costUnits avatars { id } pose { key } } }
      ... on Error { message code }
      ... on ValidationError { field }
      ... on BudgetExceededError { estimatedUnits budgetUnits }
    }
  }
`);

export const ImageNodeQuery = graphql(`
  query RenderImageNode($id: ID!) {
    node(id: $id) { __typename ... on AvatarImage { id url format } }
  }
`);
