import type { IncomingMessage, ServerResponse } from 'node:http';
import { processRequest } from 'graphql-upload-minimal';
import { ErrorCode } from '../errors/codes.js';
import { MAX_MULTIPART_FIELD_BYTES } from './limits.js';
import { linkUploads, watchMultipart } from './multipart-status.js';

/**
 * Headers that prove a request was not a "simple" cross-site form post: a browser only sends
 * them after a CORS preflight. Same rule as Apollo's CSRF prevention.
 */
export const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name', 'graphql-preflight'] as const;

export interface UploadLimits {
  /** Files per request. @default 3 */
  maxFiles: number;
  /** Bytes per file; the stream is cut off (and marked truncated) at this size. */
  maxFileSize: number;
  /** Whole request body; a larger declared `content-length` is refused before reading. */
  maxBodyBytes: number;
}

function sendGraphqlError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function isMultipart(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

/**
 * Runs before Yoga for `multipart/form-data`: enforces the CSRF rule (Yoga's own check no longer
 * sees multipart once we parse it) and the body size, then lets graphql-upload-minimal parse the
 * operations and map while leaving the files as streams. Returns false when it already answered
 * the request.
 */
export async function prepareMultipartRequest(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  limits: UploadLimits,
): Promise<boolean> {
  const preflighted = PREFLIGHT_HEADERS.some((h) => {
    const v = req.headers[h];
    return typeof v === 'string' && v.trim().length > 0;
  });
  if (!preflighted) {
    req.resume();
    sendGraphqlError(
      res,
      400,
      ErrorCode.CSRF_PREVENTED,
      `Multipart requests need a non-empty ${PREFLIGHT_HEADERS.join(' or ')} header (CSRF prevention)`,
    );
    return false;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    // Answer without reading: the connection closes, so nothing is drained for nothing.
    res.setHeader('connection', 'close');
    sendGraphqlError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `The multipart request is larger than ${limits.maxBodyBytes} bytes`);
    return false;
  }
  const pipe = req.pipe;
  const status = watchMultipart(req);
  try {
    req.body = await processRequest(req, res, {
      maxFiles: limits.maxFiles,
      maxFileSize: limits.maxFileSize,
      maxFieldSize: MAX_MULTIPART_FIELD_BYTES,
    });
    linkUploads(req.body, status);
    return true;
  } catch (err) {
    req.pipe = pipe;
    const e = err as { status?: number; expose?: boolean; message?: string };
    const status = e.status && e.status >= 400 && e.status < 500 ? e.status : 400;
    req.resume();
    sendGraphqlError(
      res,
      status,
      status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_USER_INPUT,
      `Invalid multipart request: ${e.expose && e.message ? e.message : 'malformed body'}`,
    );
    return false;
  }
}
