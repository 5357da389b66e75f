import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
// The schema comes from the Pothos builder itself, never from a running server.
import { schema } from './src/schema/index.js';

const config: CodegenConfig = {
  schema: printSchema(schema),
  ignoreNoDocuments: true,
  generates: {
    'schema/schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: true, sort: false },
    },
    // Apollo Client's `possibleTypes` (the format of 3 and 4), for frontends: without it the cache
    // cannot match `... on Avatar` against an AvaturnAvatar and drops the fragment's fields.
    'schema/possible-types.json': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, deterministic: true },
    },
    // Documents are per target (codegen adds root-level documents to every target).
    'test/__generated__/': {
      documents: ['test/**/*.ts', 'bench/**/*.ts', '!test/__generated__/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', URL: 'string', Upload: 'File' },
      },
    },
    // The demo page's documents, as strings: the browser bundle needs no GraphQL AST or printer.
    'src/demo/page/__generated__/': {
      documents: ['src/demo/page/**/*.ts', '!src/demo/page/__generated__/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', URL: 'string', Upload: 'File' },
      },
    },
  },
};

export default config;
