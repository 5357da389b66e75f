import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logging/logger.js';

/** What each graphql-ws context carries in `extra`. */
export interface WsExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/** Ping every so often; a socket that does not answer within the same time is dropped. */
const KEEP_ALIVE_MS = 12_000;

/**
 * graphql-ws served on a `ws` server: graphql-ws/use/ws adapted (its docs invite copying it) so
 * that socket errors go to our logger instead of `console.error` (every oversize message
 * printed a stack trace there, a log flood anyone could start) and a close reason never
 * carries an internal error message, whatever NODE_ENV says.
 */
export function serveGraphqlWs(
  wss: WebSocketServer,
  options: ServerOptions<Record<string, unknown> | undefined, WsExtra>,
  logger: Logger,
): () => Promise<void> {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('connection', (socket, request) => {
    // An oversize message (ws has already closed with 1009), a reset: the client's doing.
    socket.on('error', (err) => logger.debug({ err: { message: err.message } }, 'graphql-ws socket error'));
    let pongWait: NodeJS.Timeout | undefined;
    const keepAlive = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(err) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (err) {
              logger.error({ err }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  });
  return async () => {
    for (const client of wss.clients) client.close(1001, 'Going away');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
