import { ErrorCode } from '../errors/codes.js';

export type UpstreamName = 'avaturn' | 'render-it';

const DISPLAY_NAME: Record<UpstreamName, string> = { avaturn: 'Avaturn', 'render-it': 'Render-it' };

export interface UpstreamErrorInit {
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Base of every failure of an upstream call. `message` is ours and safe to show: upstream
 * bodies and credentials never reach it, nor `toJSON()`. Each failure kind is a subclass.
 */
export abstract class UpstreamError extends Error {
  abstract readonly code: ErrorCode;
  /** Whether another attempt may succeed (the retry layer also checks idempotency). */
  abstract readonly retryable: boolean;
  readonly status: number | undefined;
  /** How long the upstream asked us to wait before trying again (`Retry-After`). */
  readonly retryAfterMs: number | undefined;
  /** True when the failure proves the upstream did not act on the request, so even a non-idempotent call may be repeated. */
  readonly notProcessed: boolean = false;

  constructor(
    readonly upstream: UpstreamName,
    message: string,
    init: UpstreamErrorInit = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Display name of the upstream, for messages. */
  protected static display(upstream: UpstreamName): string {
    return DISPLAY_NAME[upstream];
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      upstream: this.upstream,
      code: this.code,
      status: this.status,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/** 400/422: the upstream rejected our parameters. The parsed body is kept off the message, in `detail`. */
export class UpstreamBadRequestError extends UpstreamError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  readonly retryable = false;
  /** The upstream's parsed validation detail (e.g. FastAPI `detail`); internal, never shown or serialized. */
  declare readonly detail: unknown;

  constructor(upstream: UpstreamName, status: number, detail: unknown) {
    super(upstream, `${UpstreamError.display(upstream)} rejected the request`, { status });
    Object.defineProperty(this, 'detail', { value: detail, enumerable: false });
  }
}

/** 401/403: our key or origin is refused. An operator must act; the client logs it as an alarm. */
export class UpstreamAuthError extends UpstreamError {
  readonly code = ErrorCode.UPSTREAM_MISCONFIGURED;
  readonly retryable = false;

  constructor(upstream: UpstreamName, status: number) {
    super(
      upstream,
      status === 403
        ? `${UpstreamError.display(upstream)} refused access to the gateway`
        : `${UpstreamError.display(upstream)} rejected the gateway's credentials`,
      { status },
    );
  }
}

export class UpstreamNotFoundError extends UpstreamError {
  readonly code = ErrorCode.NOT_FOUND;
  readonly retryable = false;

  constructor(upstream: UpstreamName) {
    super(upstream, `${UpstreamError.display(upstream)} does not know the requested resource`, { status: 404 });
  }
}

export class UpstreamConflictError extends UpstreamError {
  readonly code = ErrorCode.CONFLICT;
  readonly retryable = false;

  constructor(upstream: UpstreamName) {
    super(upstream, `${UpstreamError.display(upstream)} reported a conflict with the request`, { status: 409 });
  }
}

export class UpstreamGoneError extends UpstreamError {
  readonly code = ErrorCode.GONE;
  readonly retryable = false;

  constructor(upstream: UpstreamName) {
    super(upstream, `${UpstreamError.display(upstream)} no longer has the requested resource`, { status: 410 });
  }
}

/** 413: the upload was larger than the upstream accepts. */
export class UpstreamPayloadTooLargeError extends UpstreamError {
  readonly code = ErrorCode.PAYLOAD_TOO_LARGE;
  readonly retryable = false;

  constructor(upstream: UpstreamName) {
    super(upstream, `${UpstreamError.display(upstream)} rejected the upload as too large`, { status: 413 });
  }
}

/** 415: we sent the wrong content type, which is our bug, not the caller's. */
export class UpstreamUnsupportedMediaError extends UpstreamError {
  readonly code = ErrorCode.INTERNAL_SERVER_ERROR;
  readonly retryable = false;

  constructor(upstream: UpstreamName) {
    super(upstream, `${UpstreamError.display(upstream)} rejected the request's content type`, { status: 415 });
  }
}

/** A status the contract does not list (405, 418...): treated as our bug. */
export class UpstreamUnexpectedStatusError extends UpstreamError {
  readonly code = ErrorCode.INTERNAL_SERVER_ERROR;
  readonly retryable = false;

  constructor(upstream: UpstreamName, status: number) {
    super(upstream, `${UpstreamError.display(upstream)} answered with unexpected status ${status}`, { status });
  }
}

/** 429: over the upstream's rate. The request was not processed, so any call may be repeated. */
export class UpstreamRateLimitedError extends UpstreamError {
  readonly code = ErrorCode.RATE_LIMITED;
  readonly retryable = true;
  override readonly notProcessed = true;

  constructor(upstream: UpstreamName, retryAfterMs: number | undefined) {
    super(upstream, `${UpstreamError.display(upstream)} is rate limiting the gateway`, { status: 429, retryAfterMs });
  }
}

/** 408, or undici's connect/headers/body timeouts. */
export class UpstreamTimeoutError extends UpstreamError {
  readonly code = ErrorCode.UPSTREAM_TIMEOUT;
  readonly retryable = true;
  override readonly notProcessed: boolean;

  constructor(upstream: UpstreamName, init: UpstreamErrorInit & { notProcessed?: boolean } = {}) {
    super(upstream, `${UpstreamError.display(upstream)} did not answer in time`, init);
    this.notProcessed = init.notProcessed ?? false;
  }
}

/** 5xx. */
export class UpstreamServerError extends UpstreamError {
  readonly code = ErrorCode.UPSTREAM_UNAVAILABLE;
  readonly retryable = true;

  constructor(upstream: UpstreamName, status: number, retryAfterMs: number | undefined) {
    super(upstream, `${UpstreamError.display(upstream)} is unavailable (status ${status})`, { status, retryAfterMs });
  }
}

/** Socket-level failure: refused, reset, DNS. */
export class UpstreamConnectionError extends UpstreamError {
  readonly code = ErrorCode.UPSTREAM_UNAVAILABLE;
  readonly retryable = true;
  override readonly notProcessed: boolean;

  constructor(upstream: UpstreamName, cause: unknown, notProcessed: boolean) {
    super(upstream, `Could not reach ${UpstreamError.display(upstream)}`, { cause });
    this.notProcessed = notProcessed;
  }
}

/** The answer broke the contract: not JSON, wrong shape, or too large. `reason` is ours; `issues` stays internal. */
export class UpstreamBadResponseError extends UpstreamError {
  readonly code = ErrorCode.UPSTREAM_BAD_RESPONSE;
  readonly retryable = false;
  declare readonly issues: unknown;

  constructor(
    upstream: UpstreamName,
    readonly reason: 'not-json' | 'invalid-shape' | 'too-large' | 'unexpected-redirect' | 'mismatch',
    init: UpstreamErrorInit & { issues?: unknown } = {},
  ) {
    super(upstream, `${UpstreamError.display(upstream)} answered with an unexpected response (${reason})`, init);
    Object.defineProperty(this, 'issues', { value: init.issues, enumerable: false });
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

/** The caller cancelled the call (its AbortSignal fired). */
export class UpstreamAbortedError extends UpstreamError {
  readonly code = ErrorCode.UPSTREAM_TIMEOUT;
  readonly retryable = false;

  constructor(upstream: UpstreamName, cause?: unknown) {
    super(upstream, `The ${UpstreamError.display(upstream)} call was cancelled`, { cause });
  }
}

/** The call's deadline passed before an answer. */
export class UpstreamDeadlineExceededError extends UpstreamError {
  readonly code = ErrorCode.UPSTREAM_TIMEOUT;
  readonly retryable = false;

  constructor(upstream: UpstreamName, cause?: unknown) {
    super(upstream, `The ${UpstreamError.display(upstream)} call ran out of time`, { cause });
  }
}
