import type { ServerResponse } from 'node:http';
import type { AppError } from '../errors/app-error.js';

/**
 * Answers a GraphQL request with one error, before Yoga ran (or instead of it): the same shape
 * and `extensions.code` as Yoga's own errors. Does nothing once an answer has started.
 */
export function sendGraphqlError(res: ServerResponse, status: number, error: AppError, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.writableEnded) return;
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
  res.writeHead(status, {
    'content-type': 'application/graphql-response+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}
