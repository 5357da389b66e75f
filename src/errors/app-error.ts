import { ErrorCode } from './codes.js';

/**
 * Base of every failure a client is meant to see. Query fields surface it as a GraphQL error
 * with `extensions.code`; mutations list the subclasses as members of their result unions.
 * `message` must be safe to show: no secrets, no upstream bodies.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable detail for `extensions` (never secrets). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  /** The input field at fault, as a path like `input.frontal`. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(ErrorCode.BAD_USER_INPUT, message, field ? { field } : undefined);
    this.field = field;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(ErrorCode.NOT_FOUND, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required: send Authorization: Bearer <JWT>') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed') {
    super(ErrorCode.FORBIDDEN, message);
  }
}
