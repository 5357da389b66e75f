import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ASSETS } from '../../src/sandbox/avaturn/assets.js';
import { BASE_PATH, newAvatar, newUser, readyAvatar, startHarness, waitFor, type Harness } from '../helpers/avaturn-sandbox.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const asset = (slot: string, index = 0) => SANDBOX_ASSETS.filter((a) => a.slot === slot)[index]!.id;
const detail = (json: unknown) => (json as { detail: unknown }).detail;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('avaturn sandbox: customization', () => {
  it('lists its asset catalog', async () => {
    const res = await h.fetch(`${h.origin}${BASE_PATH}/sandbox/assets`);
    const { assets } = JSON.parse(res.bytes.toString()) as { assets: Array<{ id: string; slot: string }> };
    expect(new Set(assets.map((a) => a.slot))).toEqual(new Set(['clothing', 'hair_and_headwear', 'eyewear', 'footwear']));
  });

  it('returns a default customization, stores a PUT (202 null) and returns it', async () => {
    const userId = await newUser(h);
    const { avatar_id } = await newAvatar(h, userId);
    const initial = await h.api('GET', `avatars/${avatar_id}/customization`);
    expect(initial.status).toBe(200);
    expect(initial.json).toMatchObject({ body: 'body_0', age: 'adult', bone_scale: { head: 0, arms: 0, chest: 0 }, skin_tone_correction: 0 });

    const doc = {
      assets: {
        clothing: { id: asset('clothing', 1) },
        hair_and_headwear: { id: asset('hair_and_headwear'), color: '#AABBCC' },
        eyewear: { id: asset('eyewear'), color: '#aabbccaa' },
        footwear: { id: asset('footwear') },
      },
      body: 'body_1',
      age: 'adult',
      bone_scale: { head: -50, arms: 50, chest: 10 },
      skin_tone_correction: -3,
      metadata: { key: 'value' },
    };
    const put = await h.api('PUT', `avatars/${avatar_id}/customization`, { body: doc });
    expect([put.status, put.json]).toEqual([202, null]);
    const got = await h.api('GET', `avatars/${avatar_id}/customization`);
    expect(got.json).toEqual({ ...doc, assets: { ...doc.assets, hair_and_headwear: { id: asset('hair_and_headwear'), color: '#aabbcc' } } });
  });

  it('takes bone scales from -100 to 100, and keeps unknown keys at every level as they came', async () => {
    const userId = await newUser(h);
    const { avatar_id } = await newAvatar(h, userId);
    const doc = {
      eye_color: '#4a3728',
      assets: { hats: { id: UNKNOWN, style: 'beanie' }, clothing: { id: asset('clothing'), fit: 'loose' } },
      bone_scale: { head: -100, arms: 100, legs: 40 },
    };
    expect((await h.api('PUT', `avatars/${avatar_id}/customization`, { body: doc })).status).toBe(202);
    const got = await h.api('GET', `avatars/${avatar_id}/customization`);
    expect(got.json).toMatchObject({ ...doc, bone_scale: { head: -100, arms: 100, chest: 0, legs: 40 }, body: 'body_0' });
  });

  it('answers 409 for an asset in the wrong slot, 410 for an unknown asset, 422 for a bad shape', async () => {
    const userId = await newUser(h);
    const { avatar_id } = await newAvatar(h, userId);
    const put = (body: unknown) => h.api('PUT', `avatars/${avatar_id}/customization`, { body });
    expect((await put({ assets: { eyewear: { id: asset('footwear') } } })).status).toBe(409);
    expect((await put({ assets: { clothing: { id: UNKNOWN } } })).status).toBe(410);
    const both = await put({ assets: { clothing: { id: asset('eyewear') }, footwear: { id: UNKNOWN } } });
    expect(both.status).toBe(410);
    for (const body of [
      { bone_scale: { head: 101 } },
      { bone_scale: { arms: -100.5 } },
      { skin_tone_correction: -50.5 },
      { assets: { hair_and_headwear: { id: asset('hair_and_headwear'), color: 'red' } } },
      { assets: { clothing: { id: 'not-a-uuid' } } },
      { assets: { clothing: [{ id: asset('clothing') }] } },
      { metadata: { key: 5 } },
      [],
    ]) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Array.isArray(detail(res.json))).toBe(true);
    }
    expect((await h.api('PUT', `avatars/${avatar_id}/customization`)).status).toBe(422);
    expect((await h.api('PUT', `avatars/${UNKNOWN}/customization`, { body: {} })).status).toBe(404);
    expect((await h.api('GET', `avatars/${UNKNOWN}/customization`)).status).toBe(404);
    expect((await h.api('GET', 'avatars/nope/customization')).status).toBe(422);
  });
});

