import { imageSize } from 'image-size';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GalleryQuery, MixedGalleryQuery, NestedQuery, SamePoseQuery, TwoGalleriesQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';
import { expectTypename } from '../helpers/results.js';

let gw: RenderGateway;
let token: string;
const owner = 'batching-user';
let stills: string[];

beforeAll(async () => {
  gw = await startRenderGateway();
  token = await gw.token(owner);
  stills = poseKeys(gw, 'STILL');
});
afterAll(() => gw.stop());
beforeEach(() => gw.renderIt.resetCalls());

describe('render loader: operation-wide batching', () => {
  it('renders 25 distinct poses of one avatar (images + aliased image fields in a fragment) in exactly 3 calls', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    const [p1, p2, p3, p4, p5, ...rest] = stills.slice(0, 25);
    const result = await gw.execute(MixedGalleryQuery, { id, poses: rest, p1: p1!, p2: p2!, p3: p3!, p4: p4!, p5: p5! }, { token });
    expect(result.errors).toBeUndefined();
    const avatar = result.data!.avatar!;
    if (!('images' in avatar)) throw new Error('expected a ZepetoAvatar');
    expect(avatar.images.map((i) => i.pose.key)).toEqual(rest);
    expect([avatar.a1, avatar.a2, avatar.a3, avatar.a4, avatar.a5].map((i) => i.pose.key)).toEqual([p1, p2, p3, p4, p5]);

    const calls = gw.renderCalls();
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.path === '/services/biz/openApi/photos')).toBe(true);
    expect(calls.map((c) => c.images).sort((a, b) => a - b)).toEqual([5, 10, 10]);
    expect(result.extensions?.['cost']).toEqual({ images: 25, units: 25, usd: 0.025 });
  });

  it('renders 5 poses for each of 2 avatars in 2 calls, each image showing its own avatar', async () => {
    const a = await gw.zepetoAvatar(owner);
    const b = await gw.zepetoAvatar(owner);
    const poses = stills.slice(25, 30);
    const result = await gw.execute(TwoGalleriesQuery, { a: a.id, b: b.id, poses }, { token });
    expect(result.errors).toBeUndefined();
    expect(expectTypename(result.data!.a, 'ZepetoAvatar').images.every((i) => i.avatars[0]!.id === a.id)).toBe(true);
    expect(expectTypename(result.data!.b, 'ZepetoAvatar').images.every((i) => i.avatars[0]!.id === b.id)).toBe(true);
    expect(gw.renderCalls().map((c) => c.images)).toEqual([5, 5]);
  });

  it('renders the same pose asked 4 times once, with Single Image, and answers one image', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    const result = await gw.execute(SamePoseQuery, { id, pose: stills[0]! }, { token });
    expect(result.errors).toBeUndefined();
    const avatar = expectTypename(result.data!.avatar, 'ZepetoAvatar');
    expect(new Set([avatar.a.id, avatar.b.id, avatar.d.id, avatar.c[0]!.id]).size).toBe(1);
    expect(gw.renderCalls().map((c) => c.path)).toEqual([`/services/biz/openApi/photos/${stills[0]}`]);
    expect(result.extensions?.['cost']).toEqual({ images: 1, units: 1, usd: 0.001 });
  });

  it('renders nested avatars through the same loader, one batch per level', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    const result = await gw.execute(NestedQuery, { id, pose: stills[1]!, other: stills[2]! }, { token });
    expect(result.errors).toBeUndefined();
    const nested = result.data!.avatar!.image.avatars[0]!.image;
    expect(nested.pose.key).toBe(stills[2]);
    expect(gw.renderCalls()).toHaveLength(2);
  });

  it('describes each image as rendered: size from quality and pose ratio, PNG bytes to match, cost per image', async () => {
    const { id, record } = await gw.zepetoAvatar(owner);
    const poses = [stills[3]!, stills[4]!];
    const result = await gw.execute(GalleryQuery, { id, poses, quality: 'W320' }, { token });
    expect(result.errors).toBeUndefined();
    const { images } = expectTypename(result.data!.node, 'ZepetoAvatar');
    for (const [i, image] of images.entries()) {
      const pose = gw.services.catalog.get('ZEPETO', poses[i]!)!;
      expect(image).toMatchObject({ status: 'READY', format: 'PNG', width: 320, quality: 'W320', costUnits: 0.5, frameCount: null });
      expect(image.height).toBe(Math.round(320 * pose.ratio));
      const lifetime = Date.parse(image.expiresAt ?? '') - Date.now();
      expect(lifetime).toBeGreaterThan(55 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
      const res = await request(image.url ?? '');
      const bytes = Buffer.from(await res.body.arrayBuffer());
      expect(imageSize(bytes)).toMatchObject({ width: image.width, height: image.height, type: 'png' });
    }
    expect(images[0]!.avatars[0]!.id).toBe(id);
    expect(record.status).toBe('READY');
  });
});
