import { decodeGlobalID } from '@pothos/plugin-relay';
import { request } from 'undici';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { ACCEPTED, deliver } from '../helpers/webhooks.js';
import { subscribeWs } from '../helpers/subscriptions.js';
import { ImageUpdatedSubscription, SceneImageQuery } from '../helpers/documents/avatars.js';
import { createAvatar, readyAvatar, sandboxCalls } from '../helpers/avatar-flows.js';

async function download(url: string): Promise<Buffer> {
  const res = await request(url);
  return Buffer.from(await res.body.arrayBuffer());
}

describe('Avatar.image for an Avaturn scene', () => {
  let gw: TestGateway;
  let token: string;
  let id: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    token = await gw.token('scene-owner');
    id = await readyAvatar(gw, token);
  });
  afterAll(() => gw.stop());

  it('sets a default customization, starts renders/new and resolves when render.ready arrives', async () => {
    const result = await gw.execute(SceneImageQuery, { id, pose: 'common/preview', format: 'JPG' }, { token });
    expect(result.errors).toBeUndefined();
    const image = result.data!.avatar!.image;
    expect(image).toMatchObject({ status: 'READY', format: 'JPG', width: 1024, quality: null, pose: { key: 'common/preview', provider: 'AVATURN' }, avatars: [{ id }] });
    const bytes = await download(image.url!);
    const size = imageSize(bytes);
    expect({ type: size.type, width: size.width, height: size.height }).toEqual({ type: 'jpg', width: 1024, height: image.height });
    expect(sandboxCalls(gw, 'PUT', '/customization')).toHaveLength(1);
  });

  it('reuses a render of the same scene and format instead of rendering again', async () => {
    const before = sandboxCalls(gw, 'POST', '/renders/new').length;
    const [a, b] = await Promise.all([
      gw.execute(SceneImageQuery, { id, pose: 'common/city_full_body', format: 'WEBP' }, { token }),
      gw.execute(SceneImageQuery, { id, pose: 'common/city_full_body', format: 'WEBP' }, { token }),
    ]);
    expect(a.data!.avatar!.image.id).toBe(b.data!.avatar!.image.id);
    const again = await gw.execute(SceneImageQuery, { id, pose: 'common/city_full_body', format: 'WEBP' }, { token });
    expect(again.data!.avatar!.image).toMatchObject({ id: a.data!.avatar!.image.id, status: 'READY' });
    expect(sandboxCalls(gw, 'POST', '/renders/new').length - before).toBe(1);
    expect(imageSize(await download(again.data!.avatar!.image.url!)).type).toBe('webp');
  });

  it.each([
    ['APNG', 'common/preview', 'BAD_USER_INPUT'],
    ['PNG', 'common/nowhere', 'NOT_FOUND'],
    ['PNG', 'PO_2', 'NOT_FOUND'],
  ] as const)('answers %s of %s with %s before any call', async (format, pose, code) => {
    const before = sandboxCalls(gw, 'POST', '/renders/new').length;
    const result = await gw.execute(SceneImageQuery, { id, pose, format }, { token });
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(sandboxCalls(gw, 'POST', '/renders/new').length).toBe(before);
  });

  it('answers CONFLICT for an avatar still processing', async () => {
    const processing = await createAvatar(gw, token);
    const result = await gw.execute(SceneImageQuery, { id: processing, pose: 'common/preview' }, { token });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
  });
});

describe('Avatar.image for an Avaturn scene, past SCENE_RENDER_WAIT_MS', () => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway({ SCENE_RENDER_WAIT_MS: '0' });
    token = await gw.token('pending-scene-owner');
  });
  afterAll(() => gw.stop());

  it('answers PENDING, and imageUpdated delivers the render', async () => {
    const id = await readyAvatar(gw, token);
    const result = await gw.execute(SceneImageQuery, { id, pose: 'common/forest_half_body', format: 'PNG' }, { token });
    const image = result.data!.avatar!.image;
    expect(image).toMatchObject({ status: 'PENDING', url: null, format: 'PNG' });
    const ws = subscribeWs(gw, token, ImageUpdatedSubscription, { id: image.id });
    try {
      const first = (await ws.next()).value?.data?.imageUpdated;
      const last = first?.status === 'READY' ? first : (await ws.next()).value?.data?.imageUpdated;
      expect(first?.status).toMatch(/PENDING|READY/);
      expect(last).toMatchObject({ id: image.id, status: 'READY', format: 'PNG', url: expect.stringContaining('/render.png') });
    } finally {
      await ws.close();
    }
    // Another user cannot follow the render.
    const stranger = subscribeWs(gw, await gw.token('someone-else'), ImageUpdatedSubscription, { id: image.id });
    try {
      expect((await stranger.next()).value?.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    } finally {
      await stranger.close();
    }
  });

  it('ignores a render.ready that names another avatar, and applies a repeat once', async () => {
    const id = await readyAvatar(gw, token);
    // The sandbox's own render.ready is dropped: the deliveries below are the only ones.
    gw.app.sandbox!.faults.avaturn.update({ webhookDropRate: 1 });
    try {
      const result = await gw.execute(SceneImageQuery, { id, pose: 'common/preview', format: 'PNG' }, { token });
      const image = result.data!.avatar!.image;
      const stored = (await gw.services.images.get(decodeGlobalID(image.id).id))!;
      const avatar = (await gw.services.avatars.get(stored.avatarIds[0]!))!;
      if (avatar.provider !== 'AVATURN') throw new Error('expected an Avaturn avatar');
      const body = {
        event: 'render.ready',
        id: stored.upstreamRenderId,
        avatar_id: avatar.avaturnAvatarId,
        user_id: avatar.avaturnUserId,
        status: 'ready',
        render_url: `${gw.url}/sandbox/avaturn/files/x/render.png`,
      };
      // Each is acknowledged alike; only the one naming this render's avatar changes it, once.
      expect(await deliver(gw, { ...body, avatar_id: '00000000-0000-4000-8000-000000000000' })).toEqual(ACCEPTED);
      expect(await gw.services.images.get(stored.id)).toEqual(stored);
      expect(await deliver(gw, body)).toEqual(ACCEPTED);
      expect(await deliver(gw, { ...body, status: 'failed', render_url: null })).toEqual(ACCEPTED);
      const after = await gw.services.images.get(stored.id);
      expect(after).toMatchObject({ status: 'READY', version: stored.version + 1 });
    } finally {
      gw.app.sandbox!.faults.avaturn.reset();
    }
  });
});
