import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as yogaMaskError, type MaskError } from 'graphql-yoga';
import { PothosValidationError } from '@pothos/core';
import { AppError, ValidationError } from '../errors/app-error.js';
import { aliasOfLibraryCode, ErrorCode } from '../errors/codes.js';
import type { Logger } from '../logging/logger.js';

/** Errors whose message and code are meant for clients: ours, and typed upstream failures. */
function exposable(err: unknown): (Error & { code: ErrorCode; details?: Record<string, unknown> }) | undefined {
  if (err instanceof AppError) return err;
  // Argument problems Pothos detects (malformed global ids no longer are one: they answer like unknown ids).
  if (err instanceof PothosValidationError) return new ValidationError(err.message);
  // Upstream errors carry a code from the same table and a message written by us (never the
  // upstream body), so they are safe to show as they are.
  if (err instanceof Error && 'upstream' in err && 'code' in err && Object.values(ErrorCode).includes(err.code as ErrorCode)) {
    return err as Error & { code: ErrorCode };
  }
  return undefined;
}

/**
 * Every error leaving the server has `extensions.code` from the one table in `errors/codes.ts`.
 * Known errors keep their message; anything else is logged and masked as INTERNAL_SERVER_ERROR.
 */
export function createMaskError(logger: Logger): MaskError {
  return (error, message, isDev) => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const original = graphqlError?.originalError ?? error;
    const known = exposable(original);
    if (known) {
      return createGraphQLError(known.message, {
        nodes: graphqlError?.nodes,
        path: graphqlError?.path,
        originalError: undefined,
        extensions: { code: known.code, ...(known.details ?? {}) },
      });
    }
    if (graphqlError && !graphqlError.originalError) {
      // Parse/validation errors and errors created on purpose with createGraphQLError: their code,
      // renamed when a library has its own name for one of the table's; BAD_USER_INPUT when none.
      const code = graphqlError.extensions['code'];
      const renamed = code ? aliasOfLibraryCode(code) : graphqlError.extensions['http'] ? undefined : ErrorCode.BAD_USER_INPUT;
      if (!renamed) return graphqlError;
      return createGraphQLError(graphqlError.message, {
        nodes: graphqlError.nodes,
        source: graphqlError.source,
        positions: graphqlError.positions,
        path: graphqlError.path,
        extensions: { ...graphqlError.extensions, code: renamed },
      });
    }
    logger.error({ err: original }, 'unexpected error in a resolver');
    const masked = yogaMaskError(error, message, isDev);
    if (masked instanceof GraphQLError) {
      return createGraphQLError(masked.message, {
        nodes: masked.nodes,
        path: masked.path,
        extensions: { ...masked.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR },
      });
    }
    return masked;
  };
}
