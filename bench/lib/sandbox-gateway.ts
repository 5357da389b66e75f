import { request } from 'undici';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.js';
import { connectAvatars, gatewayClient, type ConnectedAvatar, type GatewayClient } from './gateway-client.js';

/**
 * A gateway in this process with its embedded simulators (sandbox mode, as `npm start` runs),
 * for the benches that count upstream calls rather than CPU. Reached over HTTP like a client;
 * the returned gateway object is used only for what has no public switch.
 */
export interface SandboxGateway {
  gw: RunningGateway;
  client: GatewayClient;
  /** `count` new connected ZepetoAvatars (fresh, so nothing of them is cached), through the QR login flow. */
  newAvatars(count: number): Promise<ConnectedAvatar[]>;
  /** Render-it simulator calls so far (`GET /sandbox/render-it/sandbox/state`). */
  renderItCalls(): Promise<number>;
  stop(): Promise<void>;
}

/** The sandbox completes a login with 1..8 ZEPETO IDs. */
const IDS_PER_LOGIN = 8;

export async function startSandboxGateway(env: Record<string, string> = {}): Promise<SandboxGateway> {
  const gw = await startGateway({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', ...env }, { drainTimeoutMs: 2_000 });
  const client = await gatewayClient(gw.url, gw.config.auth.jwtSecret!, 'bench-user');
  const simulator = `${gw.url}/sandbox/render-it`;
  let n = 0;
  const complete = (zepetoIds: string[]) => async (sessionId: string) => {
    const res = await request(`${simulator}/sandbox/auth/${sessionId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ zepetoIds }),
    });
    if (res.statusCode !== 200) throw new Error(`completing the sandbox login answered ${res.statusCode}: ${await res.body.text()}`);
    await res.body.dump();
  };
  let known = 0;
  return {
    gw,
    client,
    async newAvatars(count) {
      const fresh: ConnectedAvatar[] = [];
      while (fresh.length < count) {
        const zepetoIds = Array.from({ length: Math.min(IDS_PER_LOGIN, count - fresh.length) }, () => `bench_${process.pid}_${++n}`);
        const all = await connectAvatars(client, known + zepetoIds.length, complete(zepetoIds));
        known = all.length;
        fresh.push(...all.filter((a) => zepetoIds.includes(a.zepetoId)));
      }
      return fresh;
    },
    async renderItCalls() {
      const res = await request(`${simulator}/sandbox/state`);
      return ((await res.body.json()) as { callCount: number }).callCount;
    },
    stop: () => gw.stop(),
  };
}
