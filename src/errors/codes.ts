/**
 * The one table of `extensions.code` values a client may see (query errors) and of `code`
 * values on mutation result errors. Every upstream status maps to one of these in
 * `src/upstreams/errors.ts`.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /**
   * Set by Yoga: the HTTP request is not a GraphQL request (wrong method, no query, `variables`
   * not an object, several operations and no `operationName`, ...).
   */
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  GONE: 'GONE',
  INVALID_PHOTO: 'INVALID_PHOTO',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  BUDGET_EXCEEDED: 'BUDGET_EXCEEDED',
  /** A multipart or other simple request without a preflight header (CSRF rule). */
  CSRF_PREVENTED: 'CSRF_PREVENTED',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The shared store (Redis) is unreachable: retryable, nothing was changed; see `retryAfterSeconds`. */
  STATE_UNAVAILABLE: 'STATE_UNAVAILABLE',
  /** The request body stopped arriving for BODY_IDLE_TIMEOUT_MS (answered with HTTP 408). */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** The upstream rejected our credentials or origin (401/403): an operator must act. */
  UPSTREAM_MISCONFIGURED: 'UPSTREAM_MISCONFIGURED',
  /** The upstream answered something that does not match its contract. */
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_BAD_RESPONSE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** Set by Yoga: the document does not parse / does not validate against the schema. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /**
   * Apollo's automatic persisted queries: the server does not know the hash, so the client sends
   * the query with it. The name is the protocol's (Apollo's link looks for it).
   */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Codes that Yoga and @graphql-tools name differently for a meaning this table already has.
 * The error mask renames them, so a client sees one table; `test/errors/error-codes.test.ts`
 * finds every code those libraries can set and fails on one that is neither here nor above.
 */
export const LIBRARY_CODE_ALIASES: Readonly<Record<string, ErrorCode>> = {
  /** Yoga: the body is over `maxRequestBodySize` (HTTP 413). */
  REQUEST_ENTITY_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  /** Yoga and @graphql-tools/executor: no operation to run (several without `operationName`, or an unknown one). */
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_REQUEST,
};

/** The table's name for a code a library set, when it has another one. */
export function aliasOfLibraryCode(code: unknown): ErrorCode | undefined {
  return typeof code === 'string' && Object.hasOwn(LIBRARY_CODE_ALIASES, code) ? LIBRARY_CODE_ALIASES[code] : undefined;
}
