import { imageSize } from 'image-size';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { frameCountOf } from '../../src/renders/render-job.js';
import { GalleryQuery, GroupMutation, ImageNodeQuery, ImageQuery, MotionQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';
import { expectTypename } from '../helpers/results.js';

let gw: RenderGateway;
let token: string;
const owner = 'renders-user';
let stills: string[];
let animated: string[];

beforeAll(async () => {
  gw = await startRenderGateway();
  token = await gw.token(owner);
  stills = poseKeys(gw, 'STILL');
  animated = poseKeys(gw, 'ANIMATED');
});
afterAll(() => gw.stop());
beforeEach(() => gw.renderIt.resetCalls());

describe('render cache and in-flight dedupe', () => {
  it('reuses a finished render in a later operation: no call, zero cost, the same image node', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    const vars = { id, poses: stills.slice(0, 3) };
    const first = await gw.execute(GalleryQuery, vars, { token });
    const second = await gw.execute(GalleryQuery, vars, { token });
    expect(gw.renderCalls()).toHaveLength(1);
    expect(second.extensions?.cost).toEqual({ images: 0, units: 0, usd: 0 });
    const ids = (r: typeof first) => expectTypename(r.data!.node, 'ZepetoAvatar').images.map((i) => i.url);
    expect(ids(second)).toEqual(ids(first));
  });

  it('shares one upstream call between concurrent operations asking for the same render', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    await gw.sandbox.faults.renderIt.update({ latencyMs: 150 });
    try {
      const results = await Promise.all(
        Array.from({ length: 4 }, () => gw.execute(ImageQuery, { id, pose: stills[5]! }, { token })),
      );
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      expect(new Set(results.map((r) => r.data!.avatar!.image.url)).size).toBe(1);
      expect(gw.renderCalls()).toHaveLength(1);
      const billed = results.map((r) => r.extensions?.cost?.images);
      expect(billed.sort()).toEqual([0, 0, 0, 1]);
    } finally {
      gw.sandbox.faults.renderIt.reset();
    }
  });

  it('gives each user their own image node for a render they may both make', async () => {
    const zepetoId = 'zepeto_shared_account';
    const a = await gw.zepetoAvatar('cache-user-a', zepetoId);
    const b = await gw.zepetoAvatar('cache-user-b', zepetoId);
    const ra = await gw.execute(ImageQuery, { id: a.id, pose: stills[6]! }, { token: await gw.token('cache-user-a') });
    const rb = await gw.execute(ImageQuery, { id: b.id, pose: stills[6]! }, { token: await gw.token('cache-user-b') });
    expect(gw.renderCalls()).toHaveLength(1);
    expect(rb.data!.avatar!.image.url).toBe(ra.data!.avatar!.image.url);
    expect(rb.data!.avatar!.image.id).not.toBe(ra.data!.avatar!.image.id);
    const foreign = await gw.execute(ImageNodeQuery, { id: ra.data!.avatar!.image.id }, { token: await gw.token('cache-user-b') });
    expect(foreign.data!.node).toBeNull();
    const own = await gw.execute(ImageNodeQuery, { id: ra.data!.avatar!.image.id }, { token: await gw.token('cache-user-a') });
    expect(own.data!.node).toMatchObject({ __typename: 'AvatarImage', format: 'PNG' });
  });
});

describe('animations and frames', () => {
  it('renders an APNG of fps x duration frames and one PNG per frame, billed per frame', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    const pose = gw.services.catalog.get('ZEPETO', animated[0]!)!;
    const fps = 4;
    const frames = frameCountOf(pose, fps);
    const result = await gw.execute(MotionQuery, { id, pose: pose.key, fps }, { token });
    expect(result.errors).toBeUndefined();
    const node = expectTypename(result.data!.node, 'ZepetoAvatar');
    const height = Math.round(320 * pose.ratio);
    expect(node.animation).toMatchObject({ format: 'APNG', width: 320, height, frameCount: frames, costUnits: 0.5 * frames });
    expect(node.frames).toHaveLength(frames);
    expect(node.frames.every((f) => f.format === 'PNG' && f.costUnits === 0.5)).toBe(true);
    expect(new Set(node.frames.map((f) => f.url)).size).toBe(frames);
    expect(gw.renderCalls().map((c) => c.path)).toEqual(
      expect.arrayContaining([`/services/biz/openApi/video/${pose.key}`, `/services/biz/openApi/video/${pose.key}/frames`]),
    );
    const billed = { images: 2 * frames, units: frames, usd: frames / 1000 };
    expect(result.extensions?.['cost']).toEqual({ ...billed, estimated: billed });
    const apng = Buffer.from(await (await request(node.animation.url ?? '')).body.arrayBuffer());
    expect(imageSize(apng)).toMatchObject({ width: 320, height });
  });

  it('answers Avatar.image with format APNG as the animation, and refuses JPG before any call', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    const apng = await gw.execute(ImageQuery, { id, pose: animated[1]!, format: 'APNG' }, { token });
    expect(apng.data!.avatar!.image).toMatchObject({ format: 'APNG', frameCount: frameCountOf(gw.services.catalog.get('ZEPETO', animated[1]!)!, 10) });
    gw.renderIt.resetCalls();
    const jpg = await gw.execute(ImageQuery, { id, pose: stills[7]!, format: 'JPG' }, { token });
    expect(jpg.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(gw.renderCalls()).toHaveLength(0);
  });
});

describe('renderGroupImage', () => {
  it('renders up to 8 of the caller’s avatars together in one image', async () => {
    const avatars = await Promise.all(Array.from({ length: 8 }, () => gw.zepetoAvatar(owner)));
    const result = await gw.execute(
      GroupMutation,
      { input: { avatars: avatars.map((a) => a.id), pose: stills[8]!, quality: 'W480' } },
      { token },
    );
    const payload = result.data!.renderGroupImage;
    if (payload.__typename !== 'RenderGroupImageSuccess') throw new Error(`got ${payload.__typename}`);
    expect(payload.image.avatars.map((a) => a.id)).toEqual(avatars.map((a) => a.id));
    expect(payload.image).toMatchObject({ width: 480, costUnits: 0.75, pose: { key: stills[8] } });
    expect(gw.renderCalls()).toHaveLength(1);
    expect(result.extensions?.['cost']).toEqual({ images: 1, units: 0.75, usd: 0.00075 });
  });
});
