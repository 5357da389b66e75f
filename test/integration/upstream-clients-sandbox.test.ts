import { Readable } from 'node:stream';
import { imageSize } from 'image-size';
import { Pool, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging/logger.js';
import { renderPng } from '../../src/sandbox/images/index.js';
import { AvaturnClient } from '../../src/upstreams/avaturn/client.js';
import {
  UpstreamAuthError,
  UpstreamBadRequestError,
  UpstreamConflictError,
  UpstreamGoneError,
  UpstreamNotFoundError,
} from '../../src/upstreams/errors.js';
import { RenderItClient } from '../../src/upstreams/render-it/client.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { waitUntil } from '../helpers/redis.js';
import type { AvaturnPhotos } from '../../src/upstreams/avaturn/photo-upload.js';

const CLOTHING = '2f6c1a4e-8b1d-4c55-9a4e-0c3f1e7d2a01';
const HAIR = '5a9e3b72-1c4d-4e8f-b2a6-7d1e9c3f4b01';
const UNKNOWN_ASSET = '00000000-0000-4000-8000-000000000000';
const UNKNOWN_USER = 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ';
const UNKNOWN_AVATAR = '6f1c0e7a-0000-4000-8000-000000000001';

let gw: TestGateway;
beforeAll(async () => {
  // A TPS limit this suite never reaches: the limiter is tested elsewhere, here it would only add waits.
  gw = await startTestGateway({ RENDERIT_TPS: '1000', SANDBOX_PROCESSING_DELAY_MS: '30' });
});
afterAll(() => gw.stop());

function photo(seed: string) {
  const bytes = renderPng({ width: 96, height: 96, seed });
  return { stream: Readable.from([bytes]), filename: `${seed}.png`, contentType: 'image/png', size: bytes.length };
}

const photos = (): AvaturnPhotos => ({ frontal: photo('front'), side1: photo('left'), side2: photo('right'), bodyType: 'female' });

async function download(url: string): Promise<Buffer> {
  const res = await request(url);
  expect(res.statusCode).toBe(200);
  return Buffer.from(await res.body.arrayBuffer());
}

describe('AvaturnClient against the sandbox', () => {
  it('runs the whole avatar lifecycle: user, avatar, photos, ready, customization, export, render, deletes', async () => {
    const avaturn = gw.services.avaturn;
    const { userId } = await avaturn.createUser();
    expect(userId).toMatch(/^[A-Z0-9]{32}$/);

    const { avatarId, uploadUrl } = await avaturn.createAvatar(userId);
    expect(uploadUrl.startsWith(`${gw.url}/sandbox/avaturn/`)).toBe(true);
    expect(await avaturn.listAvatars(userId, { includeNotReady: true })).toEqual([
      expect.objectContaining({ id: avatarId, status: 'pending' }),
    ]);
    expect(await avaturn.uploadPhotos(uploadUrl, photos())).toEqual({ status: 'processing' });

    await waitUntil(
      async () => (await avaturn.listAvatars(userId, { includeNotReady: true }))[0]?.status === 'ready',
      3_000,
      'the avatar to be ready',
    );
    expect((await avaturn.listAvatars(userId)).map((a) => a.id)).toEqual([avatarId]);

    const session = await avaturn.createSession(userId, { type: 'edit_existing', avatar_id: avatarId });
    expect(session.url.startsWith(gw.url)).toBe(true);

    await avaturn.putCustomization(avatarId, { assets: { clothing: { id: CLOTHING }, hair_and_headwear: { id: HAIR, color: '#112233' } } });
    expect(await avaturn.getCustomization(avatarId)).toMatchObject({
      assets: { clothing: { id: CLOTHING }, hair_and_headwear: { id: HAIR, color: '#112233' } },
    });

    // Pending first; once the export is done, asking again answers ready with a URL to a GLB.
    expect(await avaturn.createExport(avatarId)).toEqual({ status: 'pending', url: null });
    let glbUrl: string | undefined;
    await waitUntil(
      async () => {
        const exported = await avaturn.createExport(avatarId);
        if (exported.status === 'ready') glbUrl = exported.url;
        return glbUrl !== undefined;
      },
      3_000,
      'the export to be ready',
    );
    expect((await download(glbUrl!)).subarray(0, 4).toString('latin1')).toBe('glTF');

    const render = await avaturn.createRender(avatarId, 'common/preview', 'png');
    expect(render).toEqual({ id: expect.any(String), status: 'pending', renderUrl: null });

    await avaturn.deleteAvatar(userId, avatarId);
    expect(await avaturn.listAvatars(userId, { includeNotReady: true })).toEqual([]);
    await avaturn.deleteUser(userId);
    await expect(avaturn.listAvatars(userId)).rejects.toBeInstanceOf(UpstreamNotFoundError);
  });

  it('maps 404 to UpstreamNotFoundError', async () => {
    const avaturn = gw.services.avaturn;
    await expect(avaturn.listAvatars(UNKNOWN_USER)).rejects.toBeInstanceOf(UpstreamNotFoundError);
    await expect(avaturn.deleteUser(UNKNOWN_USER)).rejects.toBeInstanceOf(UpstreamNotFoundError);
    await expect(avaturn.createAvatar(UNKNOWN_USER)).rejects.toBeInstanceOf(UpstreamNotFoundError);
    await expect(avaturn.getCustomization(UNKNOWN_AVATAR)).rejects.toBeInstanceOf(UpstreamNotFoundError);
    await expect(avaturn.createExport(UNKNOWN_AVATAR)).rejects.toBeInstanceOf(UpstreamNotFoundError);
  });

  it('maps 422 to UpstreamBadRequestError, 409 to UpstreamConflictError, 410 to UpstreamGoneError', async () => {
    const avaturn = gw.services.avaturn;
    const { userId } = await avaturn.createUser();
    const { avatarId } = await avaturn.createAvatar(userId);
    await expect(avaturn.createExport('not-a-uuid')).rejects.toBeInstanceOf(UpstreamBadRequestError);
    await expect(avaturn.createRender(avatarId, 'common/no_such_scene', 'png')).rejects.toMatchObject({
      constructor: UpstreamBadRequestError,
      status: 422,
    });
    await expect(avaturn.createSession(userId, { type: 'edit_existing' })).rejects.toBeInstanceOf(UpstreamBadRequestError);
    // A clothing asset in the eyewear slot, then an asset the catalog does not have.
    await expect(avaturn.putCustomization(avatarId, { assets: { eyewear: { id: CLOTHING } } })).rejects.toBeInstanceOf(
      UpstreamConflictError,
    );
    await expect(avaturn.putCustomization(avatarId, { assets: { clothing: { id: UNKNOWN_ASSET } } })).rejects.toBeInstanceOf(
      UpstreamGoneError,
    );
    await avaturn.deleteUser(userId);
  });

  it('maps 401 (a wrong key) to UpstreamAuthError', async () => {
    const dispatcher = new Pool(gw.url, { connections: 1 });
    const client = new AvaturnClient({ baseUrl: gw.config.avaturn.apiUrl, apiKey: 'wrong-key', dispatcher, logger: silentLogger });
    try {
      await expect(client.createUser()).rejects.toBeInstanceOf(UpstreamAuthError);
    } finally {
      await client.close();
      await dispatcher.close();
    }
  });
});

describe('RenderItClient against the sandbox', () => {
  beforeAll(() => {
    gw.app.sandbox!.renderIt!.connect(['z1']);
  });

  it('renderSingle answers a PNG URL whose width is the quality and whose height follows the pose ratio', async () => {
    const { url } = await gw.services.renderIt.renderSingle({ poseId: 'PO_1', quality: 'W160', targets: ['z1'] });
    expect(url.startsWith(`${gw.url}/sandbox/render-it/`)).toBe(true);
    const size = imageSize(await download(url));
    expect(size).toMatchObject({ type: 'png', width: 160, height: 200 }); // ratio 1.25
  });

  it('renderSingle with redirect reads the Location', async () => {
    const { url } = await gw.services.renderIt.renderSingle({ poseId: 'PO_2', quality: 'W160', targets: ['z1'], redirect: true });
    expect(imageSize(await download(url))).toMatchObject({ width: 160, height: 240 }); // ratio 1.5
  });

  it('renderMulti answers one image per pose, in order', async () => {
    const { images } = await gw.services.renderIt.renderMulti({ poseIds: ['PO_2', 'PO_1', 'PO_3'], quality: 'W160', targets: ['z1'] });
    expect(images.map((i) => i.poseId)).toEqual(['PO_2', 'PO_1', 'PO_3']);
    expect(new Set(images.map((i) => i.url)).size).toBe(3);
  });

  it('renderAnimated answers an APNG with fps x duration frames, with or without redirect', async () => {
    const animated = await gw.services.renderIt.renderAnimated({ poseId: 'PO_A1', quality: 'W160', fps: 5, targets: ['z1'] });
    expect(animated.frameCount).toBe(10); // 2 s at 5 fps
    expect(imageSize(await download(animated.url))).toMatchObject({ width: 160, height: 240 });

    const redirected = await gw.services.renderIt.renderAnimated({
      poseId: 'PO_A1',
      quality: 'W160',
      fps: 5,
      targets: ['z1'],
      redirect: true,
    });
    expect(redirected.frameCount).toBeUndefined();
    expect((await download(redirected.url)).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('renderFrames answers one PNG per frame', async () => {
    const { frames } = await gw.services.renderIt.renderFrames({ poseId: 'PO_A5', quality: 'W160', fps: 5, targets: ['z1'] });
    expect(frames).toHaveLength(6); // 1.2 s at 5 fps
    expect(imageSize(await download(frames[0]!))).toMatchObject({ type: 'png', width: 160, height: 160 });
  });

  it('startAuth and getAuth follow a QR login from PENDING to CONNECTED, after which the id renders', async () => {
    const renderIt = gw.services.renderIt;
    const { url, sessionId } = await renderIt.startAuth();
    expect(url).toContain(sessionId);
    expect(await renderIt.getAuth(sessionId)).toEqual({ status: 'PENDING', zepetoIds: [] });
    await expect(renderIt.renderSingle({ poseId: 'PO_1', quality: 'W160', targets: ['z2'] })).rejects.toBeInstanceOf(
      UpstreamNotFoundError,
    );

    const complete = await request(`${gw.url}/sandbox/render-it/sandbox/auth/${sessionId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ zepetoIds: ['z2'] }),
    });
    expect(complete.statusCode).toBe(200);
    await complete.body.dump();

    expect(await renderIt.getAuth(sessionId)).toEqual({ status: 'CONNECTED', zepetoIds: ['z2'] });
    await expect(renderIt.renderSingle({ poseId: 'PO_1', quality: 'W160', targets: ['z2'] })).resolves.toEqual({
      url: expect.any(String),
    });
  });

  it('maps the documented errors: unknown pose, id or session 404; animation of a still pose 400; bad key 401', async () => {
    const renderIt = gw.services.renderIt;
    await expect(renderIt.renderSingle({ poseId: 'PO_NOPE', quality: 'W160', targets: ['z1'] })).rejects.toBeInstanceOf(
      UpstreamNotFoundError,
    );
    await expect(renderIt.getAuth('00000000-0000-4000-8000-00000000abcd')).rejects.toBeInstanceOf(UpstreamNotFoundError);
    await expect(renderIt.renderAnimated({ poseId: 'PO_1', quality: 'W160', fps: 5, targets: ['z1'] })).rejects.toMatchObject({
      constructor: UpstreamBadRequestError,
      status: 400,
    });

    const dispatcher = new Pool(gw.url, { connections: 1 });
    const wrongKey = new RenderItClient({ baseUrl: gw.config.renderIt.apiUrl, apiKey: 'wrong-key', dispatcher, logger: silentLogger });
    try {
      await expect(wrongKey.startAuth()).rejects.toBeInstanceOf(UpstreamAuthError);
    } finally {
      await dispatcher.close();
    }
  });
});
