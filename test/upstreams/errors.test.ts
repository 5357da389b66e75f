import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import { UpstreamAuthError, UpstreamBadRequestError, UpstreamConflictError, UpstreamConnectionError, UpstreamGoneError, UpstreamNotFoundError, UpstreamRateLimitedError, UpstreamServerError, UpstreamTimeoutError, UpstreamUnexpectedStatusError, UpstreamUnsupportedMediaError } from '../../src/upstreams/errors.js';
import { BODY_SECRET, expectNoLeak } from '../helpers/upstream-clients.js';
import { errorFromStatus, errorFromTransport, parseRetryAfter } from '../../src/upstreams/error-mapping.js';

describe('errorFromStatus', () => {
  const table = [
    [400, UpstreamBadRequestError, ErrorCode.BAD_USER_INPUT, false],
    [401, UpstreamAuthError, ErrorCode.UPSTREAM_MISCONFIGURED, false],
    [403, UpstreamAuthError, ErrorCode.UPSTREAM_MISCONFIGURED, false],
    [404, UpstreamNotFoundError, ErrorCode.NOT_FOUND, false],
    [408, UpstreamTimeoutError, ErrorCode.UPSTREAM_TIMEOUT, true],
    [409, UpstreamConflictError, ErrorCode.CONFLICT, false],
    [410, UpstreamGoneError, ErrorCode.GONE, false],
    [415, UpstreamUnsupportedMediaError, ErrorCode.INTERNAL_SERVER_ERROR, false],
    [422, UpstreamBadRequestError, ErrorCode.BAD_USER_INPUT, false],
    [429, UpstreamRateLimitedError, ErrorCode.RATE_LIMITED, true],
    [500, UpstreamServerError, ErrorCode.UPSTREAM_UNAVAILABLE, true],
    [503, UpstreamServerError, ErrorCode.UPSTREAM_UNAVAILABLE, true],
    [405, UpstreamUnexpectedStatusError, ErrorCode.INTERNAL_SERVER_ERROR, false],
  ] as const;

  it.each(table)('maps %i to its class, code and retryability', (status, Class, code, retryable) => {
    const err = errorFromStatus('render-it', status, {}, { code: status, message: BODY_SECRET });
    expect(err).toBeInstanceOf(Class);
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.retryable).toBe(retryable);
    expect(err.upstream).toBe('render-it');
    expect(err.message).toMatch(/^(Render-it|The Render-it)/);
    expectNoLeak(err);
  });

  it('keeps validation detail internal: not enumerable, not in message or JSON', () => {
    const detail = { detail: [{ loc: ['body', 'user_id'], msg: BODY_SECRET, type: 'missing' }] };
    const err = errorFromStatus('avaturn', 422, {}, detail) as UpstreamBadRequestError;
    expect(err.detail).toEqual(detail);
    expect(Object.keys(err)).not.toContain('detail');
    expect(err.message).toBe('Avaturn rejected the request');
    expectNoLeak(err);
  });

  it('parses Retry-After on 429 and 503 only as a wait, and marks 429 as not processed', () => {
    const limited = errorFromStatus('render-it', 429, { 'retry-after': '3' }, undefined);
    expect(limited.retryAfterMs).toBe(3000);
    expect(limited.notProcessed).toBe(true);
    const down = errorFromStatus('render-it', 503, { 'retry-after': '1' }, undefined);
    expect(down.retryAfterMs).toBe(1000);
    expect(down.notProcessed).toBe(false);
  });

  it('serializes to a safe JSON shape', () => {
    const err = errorFromStatus('avaturn', 429, { 'retry-after': '2' }, { secret: BODY_SECRET });
    expect(err.toJSON()).toEqual({
      name: 'UpstreamRateLimitedError',
      message: 'Avaturn is rate limiting the gateway',
      upstream: 'avaturn',
      code: 'RATE_LIMITED',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent or malformed values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(['2', '9'], now)).toBe(2000);
  });
});

describe('errorFromTransport', () => {
  it('maps undici timeouts to UPSTREAM_TIMEOUT; a connect timeout proves nothing was sent', () => {
    const headers = errorFromTransport('avaturn', Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }));
    expect(headers).toBeInstanceOf(UpstreamTimeoutError);
    expect((headers as UpstreamTimeoutError).notProcessed).toBe(false);
    const connect = errorFromTransport('avaturn', Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' }));
    expect((connect as UpstreamTimeoutError).notProcessed).toBe(true);
  });

  it('maps socket errors to a retryable UPSTREAM_UNAVAILABLE', () => {
    const reset = errorFromTransport('render-it', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    expect(reset).toBeInstanceOf(UpstreamConnectionError);
    expect((reset as UpstreamConnectionError).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect((reset as UpstreamConnectionError).retryable).toBe(true);
    expect((reset as UpstreamConnectionError).notProcessed).toBe(false);
    const refused = errorFromTransport('render-it', Object.assign(new Error('x'), { code: 'ECONNREFUSED' }));
    expect((refused as UpstreamConnectionError).notProcessed).toBe(true);
  });

  it('lets programming errors through untouched', () => {
    const bug = Object.assign(new Error('invalid header'), { code: 'UND_ERR_INVALID_ARG' });
    expect(errorFromTransport('render-it', bug)).toBe(bug);
  });
});
