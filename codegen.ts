import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
// The schema comes from the Pothos builder itself, never from a running server.
import { schema } from './src/schema/index.js';

const config: CodegenConfig = {
  schema: printSchema(schema),
  documents: ['test/**/*.ts', 'bench/**/*.ts', '!test/__generated__/**'],
  ignoreNoDocuments: true,
  generates: {
    'schema/schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: true, sort: false },
    },
    'test/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', URL: 'string', Upload: 'File' },
      },
    },
  },
};

export default config;
