import { GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors/codes.js';

/**
 * graphql-js reports bad variables (an unknown enum value, a wrong type) as a result with errors
 * and no data, without throwing, so error masking never sees them. They are the client's
 * mistake: give them `BAD_USER_INPUT` like every other input error.
 */
export function useRequestErrorCodes(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (!result.errors?.length || result.errors.every((e) => e.extensions?.['code'])) return;
            setResult({
              ...result,
              errors: result.errors.map((e) =>
                e.extensions?.['code'] || e.path
                  ? e
                  : new GraphQLError(e.message, {
                      nodes: e.nodes,
                      source: e.source,
                      positions: e.positions,
                      // No originalError: masking would take the wrapped coercion error for a server fault.
                      extensions: { ...e.extensions, code: ErrorCode.BAD_USER_INPUT },
                    }),
              ),
            });
          });
        },
      };
    },
  };
}
