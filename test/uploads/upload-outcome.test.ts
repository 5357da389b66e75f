import busboy from 'busboy';
import { Readable } from 'node:stream';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AvaturnAvatarRecord } from '../../src/avatars/avatar-record.js';
import { applyUpstreamStatus } from '../../src/webhooks/avatar-status.js';
import { statusKeys } from '../../src/webhooks/keys.js';
import { AvaturnWatchdog } from '../../src/webhooks/watchdog.js';
import { silentLogger } from '../../src/logging/logger.js';
import { AvaturnClient } from '../../src/upstreams/avaturn/client.js';
import { UpstreamConnectionError, UpstreamTimeoutError } from '../../src/upstreams/errors.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { startServer, type LocalServer } from '../helpers/upstream-clients.js';
import { createAvatarUpload, createResult, waitForAvatar } from '../helpers/avatar-flows.js';
import type { PhotoSource } from '../../src/upstreams/avaturn/multipart.js';

let gw: TestGateway;
let server: LocalServer | undefined;
beforeAll(async () => {
  gw = await startTestGateway({ WATCHDOG_INTERVAL_MS: '50', SANDBOX_PROCESSING_DELAY_MS: '100' });
});
afterAll(() => gw.stop());
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

const recordOf = async (id: string) => (await gw.services.avatars.get(decodeGlobalID(id).id)) as AvaturnAvatarRecord;
const watched = async (record: AvaturnAvatarRecord) => (await gw.services.store.setMembers(statusKeys(gw.services.config).pending())).includes(record.id);

/** The gateway's client, its upload answered by `fail` instead of (or after) the real upload. */
function failUpload(fail: Error, options: { afterSending: boolean }) {
  const avaturn = gw.services.avaturn;
  const original = avaturn.uploadPhotos.bind(avaturn);
  return vi.spyOn(avaturn, 'uploadPhotos').mockImplementationOnce(async (url, photos, call) => {
    if (options.afterSending) await original(url, photos, call);
    throw fail;
  });
}

describe('AvaturnClient.uploadPhotos answers', () => {
  it('takes any 2xx as received, whatever its body', async () => {
    const answers = [
      { status: 200, type: 'text/plain', body: 'OK' },
      { status: 201, type: 'application/json', body: '{"id": 7}' },
      { status: 204, type: 'text/plain', body: '' },
    ];
    let next = 0;
    server = await startServer((req, res) => {
      const parser = busboy({ headers: req.headers });
      parser.on('file', (_name, stream) => stream.resume());
      parser.on('close', () => {
        const answer = answers[next++]!;
        res.writeHead(answer.status, { 'content-type': answer.type });
        res.end(answer.body);
      });
      req.pipe(parser);
    });
    const client = new AvaturnClient({ baseUrl: 'https://api.avaturn.me', apiKey: 'k', dispatcher: undefined as never, logger: silentLogger });
    const photo = (): PhotoSource => ({ stream: Readable.from([Buffer.from('\xFF\xD8\xFF photo', 'latin1')]), filename: 'p.jpg', contentType: 'image/jpeg' });
    try {
      for (let i = 0; i < answers.length; i++) {
        await client.uploadPhotos(`${server.url}/u`, { frontal: photo(), side1: photo(), side2: photo(), bodyType: 'male' });
      }
    } finally {
      await client.close();
    }
  });
});

describe('createAvatar when the upload outcome is unclear', () => {
  it('keeps the avatar PROCESSING and watched when the answer was lost after the photos went out; Avaturn decides', async () => {
    failUpload(new UpstreamTimeoutError('avaturn'), { afterSending: true });
    const token = await gw.token('unclear-timeout');
    const result = createResult(await createAvatarUpload(gw, token));
    expect(result).toMatchObject({ __typename: 'CreateAvatarSuccess', avatar: { status: 'PROCESSING', failureReason: null } });
    expect(await watched(await recordOf(result.avatar!.id))).toBe(true);
    await waitForAvatar(gw, token, result.avatar!.id, (a) => a.status === 'READY');
  });

  it('fails it, recoverably and with a reason, once Avaturn still has no photos after the grace period', async () => {
    failUpload(new UpstreamConnectionError('avaturn', new Error('socket hang up'), false), { afterSending: false });
    await gw.app.watchdog.stop();
    const token = await gw.token('unclear-reset');
    const result = createResult(await createAvatarUpload(gw, token));
    expect(result).toMatchObject({ __typename: 'CreateAvatarSuccess', avatar: { status: 'PROCESSING' } });
    const record = await recordOf(result.avatar!.id);
    expect(record.status).toBe('PROCESSING');
    // Seen by a watchdog two minutes later: Avaturn still lists the avatar as awaiting photos.
    await new AvaturnWatchdog(gw.services, () => Date.now() + 2 * 60_000).round();
    const failed = await recordOf(result.avatar!.id);
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'Avaturn never received the photos', timedOut: true });
    // Should Avaturn still confirm it, its word wins.
    expect(await applyUpstreamStatus(gw.services, record.id, 'ready')).toMatchObject({ status: 'READY', failureReason: null });
  });
});

describe('createAvatar when the upload failure proves nothing was taken', () => {
  it('fails the avatar at once, for good, with a reason', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    failUpload(new UpstreamConnectionError('avaturn', refused, true), { afterSending: false });
    const token = await gw.token('refused-upload');
    const result = createResult(await createAvatarUpload(gw, token));
    expect(result).toMatchObject({ __typename: 'UpstreamError', code: 'UPSTREAM_UNAVAILABLE' });
    const [avatar] = await gw.services.avatars.listByOwner('refused-upload');
    expect(avatar).toMatchObject({ status: 'FAILED', failureReason: 'The photo upload to Avaturn failed: Could not reach Avaturn' });
    expect(await watched(avatar as AvaturnAvatarRecord)).toBe(false);
    expect(await applyUpstreamStatus(gw.services, avatar!.id, 'ready')).toMatchObject({ status: 'FAILED' });
  });
});
