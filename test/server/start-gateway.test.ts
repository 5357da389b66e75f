import { createServer } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging/logger.js';
import { startGateway } from '../../src/server/start-gateway.js';
import { startTestGateway } from '../helpers/gateway.js';
import { freePort, waitUntil } from '../helpers/redis.js';

/** Sends the headers of a request whose body never comes, and resolves once the server has it in hand. */
async function stuckRequest(port: number) {
  const socket = connect({ host: '127.0.0.1', port });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n`,
  );
  await waitUntil(() => received.includes('100 Continue'), 3_000, '100 Continue');
  return { socket, closed };
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

describe('startGateway', () => {
  it('with SHUTDOWN_DELAY_MS keeps accepting while readiness says draining, then closes', async () => {
    const gw = await startTestGateway({ SHUTDOWN_DELAY_MS: '400' });
    const stopping = gw.stop();
    await new Promise((r) => setTimeout(r, 50));
    // New connections are still accepted during the delay, and are told to go elsewhere.
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    await stopping;
    await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
  });

  it('with PORT=0 derives every URL from the port it got', async () => {
    const gw = await startTestGateway();
    try {
      const port = new URL(gw.url).port;
      expect(Number(port)).toBeGreaterThan(0);
      expect(gw.config.port).toBe(Number(port));
      expect(gw.config.avaturn.apiUrl).toBe(`${gw.url}/sandbox/avaturn`);
      expect(gw.config.renderIt.apiUrl).toBe(`${gw.url}/sandbox/render-it`);
    } finally {
      await gw.stop();
    }
  });

  it('stop() waits for a request in flight at most drainTimeoutMs, then closes it and the port', async () => {
    const gw = await startGateway({ PORT: '0', LOG_LEVEL: 'silent' }, { logger: silentLogger, drainTimeoutMs: 300 });
    const port = Number(new URL(gw.url).port);
    const stuck = await stuckRequest(port);
    expect(gw.app.inFlight()).toBe(1);

    const started = Date.now();
    const stopping = gw.stop();
    expect(gw.stop()).toBe(stopping); // idempotent: one shutdown
    await stopping;
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    await stuck.closed;
    expect(await canListen(port)).toBe(true);
  });

  it('releases the port when start-up fails after binding it', async () => {
    const port = await freePort();
    await expect(
      startGateway({ PORT: String(port), LOG_LEVEL: 'silent', POSE_CATALOG: '/nonexistent/poses.json' }, { logger: silentLogger }),
    ).rejects.toThrow(/^POSE_CATALOG cannot be read/);
    expect(await canListen(port)).toBe(true);
  });
});
