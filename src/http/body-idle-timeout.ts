import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/codes.js';
import { sendGraphqlError } from './graphql-error-response.js';

/** A request body that sent nothing for the idle timeout. */
class BodyIdleTimeoutError extends AppError {
  constructor(readonly idleTimeoutMs: number) {
    super(ErrorCode.REQUEST_TIMEOUT, `The request body sent nothing for ${idleTimeoutMs} ms: the request was cut off`, { idleTimeoutMs });
  }
}

export interface BodyIdleWatch {
  /** Called once if the body goes idle, before the answer goes out: stop what reads the body with `error`. */
  onIdle(listener: (error: BodyIdleTimeoutError) => void): void;
}

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * Cuts off a request whose body stops arriving for `timeoutMs` while it is being received (only
 * then: a long-lived answer, SSE included, starts once the body is in and is never cut). Node's
 * socket timeout is the clock: it counts every byte the socket reads, even while the HTTP parser
 * consumes the socket. When the gateway itself stopped reading (the request holds unread bytes
 * while an upstream is slow), the silence is ours, and the clock starts again. On expiry the
 * listeners stop their work (an upload to Avaturn is aborted, its avatar removed), the client gets
 * 408 with a REQUEST_TIMEOUT GraphQL error if nothing was answered yet, and the connection closes.
 */
export function watchBodyIdle(req: IncomingMessage, res: ServerResponse, timeoutMs: number): BodyIdleWatch {
  const listeners: Array<(error: BodyIdleTimeoutError) => void> = [];
  const watch: BodyIdleWatch = { onIdle: (listener) => void listeners.push(listener) };
  if (timeoutMs <= 0 || !hasBody(req)) return watch;
  const socket = req.socket;
  let done = false;

  const stop = () => {
    if (done) return;
    done = true;
    req.off('timeout', check);
    res.off('timeout', check);
    // Once the answer is out the socket belongs to Node's keep-alive timer: leave it alone.
    if (res.socket === socket) socket.setTimeout(0);
  };
  function check(): void {
    if (done) return;
    if (req.complete) return stop();
    if (req.readableLength > 0) {
      socket.setTimeout(timeoutMs);
      return;
    }
    stop();
    const error = new BodyIdleTimeoutError(timeoutMs);
    for (const listener of listeners) listener(error);
    if (res.headersSent) {
      req.destroy();
      return;
    }
    // `connection: close` makes Node close the socket once this answer is flushed; Yoga's own
    // answer, if it still comes, is dropped (the response has ended).
    sendGraphqlError(res, 408, error, { connection: 'close' });
  }

  // Node asks the request (while incomplete) and the response on a socket timeout; a listener on
  // either keeps Node from destroying the socket on its own.
  req.on('timeout', check);
  res.on('timeout', check);
  req.once('end', stop);
  req.once('close', stop);
  socket.setTimeout(timeoutMs);
  return watch;
}
