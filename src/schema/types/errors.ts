import {
  AppError,
  BudgetExceededError,
  ConflictError,
  ForbiddenError,
  InvalidPhotoError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ValidationError,
} from '../../errors/app-error.js';
import { ErrorCode } from '../../errors/codes.js';
import { UpstreamError } from '../../upstreams/errors.js';
import { builder } from '../builder.js';
import { UpstreamErrorClass } from '../upstream-error-class.js';

/**
 * Typed failures for mutation result unions (`... | ValidationError | NotFoundError | UpstreamError`,
 * the builder's default members, plus each mutation's own). Every member carries `message` and a
 * `code` from the same table as `extensions.code`.
 */
/**
 * Same-named fields of the error types have one type (`field: String`, `retryAfterSeconds: Int`),
 * because they meet in the same result unions: `... on InvalidPhotoError { field } ... on
 * ValidationError { field }` must validate (test/schema/abstract-type-fields.test.ts walks them all).
 */
const FIELD_DESCRIPTION = 'The input field at fault, as a path like `input.frontal`.';
const RETRY_AFTER_DESCRIPTION = 'Seconds to wait before the same request can succeed; null when there is no advice.';

const ErrorCodeEnum = builder.enumType('ErrorCode', { values: Object.values(ErrorCode) });

export const ErrorInterface = builder.interfaceRef<Error & { code: ErrorCode }>('Error').implement({
  description: 'A failure a client can act on.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.field({ type: ErrorCodeEnum, resolve: (e) => e.code }),
  }),
});

builder.objectType(AppError, {
  name: 'BaseError',
  description: 'Any other typed failure.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof AppError,
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ValidationError,
  fields: (t) => ({ field: t.string({ nullable: true, description: FIELD_DESCRIPTION, resolve: (e) => e.field ?? null }) }),
});

builder.objectType(InvalidPhotoError, {
  name: 'InvalidPhotoError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidPhotoError,
  // Nullable like ValidationError.field (always set here): members of one union share field types.
  fields: (t) => ({ field: t.string({ nullable: true, description: FIELD_DESCRIPTION, resolve: (e) => e.field }) }),
});

// Error types with no fields beyond message and code.
for (const ErrorClass of [PayloadTooLargeError, NotFoundError, ForbiddenError, ConflictError]) {
  builder.objectType(ErrorClass, {
    name: ErrorClass.name,
    interfaces: [ErrorInterface],
    isTypeOf: (e) => e instanceof ErrorClass,
  });
}

builder.objectType(BudgetExceededError, {
  name: 'BudgetExceededError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof BudgetExceededError,
  fields: (t) => ({
    estimatedUnits: t.exposeFloat('estimatedUnits'),
    budgetUnits: t.exposeFloat('budgetUnits'),
  }),
});

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'A per-user limit is spent (renders per window, avatars or ZEPETO logins per minute); nothing was sent upstream.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof RateLimitedError,
  fields: (t) => ({
    retryAfterSeconds: t.int({
      nullable: true,
      description: `${RETRY_AFTER_DESCRIPTION} Always set here: when the limit has room again.`,
      resolve: (e) => e.retryAfterSeconds,
    }),
  }),
});

builder.objectType(UpstreamErrorClass, {
  name: 'UpstreamError',
  description: 'Avaturn or Render-it failed or refused; the upstream detail stays in the server logs.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof UpstreamError,
  fields: (t) => ({
    retryable: t.exposeBoolean('retryable'),
    retryAfterSeconds: t.int({
      nullable: true,
      description: RETRY_AFTER_DESCRIPTION,
      resolve: (e) => (e.retryAfterMs === undefined ? null : Math.ceil(e.retryAfterMs / 1000)),
    }),
  }),
});