describe('avaturn sandbox: exports', () => {
  it('answers pending, delivers export.ready with a GLB URL, then ready with a fresh URL', async () => {
    const { userId, avatarId } = await readyAvatar(h);
    const first = await h.api('POST', `exports/new?avatar_id=${avatarId}`);
    expect([first.status, first.json]).toEqual([200, { status: 'pending', url: null }]);
    expect((await h.api('POST', `exports/new?avatar_id=${avatarId}`)).json).toEqual({ status: 'pending', url: null });

    const hook = await waitFor(() => h.received.find((w) => w.body.event === 'export.ready' && w.body.avatar_id === avatarId));
    expect(hook.body).toMatchObject({ avatar_id: avatarId, user_id: userId, status: 'ready' });
    const glb = await h.fetch(hook.body.export_url as string);
    expect(glb.status).toBe(200);
    expect(glb.headers['content-type']).toBe('model/gltf-binary');
    expect(glb.bytes.subarray(0, 4).toString('ascii')).toBe('glTF');
    expect(glb.bytes.readUInt32LE(4)).toBe(2);
    expect(glb.bytes.readUInt32LE(8)).toBe(glb.bytes.length);

    const again = await h.api('POST', `exports/new?avatar_id=${avatarId}`);
    const { status, url } = again.json as { status: string; url: string };
    expect(status).toBe('ready');
    expect(url).not.toBe(hook.body.export_url);
    expect((await h.fetch(url)).bytes.equals(glb.bytes)).toBe(true);
    expect(h.received.filter((w) => w.body.event === 'export.ready' && w.body.avatar_id === avatarId)).toHaveLength(1);

    // A new customization is a new version: a new export task.
    await h.api('PUT', `avatars/${avatarId}/customization`, { body: { skin_tone_correction: 7 } });
    expect((await h.api('POST', `exports/new?avatar_id=${avatarId}`)).json).toEqual({ status: 'pending', url: null });
  });

  it('answers 422 for a missing or malformed id, an avatar not ready or never customised, 404 unknown', async () => {
    const userId = await newUser(h);
    const { avatar_id } = await newAvatar(h, userId);
    expect(detail((await h.api('POST', 'exports/new')).json)).toEqual([{ loc: ['query', 'avatar_id'], msg: 'Field required', type: 'missing' }]);
    expect((await h.api('POST', 'exports/new?avatar_id=xyz')).status).toBe(422);
    expect((await h.api('POST', `exports/new?avatar_id=${UNKNOWN}`)).status).toBe(404);
    const pending = await h.api('POST', `exports/new?avatar_id=${avatar_id}`);
    expect(pending.status).toBe(422);
    const { avatarId } = await readyAvatar(h, false);
    const uncustomised = await h.api('POST', `exports/new?avatar_id=${avatarId}`);
    expect(uncustomised.status).toBe(422);
    expect(detail(uncustomised.json)).toEqual([{ loc: ['query', 'avatar_id'], msg: 'customization required', type: 'value_error' }]);
  });

  it('expires export URLs after an hour', async () => {
    const { avatarId } = await readyAvatar(h);
    await h.api('POST', `exports/new?avatar_id=${avatarId}`);
    const hook = await waitFor(() => h.received.find((w) => w.body.event === 'export.ready' && w.body.avatar_id === avatarId));
    const url = hook.body.export_url as string;
    h.advanceClock(59 * 60_000);
    expect((await h.fetch(url)).status).toBe(200);
    h.advanceClock(60_001);
    const gone = await h.fetch(url);
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.bytes.toString())).toHaveProperty('detail');
  });
});

