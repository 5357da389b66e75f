import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAvaturnUser } from '../../src/avaturn/avaturn-users.js';
import { UPLOAD_CONNECTIONS } from '../../src/upstreams/avaturn/photo-upload.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { openStalled } from '../helpers/raw-socket.js';
import { stalledUpload } from '../helpers/stalled-upload.js';
import { CreateEditorSessionMutation } from '../helpers/documents/avatars.js';
import { eventually } from '../helpers/avatar-flows.js';

const STALLED = 16;
let gw: TestGateway;
const sockets: Socket[] = [];
/** Photo uploads the simulator is receiving right now (requests to its upload route not finished). */
let uploadsInFlight = 0;

beforeAll(async () => {
  // No per-user cap and no idle timeout: one user's uploads stay stalled for the whole test.
  // One user opens many uploads on purpose: the per-minute creation limit is not what is tested here.
  gw = await startTestGateway({ MAX_CONCURRENT_UPLOADS_PER_USER: '0', BODY_IDLE_TIMEOUT_MS: '0', AVATAR_CREATE_LIMIT_PER_MINUTE: '0' });
  gw.server.on('request', (req, res) => {
    if (!req.url?.includes('/sandbox/avaturn/uploads/')) return;
    uploadsInFlight++;
    res.once('close', () => uploadsInFlight--);
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await gw.stop();
});

const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

describe('photo uploads on their own sockets', () => {
  it(`lets another user's Avaturn calls through while one user holds ${STALLED} stalled uploads`, async () => {
    expect(STALLED).toBeGreaterThanOrEqual(UPLOAD_CONNECTIONS);
    const mallory = await gw.token('stall-mallory');
    for (let i = 0; i < STALLED; i++) sockets.push(await openStalled(gw.url, stalledUpload(mallory)));
    // Each stalled request got its avatar and holds an upload to Avaturn open (the API pool has 16 sockets too).
    await eventually(() => (uploadsInFlight >= Math.min(STALLED, UPLOAD_CONNECTIONS) ? true : undefined), 10_000, 'stalled uploads in flight');

    const token = await gw.token('stall-alice');
    const started = performance.now();
    const session = await within(3_000, gw.execute(CreateEditorSessionMutation, { input: { kind: 'CREATE' } }, { token }));
    expect(session.data?.createEditorSession).toMatchObject({ __typename: 'CreateEditorSessionSuccess', kind: 'CREATE' });
    const userId = await ensureAvaturnUser(gw.services, 'stall-alice');
    await within(3_000, gw.services.avaturn.listAvatars(userId, { includeNotReady: true, deadline: Date.now() + 3_000 }));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(uploadsInFlight).toBeGreaterThanOrEqual(Math.min(STALLED, UPLOAD_CONNECTIONS));
  });
});
