import { graphql } from '../../__generated__/gql.js';

export const CreateAvatarMutation = graphql(`
  mutation CreateAvatar($input: CreateAvatarInput!) {
    createAvatar(input: $input) {
      __typename
      ... on CreateAvatarSuccess { avatar { id status bodyType telephoto failureReason } }
      ... on Error { message code }
      ... on InvalidPhotoError { field }
      ... on ValidationError { field }
    }
  }
`);

export const StartAvatarUploadMutation = graphql(`
  mutation StartAvatarUpload($input: StartAvatarUploadInput!) {
    startAvatarUpload(input: $input) {
      __typename
      ... on StartAvatarUploadSuccess {
        avatar { id status bodyType }
        uploadUrl method expiresAt expiresInSeconds
        fileFields { frontal side1 side2 }
        formFields { name value }
      }
      ... on Error { message code }
    }
  }
`);

export const AvatarQuery = graphql(`
  query AvaturnAvatar($id: ID!) {
    avatar(id: $id) {
      __typename id status provider
      ... on AvaturnAvatar { bodyType telephoto failureReason model { status url expiresAt } }
    }
  }
`);

export const AvatarUpdatedSubscription = graphql(`
  subscription AvatarUpdated($id: ID!) {
    avatarUpdated(id: $id) {
      __typename id status
      ... on AvaturnAvatar { failureReason model { status url expiresAt } }
    }
  }
`);

export const ExportAvatarMutation = graphql(`
  mutation ExportAvatar($id: ID!) {
    exportAvatar(id: $id) {
      __typename
      ... on ExportAvatarSuccess { avatar { id status } model { status url expiresAt } }
      ... on Error { message code }
    }
  }
`);

export const CustomizeAvatarMutation = graphql(`
  mutation CustomizeAvatar($input: CustomizeAvatarInput!) {
    customizeAvatar(input: $input) {
      __typename
      ... on CustomizeAvatarSuccess {
        avatar {
          id
          customization {
            assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }
            body age boneScale { head arms chest } skinToneCorrection metadata { key value }
          }
        }
      }
      ... on Error { message code }
      ... on ValidationError { field }
    }
  }
`);

export const CustomizationQuery = graphql(`
  query AvatarCustomization($id: ID!) {
    avatar(id: $id) {
      __typename
      ... on AvaturnAvatar {
        customization {
          assets { clothing { assetId } hairAndHeadwear { assetId color } eyewear { assetId color } footwear { assetId } }
          body age boneScale { head arms chest } skinToneCorrection metadata { key value }
        }
      }
    }
  }
`);

export const SceneImageQuery = graphql(`
  query SceneImage($id: ID!, $pose: ID!, $format: ImageFormat) {
    avatar(id: $id) {
      image(pose: $pose, format: $format) { id status url expiresAt format width height quality pose { key provider } avatars { id } }
    }
  }
`);

export const ImageUpdatedSubscription = graphql(`
  subscription ImageUpdated($id: ID!) {
    imageUpdated(id: $id) { id status url format }
  }
`);

export const CreateEditorSessionMutation = graphql(`
  mutation CreateEditorSession($input: CreateEditorSessionInput!) {
    createEditorSession(input: $input) {
      __typename
      ... on CreateEditorSessionSuccess { url kind avatar { id } }
      ... on Error { message code }
      ... on ValidationError { field }
    }
  }
`);

export const DeleteAvatarMutation = graphql(`
  mutation DeleteAvaturnAvatar($id: ID!) {
    deleteAvatar(id: $id) {
      __typename
      ... on DeleteAvatarSuccess { deletedId }
      ... on Error { message code }
    }
  }
`);

export const ViewerAvatarsQuery = graphql(`
  query ViewerAvatars($provider: AvatarProvider, $status: AvatarStatus, $first: Int) {
    viewer { avatars(provider: $provider, status: $status, first: $first) { edges { node { id status provider } } } }
  }
`);

export const NodeQuery = graphql(`
  query AvaturnNode($id: ID!) {
    node(id: $id) { __typename id ... on AvaturnAvatar { status bodyType } }
  }
`);
