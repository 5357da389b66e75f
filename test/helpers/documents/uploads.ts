import { graphql } from '../../__generated__/gql.js';

/** createAvatar with the three photos as top-level `Upload` variables (the README's curl example). */
export const CreateAvatarFromVariablesMutation = graphql(`
  mutation CreateAvatarFromVariables($f: Upload!, $s1: Upload!, $s2: Upload!) {
    createAvatar(input: { frontal: $f, side1: $s1, side2: $s2, bodyType: MALE }) {
      __typename
      ... on CreateAvatarSuccess { avatar { id status } }
      ... on Error { message code }
    }
  }
`);

export const UploadsViewerQuery = graphql(`
  query UploadsViewer {
    viewer { userId }
  }
`);
