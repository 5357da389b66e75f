import type { IncomingMessage, ServerResponse } from 'node:http';
import { processRequest } from 'graphql-upload-minimal';
import { ErrorCode } from '../errors/codes.js';
import { drainRequest } from './drain-request.js';
import { FilePartCount } from './file-part-count.js';
import { MAX_MULTIPART_FIELD_BYTES } from './limits.js';

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

/** What the operation needs to know about its multipart request (passed in Yoga's server context). */
export interface PreparedMultipart {
  fileParts: FilePartCount;
}

/**
 * Runs before Yoga for `multipart/form-data`: enforces the CSRF rule (Yoga's own check no longer
 * sees multipart once we parse it) and the body size, then lets graphql-upload-minimal parse the
 * operations and map while leaving the files as streams. A refused request is read and dropped
 * up to the body limit (so the client sees the answer) and cut off past it. Returns undefined
 * when it already answered the request.
 */
export async function prepareMultipartRequest(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  limits: UploadLimits,
): Promise<PreparedMultipart | undefined> {
  const preflighted = PREFLIGHT_HEADERS.some((h) => {
    const v = req.headers[h];
    return typeof v === 'string' && v.trim().length > 0;
  });
  if (!preflighted) {
    drainRequest(req, limits.maxBodyBytes);
    sendGraphqlError(
      res,
      400,
      ErrorCode.CSRF_PREVENTED,
      `Multipart requests need a non-empty ${PREFLIGHT_HEADERS.join(' or ')} header (CSRF prevention)`,
    );
    return undefined;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    // Answer without reading: the connection closes, so nothing is drained for nothing.
    res.setHeader('connection', 'close');
    sendGraphqlError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `The multipart request is larger than ${limits.maxBodyBytes} bytes`);
    return undefined;
  }
  const fileParts = new FilePartCount(req);
  try {
    req.body = await processRequest(req, res, {
      maxFiles: limits.maxFiles,
      maxFileSize: limits.maxFileSize,
      maxFieldSize: MAX_MULTIPART_FIELD_BYTES,
    });
  } catch (err) {
    const e = err as { status?: number; expose?: boolean; message?: string };
    const status = e.status && e.status >= 400 && e.status < 500 ? e.status : 400;
    drainRequest(req, limits.maxBodyBytes);
    sendGraphqlError(
      res,
      status,
      status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_USER_INPUT,
      `Invalid multipart request: ${e.expose && e.message ? e.message : 'malformed body'}`,
    );
    return undefined;
  }
  // Yoga reads the parsed operations, never this body: its own (small) size limit must not count it.
  delete req.headers['content-length'];
  return { fileParts };
}
