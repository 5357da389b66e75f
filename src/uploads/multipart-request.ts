import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { AuthenticationError, bearerToken } from '../auth/verify-token.js';
import { AppError, PayloadTooLargeError, UnauthenticatedError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/codes.js';
import type { BodyIdleWatch } from '../http/body-idle-timeout.js';
import { sendGraphqlError } from '../http/graphql-error-response.js';
import type { UploadDeps } from './deps.js';
import { drainRequest } from './drain-request.js';
import { MultipartBody } from './multipart-body.js';
import type { UploadSlots } from './upload-slots.js';

/**
 * Headers that prove a request was not a "simple" cross-site form post: a browser only sends
 * them after a CORS preflight. Same rule as Apollo's CSRF prevention.
 */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name', 'graphql-preflight'] as const;

export interface MultipartSetup {
  services: Pick<UploadDeps, 'verifyToken' | 'logger'>;
  /** The schema the map's paths are checked against (their `Upload` variables). */
  schema: GraphQLSchema;
  /** Bytes per file; the stream is cut off (and marked truncated) at this size. */
  maxFileBytes: number;
  /** Whole request body; a larger declared `content-length` is refused before reading. */
  maxBodyBytes: number;
  slots: UploadSlots;
}

export function isMultipart(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** What the operation needs to know about its multipart request (passed in Yoga's server context). */
export interface PreparedMultipart {
  fileParts: MultipartBody;
  /** Frees the user's upload slot; call once the operation is over. */
  release(): void;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.REQUEST_TIMEOUT]: 408,
};

/** Answers, then reads and drops what is left of the body (up to `drainBytes`; the socket closes past it). */
function refuse(req: IncomingMessage, res: ServerResponse, error: AppError, drainBytes: number, headers: Record<string, string> = {}): undefined {
  sendGraphqlError(res, STATUS[error.code] ?? 400, error, headers);
  drainRequest(req, drainBytes);
  return undefined;
}

/**
 * Runs before Yoga for `multipart/form-data`. In order, each before the body is parsed: the CSRF
 * rule (Yoga's own check no longer sees multipart once we parse it), the declared size, a valid
 * Bearer token (uploads are for authenticated users only) and the user's concurrent uploads.
 * Then `operations` and `map` are parsed and checked (`MultipartBody`), the files left as
 * streams. A refused request is read and dropped up to the body limit, so the client sees the
 * answer, and cut off past it. Returns undefined when it already answered the request.
 */
export async function prepareMultipartRequest(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  setup: MultipartSetup,
  idle: BodyIdleWatch,
): Promise<PreparedMultipart | undefined> {
  const { maxBodyBytes } = setup;
  const preflighted = PREFLIGHT_HEADERS.some((h) => {
    const v = req.headers[h];
    return typeof v === 'string' && v.trim().length > 0;
  });
  if (!preflighted) {
    const message = `Multipart requests need a non-empty ${PREFLIGHT_HEADERS.join(' or ')} header (CSRF prevention)`;
    return refuse(req, res, new AppError(ErrorCode.CSRF_PREVENTED, message), maxBodyBytes);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    // Answer without reading: the connection closes, so nothing is drained for nothing.
    sendGraphqlError(res, 413, new PayloadTooLargeError(`The multipart request is larger than ${maxBodyBytes} bytes`, { maxBytes: maxBodyBytes }), {
      connection: 'close',
    });
    return undefined;
  }

  const userId = await authenticate(req, setup.services);
  if (userId instanceof AppError) return refuse(req, res, userId, maxBodyBytes, { 'www-authenticate': 'Bearer' });
  const release = setup.slots.acquire(userId);
  if (!release) {
    const message = `At most ${setup.slots.perUser} uploads per user may be in progress at once`;
    return refuse(req, res, new AppError(ErrorCode.RATE_LIMITED, message, { maxConcurrentUploads: setup.slots.perUser }), maxBodyBytes);
  }

  const body = new MultipartBody(req, setup.schema, { maxFileBytes: setup.maxFileBytes, maxBodyBytes });
  idle.onIdle((error) => body.refuse(error));
  try {
    req.body = await body.operation;
  } catch (err) {
    release();
    const error = err as AppError;
    const overflow = body.bytesRead > maxBodyBytes;
    return refuse(req, res, error, Math.max(0, maxBodyBytes - body.bytesRead), overflow ? { connection: 'close' } : {});
  }
  // Yoga reads the parsed operations, never this body: its own (small) size limit must not count it.
  delete req.headers['content-length'];
  return { fileParts: body, release };
}

/** The app user of a valid Bearer token, or the error to answer. */
async function authenticate(req: IncomingMessage, services: MultipartSetup['services']): Promise<string | AppError> {
  const token = bearerToken(req.headers.authorization);
  if (!token) return new UnauthenticatedError('Uploads need a valid Authorization: Bearer <JWT> header');
  try {
    return (await services.verifyToken(token)).userId;
  } catch (err) {
    if (err instanceof AuthenticationError) return new UnauthenticatedError(`Uploads need a valid token: ${err.message}`);
    services.logger.warn({ err }, 'could not verify the token of a multipart request');
    return new UnauthenticatedError('Uploads need a valid token: it could not be verified');
  }
}
