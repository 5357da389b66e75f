import type { IncomingMessage } from 'node:http';

/**
 * Called once the answer to a multipart request is sent. Bytes the operation never read (an
 * operation refused before it ran, a file left unread after an error, a part the map does not
 * mention) would otherwise sit behind a stalled parser until the socket times out. They are
 * read and dropped, so the client can finish sending and see the answer; past `limitBytes`
 * the connection is closed instead.
 */
export function drainRequest(req: IncomingMessage, limitBytes: number): void {
  if (req.readableEnded || req.destroyed) return;
  req.unpipe();
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > limitBytes) req.destroy();
  });
  req.resume();
}
