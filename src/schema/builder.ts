import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import type { Viewer } from '../auth/verify-token.js';
import type { Context } from '../context.js';
import { AppError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors/app-error.js';
import { decodeGlobalIdOrNothing } from './global-ids.js';
import { loadableNodeIds } from './node-ids.js';
import UnknownIdsPlugin from './unknown-ids-plugin.js';
import { UpstreamErrorClass } from './upstream-error-class.js';

type Scalars = {
  DateTime: { Input: Date; Output: Date | string };
  URL: { Input: URL; Output: URL | string };
  Upload: { Input: Promise<FileUpload>; Output: never };
  // graphql-js hands every ID argument over as a string, whatever the client sent.
  ID: { Input: string; Output: string | number };
};

interface AuthScopes {
  /** An authenticated app user. */
  user: boolean;
}

export interface PothosTypes {
  Context: Context;
  Scalars: Scalars;
  AuthScopes: AuthScopes;
  /** What a field behind `t.withAuth({ user: true })` knows: there is a viewer. */
  AuthContexts: { user: Context & { viewer: Viewer } };
  DefaultFieldNullability: false;
}

/**
 * Plugin order is deliberate (and pinned by a test): relay first, so ids are decoded before
 * anything reads them; unknownIds' argument mapper runs ahead of relay's whatever its place;
 * scope-auth wraps the errors plugin, so a refused caller gets an UNAUTHENTICATED error rather
 * than a result union member.
 */
export const PLUGIN_ORDER = ['relay', 'unknownIds', 'scopeAuth', 'errors'] as const;

// Annotated because the node resolvers below refer to the builder inside its own options.
export const builder: PothosSchemaTypes.SchemaBuilder<PothosSchemaTypes.ExtendDefaultTypes<PothosTypes>> = new SchemaBuilder<PothosTypes>({
  plugins: [RelayPlugin, UnknownIdsPlugin, ScopeAuthPlugin, ErrorsPlugin],
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
    // Members of every mutation's result union; the plugin matches the most specific class first.
    defaultTypes: [ValidationError, NotFoundError, UpstreamErrorClass, AppError],
  },
});

// `@specifiedBy` tells clients and codegen what the strings are: DateTime is RFC 3339 as
// profiled by the GraphQL Scalars spec; URL is parsed with WHATWG's URL (`new URL()`), and the
// gateway hands out absolute http(s) URLs only; Upload follows the multipart request spec.
builder.addScalarType('DateTime', DateTimeResolver, {
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
});
builder.addScalarType('URL', URLResolver, {
  description: 'An absolute URL (http or https in every response), as parsed by the WHATWG URL standard.',
  specifiedByURL: 'https://url.spec.whatwg.org/',
});
builder.addScalarType('Upload', GraphQLUpload, {
  description: 'A file part of a GraphQL multipart request (variables only; never in a response).',
  specifiedByURL: 'https://github.com/jaydenseric/graphql-multipart-request-spec',
});

builder.queryType({});
builder.subscriptionType({});
builder.mutationType({});
