import type { IncomingHttpHeaders } from 'node:http';
import {
  UpstreamAuthError,
  UpstreamBadRequestError,
  UpstreamConflictError,
  UpstreamConnectionError,
  UpstreamError,
  UpstreamGoneError,
  UpstreamNotFoundError,
  UpstreamPayloadTooLargeError,
  UpstreamRateLimitedError,
  UpstreamServerError,
  UpstreamTimeoutError,
  UpstreamUnexpectedStatusError,
  UpstreamUnsupportedMediaError,
  type UpstreamName,
} from './errors.js';

/** How a failed call becomes its `UpstreamError`: from the status of an answer, or from the transport failure when none came. */

/**
 * Parses `Retry-After`: delay-seconds or an HTTP date. Returns milliseconds from `now`
 * (0 for a past date), or undefined when absent or malformed.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with a day name; this also keeps `-1` from parsing as a year.
  const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Maps a non-2xx status to its error. `parsedBody` is only kept (internally) for validation failures. */
export function errorFromStatus(
  upstream: UpstreamName,
  status: number,
  headers: IncomingHttpHeaders,
  parsedBody: unknown,
): UpstreamError {
  switch (status) {
    case 400:
    case 422:
      return new UpstreamBadRequestError(upstream, status, parsedBody);
    case 401:
    case 403:
      return new UpstreamAuthError(upstream, status);
    case 404:
      return new UpstreamNotFoundError(upstream);
    case 408:
      return new UpstreamTimeoutError(upstream, { status });
    case 409:
      return new UpstreamConflictError(upstream);
    case 410:
      return new UpstreamGoneError(upstream);
    case 413:
      return new UpstreamPayloadTooLargeError(upstream);
    case 415:
      return new UpstreamUnsupportedMediaError(upstream);
    case 429:
      return new UpstreamRateLimitedError(upstream, parseRetryAfter(headers['retry-after']));
  }
  if (status >= 500) return new UpstreamServerError(upstream, status, parseRetryAfter(headers['retry-after']));
  return new UpstreamUnexpectedStatusError(upstream, status);
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
/** Failures that happen before a byte of the request reached the upstream. */
const NOT_SENT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Maps a transport failure (undici or socket error) to its error; programming errors pass through untouched. */
export function errorFromTransport(upstream: UpstreamName, err: unknown): Error {
  if (err instanceof UpstreamError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'string' ? code : '';
  if (codeText === 'UND_ERR_INVALID_ARG' || err instanceof TypeError) return err as Error;
  if (TIMEOUT_CODES.has(codeText)) {
    return new UpstreamTimeoutError(upstream, { cause: err, notProcessed: NOT_SENT_CODES.has(codeText) });
  }
  return new UpstreamConnectionError(upstream, err, NOT_SENT_CODES.has(codeText));
}
