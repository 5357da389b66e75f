import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RawExchange {
  /** Everything the server sent. */
  text: string;
  /** From the last byte the client wrote to the server closing the connection, in ms. */
  heldMs: number;
  /** The server closed the connection (rather than the client giving up after `giveUpMs`). */
  closedByServer: boolean;
}

/**
 * Opens a socket to `url`, writes each step (a string, or a pause in ms), then waits for the
 * server to close the connection, up to `giveUpMs` after the last write.
 */
export function rawExchange(url: string, steps: Array<string | Buffer | number>, giveUpMs = 10_000): Promise<RawExchange> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(port), hostname);
    let text = '';
    let lastWrite = performance.now();
    let giveUp: NodeJS.Timeout | undefined;
    let gaveUp = false;
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ text, heldMs: performance.now() - lastWrite, closedByServer: !gaveUp });
    });
    socket.once('connect', async () => {
      for (const step of steps) {
        if (socket.destroyed) return;
        if (typeof step === 'number') await sleep(step);
        else {
          socket.write(step);
          lastWrite = performance.now();
        }
      }
      giveUp = setTimeout(() => {
        gaveUp = true;
        socket.destroy();
      }, giveUpMs);
    });
  });
}

/** The JSON body of the first HTTP response in `text` (assumes a content-length body). */
export function firstJsonBody(text: string): unknown {
  const start = text.indexOf('\r\n\r\n');
  const end = text.indexOf('HTTP/1.1', start);
  return JSON.parse(text.slice(start + 4, end === -1 ? undefined : end));
}

/** Opens a socket, writes `data` and leaves the request unfinished; the caller destroys it. */
export function openStalled(url: string, data: string | Buffer): Promise<Socket> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(data, () => resolve(socket)));
    socket.on('error', reject);
  });
}