describe('avaturn sandbox: renders', () => {
  it.each([
    ['jpg', 'common/preview', 'jpg', 'image/jpeg', 1024],
    ['png', 'common/city_full_body', 'png', 'image/png', 1536],
    ['webp', 'common/transparent_half_body', 'webp', 'image/webp', 1024],
  ])('renders %s at 1024 x round(1024 x ratio)', async (format, scene, type, contentType, height) => {
    const { userId, avatarId } = await readyAvatar(h);
    const res = await h.api('POST', `renders/new?avatar_id=${avatarId}&scene=${scene}&format=${format}`);
    const job = res.json as { id: string; status: string; render_url: null };
    expect(res.status).toBe(200);
    expect(job).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'pending', render_url: null });
    const hook = await waitFor(() => h.received.find((w) => w.body.event === 'render.ready' && w.body.id === job.id));
    expect(hook.body).toEqual({
      event: 'render.ready',
      avatar_id: avatarId,
      user_id: userId,
      id: job.id,
      status: 'ready',
      render_url: expect.stringContaining(`${h.origin}${BASE_PATH}/files/`),
    });
    const image = await h.fetch(hook.body.render_url as string);
    expect(image.headers['content-type']).toBe(contentType);
    expect(imageSize(image.bytes)).toMatchObject({ width: 1024, height, type });
  });

  it('answers 422 on bad query, unknown scene, not ready or never customised; 404 unknown avatar', async () => {
    const { avatarId } = await readyAvatar(h);
    const post = (q: string) => h.api('POST', `renders/new?${q}`);
    const none = await post('');
    expect((detail(none.json) as Array<{ loc: string[] }>).map((d) => d.loc.join('.'))).toEqual(['query.avatar_id', 'query.scene']);
    expect((await post(`avatar_id=${avatarId}&scene=bad-scene!`)).status).toBe(422);
    expect((await post(`avatar_id=${avatarId}&scene=common/preview&format=gif`)).status).toBe(422);
    const unknownScene = await post(`avatar_id=${avatarId}&scene=custom/nowhere`);
    expect(unknownScene.status).toBe(422);
    expect(detail(unknownScene.json)).toEqual([{ loc: ['query', 'scene'], msg: 'unknown scene custom/nowhere', type: 'value_error' }]);
    expect((await post(`avatar_id=${UNKNOWN}&scene=common/preview`)).status).toBe(404);
    const uncustomised = await readyAvatar(h, false);
    const res = await post(`avatar_id=${uncustomised.avatarId}&scene=common/preview`);
    expect(detail(res.json)).toEqual([{ loc: ['query', 'avatar_id'], msg: 'customization required', type: 'value_error' }]);
    const userId = await newUser(h);
    const pending = await newAvatar(h, userId);
    expect((await post(`avatar_id=${pending.avatar_id}&scene=common/preview`)).status).toBe(422);
  });

  it('expires render URLs after 15 minutes and drops them with the avatar', async () => {
    const { userId, avatarId } = await readyAvatar(h);
    const job = (await h.api('POST', `renders/new?avatar_id=${avatarId}&scene=common/preview`)).json as { id: string };
    const hook = await waitFor(() => h.received.find((w) => w.body.id === job.id));
    const url = hook.body.render_url as string;
    expect(url.endsWith('.png')).toBe(true);
    h.advanceClock(14 * 60_000);
    expect((await h.fetch(url)).status).toBe(200);
    h.advanceClock(60_001);
    expect((await h.fetch(url)).status).toBe(404);

    const job2 = (await h.api('POST', `renders/new?avatar_id=${avatarId}&scene=common/preview`)).json as { id: string };
    const hook2 = await waitFor(() => h.received.find((w) => w.body.id === job2.id));
    await h.api('DELETE', `users/${userId}/avatars/${avatarId}`);
    expect((await h.fetch(hook2.body.render_url as string)).status).toBe(404);
  });
});
