import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import type { Context } from '../context.js';
import { UnauthenticatedError } from '../errors/app-error.js';
import { decodeGlobalIdOrNothing } from './global-ids.js';
import { loadableNodeIds } from './node-ids.js';

type Scalars = {
  DateTime: { Input: Date; Output: Date | string };
  URL: { Input: URL; Output: URL | string };
  Upload: { Input: Promise<FileUpload>; Output: never };
};

interface AuthScopes {
  /** An authenticated app user. */
  user: boolean;
}

export interface PothosTypes {
  Context: Context;
  Scalars: Scalars;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
}

/**
 * Plugin order is deliberate (and pinned by a test): relay first so auth sees decoded global
 * ids; scope-auth before anything that runs resolvers; errors before validation so validation
 * failures can become union members; dataloader last, wrapping plain resolvers.
 */
export const PLUGIN_ORDER = ['relay', 'scopeAuth', 'errors', 'validation', 'dataloader'] as const;

// Annotated because the node resolvers below refer to the builder inside its own options.
export const builder: PothosSchemaTypes.SchemaBuilder<PothosSchemaTypes.ExtendDefaultTypes<PothosTypes>> = new SchemaBuilder<PothosTypes>({
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    nodesOnConnection: true,
    // A malformed or forged id (garbage, `Node:x`, `Viewer:x`) answers null like an unknown one,
    // never an error: only ids of object types that load by id reach their loaders.
    decodeGlobalID: decodeGlobalIdOrNothing,
    nodeQueryOptions: {
      resolve: async (_root, args, ctx, info) => (await resolveNodes(builder, ctx, info, loadableNodeIds(info.schema, [args.id])))[0],
    },
    nodesQueryOptions: {
      resolve: (_root, args, ctx, info) => resolveNodes(builder, ctx, info, loadableNodeIds(info.schema, args.ids)),
    },
  },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({ user: ctx.viewer !== null }),
    unauthorizedError: (_parent, ctx) => new UnauthenticatedError(ctx.authFailure ? `Unauthenticated: ${ctx.authFailure}` : undefined),
  },
  errors: {
    defaultTypes: [],
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('URL', URLResolver);
builder.addScalarType('Upload', GraphQLUpload);

builder.queryType({});
builder.subscriptionType({});
builder.mutationType({});
