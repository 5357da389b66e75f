import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import type { Context } from '../context.js';
import { UnauthenticatedError } from '../errors/app-error.js';

export type Scalars = {
  DateTime: { Input: Date; Output: Date | string };
  URL: { Input: URL; Output: URL | string };
  Upload: { Input: Promise<FileUpload>; Output: never };
};

export interface AuthScopes {
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

export const builder = new SchemaBuilder<PothosTypes>({
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    nodesOnConnection: true,
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
