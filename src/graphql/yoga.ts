import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createContext, type Context } from '../context.js';
import { useGraphqlMetrics } from '../observability/graphql-metrics.js';
import { useRenderCost } from './use-render-cost.js';
import { schema } from '../schema/index.js';
import type { Services } from '../services.js';
import type { FilePartCount } from '../uploads/file-part-count.js';
import { MAX_GRAPHQL_BODY_BYTES } from '../uploads/limits.js';
import { corsOptions, useVaryOrigin } from './cors.js';
import { createMaskError } from './mask-error.js';
import { useRequestErrorCodes } from './use-request-error-codes.js';
import { useSubscriptionLimit } from './use-subscription-limit.js';
import { useTokenExpiry } from './use-token-expiry.js';

type ServerContext = {
  req: IncomingMessage;
  res: ServerResponse;
  /** Multipart requests only: their own count of file parts (see `src/uploads/file-part-count.ts`). */
  fileParts?: FilePartCount;
};
export type Yoga = YogaServerInstance<ServerContext, Context>;

/**
 * The GraphQL server. It never listens: `src/app.ts` routes Node requests to it and tests call
 * `yoga.fetch` directly. Multipart is off because graphql-upload-minimal streams uploads
 * before Yoga sees the request (see src/uploads/).
 *
 * What anonymous callers and browsers get follows `config.http`: CORS only for listed origins;
 * introspection, GraphiQL and "Did you mean ..." suggestions on in sandbox, off when an upstream
 * is live (suggestions would spell out the schema that introspection hides).
 */
export function createGatewayYoga(services: Services): Yoga {
  const { config, logger } = services;
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: config.http.graphiql ? { title: 'avatar-gateway', subscriptionsProtocol: 'WS' } : false,
    cors: corsOptions(config.http.corsOrigins),
    multipart: false,
    // JSON and GET only: a multipart request reaches Yoga parsed, without its content-length.
    maxRequestBodySize: MAX_GRAPHQL_BODY_BYTES,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    maskedErrors: {
      maskError: createMaskError(logger),
      // Unexpected errors show their detail only where nothing real can leak: development with
      // both upstreams simulated (no real key anywhere in the process).
      isDev: config.env === 'development' && config.avaturn.mode === 'sandbox' && config.renderIt.mode === 'sandbox',
    },
    context: (initial) => createContext(services, initial),
    plugins: [
      useRequestErrorCodes(),
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        maxAliases: { n: 60 },
        costLimit: { maxCost: 20_000 },
        maxTokens: { n: 5_000 },
        maxDirectives: { n: 50 },
        blockFieldSuggestion: { enabled: !config.http.introspection },
      }),
      ...(config.http.introspection ? [] : [useDisableIntrospection()]),
      useVaryOrigin(config.http.corsOrigins.length > 0),
      useGraphqlMetrics(services.metrics, { maxOperationNames: config.metrics.maxOperationNames }),
      useRenderCost(services.metrics),
      useSubscriptionLimit(config.subscriptions.maxPerUser),
      useTokenExpiry(),
    ],
  });
}
