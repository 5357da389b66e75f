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

/** A photo that is not a JPEG or PNG by its magic bytes (or otherwise unusable). */
export class InvalidPhotoError extends AppError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(ErrorCode.INVALID_PHOTO, message, { field });
    this.field = field;
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, message, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

/** An operation whose estimated render cost exceeds `RENDER_BUDGET_UNITS`; refused before any call. */
export class BudgetExceededError extends AppError {
  constructor(
    readonly estimatedUnits: number,
    readonly budgetUnits: number,
  ) {
    super(ErrorCode.BUDGET_EXCEEDED, `This operation would cost ${estimatedUnits} units, over the budget of ${budgetUnits}`, {
      estimatedUnits,
      budgetUnits,
    });
  }
}

/**
 * A per-user limit is spent (render budget per window, mutations per minute); refused before any
 * upstream call. `retryAfterSeconds` says when the limit has room again.
 */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(ErrorCode.RATE_LIMITED, `${message}; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

/**
 * The shared state (Redis) cannot be reached, so the operation was not carried out. Retryable:
 * clients wait `retryAfterSeconds` and try again; the gateway recovers by itself when Redis returns.
 * @public (used by the scale-out work on the store, the event bus and the Redis limiter)
 */
export class StateUnavailableError extends AppError {
  constructor(
    message = 'The gateway cannot reach its shared state right now',
    readonly retryAfterSeconds = 1,
  ) {
    super(ErrorCode.STATE_UNAVAILABLE, `${message}; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

/** For lookups where "not found" is an answer (`node`, subscriptions): only NOT_FOUND becomes `fallback`. */
export function unlessNotFound<T, F>(fallback: F): (err: unknown) => T | F {
  return (err: unknown) => {
    if (err instanceof NotFoundError) return fallback;
    throw err;
  };
}
