import type { YogaInitialContext } from 'graphql-yoga';
import { AuthenticationError, bearerToken, type Viewer } from './auth/verify-token.js';
import type { Services } from './services.js';
import type { FilePartCount } from './uploads/file-part-count.js';

/** Built fresh for every operation (HTTP request or WebSocket subscribe). */
export interface Context {
  services: Services;
  /** The authenticated app user, or null. */
  viewer: Viewer | null;
  /** Why a presented token was refused (shown in the UNAUTHENTICATED error). */
  authFailure: string | undefined;
  /** The HTTP request (Yoga merges its initial context into this one); absent over graphql-ws. */
  request?: Request;
  /** Multipart requests only, from Yoga's server context: what their parser found once the operation started. */
  fileParts?: FilePartCount;
}

/** graphql-ws passes `connectionParams`; HTTP carries the header. Either may hold the token. */
export async function createContext(
  services: Services,
  initial: Partial<YogaInitialContext> & { connectionParams?: Record<string, unknown> },
): Promise<Context> {
  const fromParams = initial.connectionParams?.['Authorization'] ?? initial.connectionParams?.['authorization'];
  const header = typeof fromParams === 'string' ? fromParams : initial.request?.headers.get('authorization');
  const token = bearerToken(header);
  if (!token) {
    return { services, viewer: null, authFailure: header ? 'Authorization header is not "Bearer <JWT>"' : undefined };
  }
  try {
    return { services, viewer: await services.verifyToken(token), authFailure: undefined };
  } catch (err) {
    if (err instanceof AuthenticationError) return { services, viewer: null, authFailure: err.message };
    throw err;
  }
}
