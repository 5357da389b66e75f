import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Config } from '../config/config.js';
import { ErrorCode } from '../errors/codes.js';
import type { Logger } from '../logging/logger.js';
import { MAX_GRAPHQL_BODY_BYTES } from '../uploads/limits.js';
import { serveGraphqlWs } from './ws-transport.js';
import type { Yoga } from './yoga.js';

type OperationResult = Promise<ExecutionResult | AsyncGenerator<ExecutionResult>> | ExecutionResult | AsyncGenerator<ExecutionResult>;

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}

/**
 * graphql-ws on the same path as HTTP. Operations run through Yoga's envelop (same schema,
 * plugins, error masking and context); the token comes from `connectionParams.Authorization`.
 *
 * Limits, because a socket is cheap to open and lives long: a message larger than an HTTP
 * JSON body is refused by the ws library before it is buffered (close 1009); a socket that
 * sends no connection_init in time is closed (4408); and one socket runs at most
 * `maxPerConnection` operations at once (RATE_LIMITED for the next). The per-user cap, shared
 * with SSE, is the `useSubscriptionLimit` plugin.
 */
export function attachGraphqlWs(server: Server, yoga: Yoga, config: Config, logger: Logger): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: MAX_GRAPHQL_BODY_BYTES });
  const { maxPerConnection, connectionInitTimeoutMs } = config.subscriptions;
  // Yoga's introspection switch (useDisableIntrospection) decides per HTTP request, a step
  // graphql-ws never runs: the same rule is added here.
  const rules = config.http.introspection ? undefined : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const close = serveGraphqlWs(
    wss,
    {
      connectionInitWaitTimeout: connectionInitTimeoutMs,
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args as ExecutionArgs),
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already counted this one in ctx.subscriptions.
        if (maxPerConnection > 0 && Object.keys(ctx.subscriptions).length > maxPerConnection) {
          return [
            createGraphQLError(`Too many operations on this connection: at most ${maxPerConnection} at once`, {
              extensions: { code: ErrorCode.RATE_LIMITED, maxSubscriptions: maxPerConnection },
            }),
          ];
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          connectionParams: ctx.connectionParams,
        });
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (err) {
          // A syntax error is the client's: an error message (with the code HTTP gives it), not a
          // socket closed as a server fault.
          if (err instanceof GraphQLError) {
            return [new GraphQLError(err.message, { nodes: err.nodes, source: err.source, positions: err.positions, extensions: { ...err.extensions, code: err.extensions['code'] ?? ErrorCode.GRAPHQL_PARSE_FAILED } })];
          }
          throw err;
        }
        const args = {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document, rules);
        if (errors.length) return errors;
        return args;
      },
    },
    logger.child({ component: 'graphql-ws' }),
  );
  return { close };
}
