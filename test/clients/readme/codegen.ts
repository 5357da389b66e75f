import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  // The gateway's committed SDL (schema/schema.graphql), copied into the app: a live gateway
  // has introspection off, and a build should not depend on a running server anyway.
  schema: 'avatar-gateway.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    // Typed documents: import { graphql } from './gql' and write graphql(`query ...`).
    'src/gql/': {
      preset: 'client',
      // Also writes persisted-documents.json: the manifest for PERSISTED_DOCUMENTS.
      presetConfig: { persistedDocuments: true },
      config: {
        // Every custom scalar mapped (strictScalars fails the build on a new one):
        // DateTime and URL arrive as strings, Upload is a File (or Blob) you send.
        strictScalars: true,
        scalars: { DateTime: 'string', URL: 'string', Upload: 'File' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
    // Apollo Client's possibleTypes, for new InMemoryCache({ possibleTypes }).
    'src/gql/possible-types.json': {
      plugins: ['fragment-matcher'],
      config: { deterministic: true },
    },
  },
};

export default config;
