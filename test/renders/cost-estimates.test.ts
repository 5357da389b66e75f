import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameCountOf } from '../../src/renders/render-job.js';
import { graphql } from '../__generated__/gql.js';
import { GalleryQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';
import { expectTypename } from '../helpers/results.js';

/**
 * Render-it publishes a price per image, not how it bills animations (assumed: one image per
 * frame). Responses say which costs are estimates: `AvatarImage.costAccuracy`, and
 * `extensions.cost.estimated`, the estimated part of the operation's totals.
 */
const StillsAndMotionQuery = graphql(`
  query StillsAndMotion($id: ID!, $stills: [ID!]!, $animated: ID!, $fps: Int!) {
    node(id: $id) {
      __typename
      ... on ZepetoAvatar {
        images(poses: $stills, quality: W320) { costUnits costAccuracy }
        animation(pose: $animated, fps: $fps, quality: W320) { frameCount costUnits costAccuracy }
        frames(pose: $animated, fps: $fps, quality: W320) { costUnits costAccuracy }
      }
    }
  }
`);

let gw: RenderGateway;
let token: string;
beforeAll(async () => {
  gw = await startRenderGateway();
  token = await gw.token('cost-estimates');
});
afterAll(() => gw.stop());

describe('render costs: exact for stills, labelled estimates for animations', () => {
  it('marks each image and the estimated part of extensions.cost', async () => {
    const { id } = await gw.zepetoAvatar('cost-estimates');
    const [animated] = poseKeys(gw, 'ANIMATED');
    const fps = 3;
    const frames = frameCountOf(gw.services.catalog.get('ZEPETO', animated!)!, fps);
    const result = await gw.execute(StillsAndMotionQuery, { id, stills: poseKeys(gw, 'STILL').slice(0, 2), animated: animated!, fps }, { token });
    const avatar = expectTypename(result.data!.node, 'ZepetoAvatar');
    expect(avatar.images).toEqual([
      { costUnits: 0.5, costAccuracy: 'EXACT' },
      { costUnits: 0.5, costAccuracy: 'EXACT' },
    ]);
    expect(avatar.animation).toEqual({ frameCount: frames, costUnits: 0.5 * frames, costAccuracy: 'ESTIMATE' });
    expect(avatar.frames.every((f) => f.costAccuracy === 'ESTIMATE' && f.costUnits === 0.5)).toBe(true);
    const estimated = { images: 2 * frames, units: frames, usd: frames / 1000 };
    expect(result.extensions?.cost).toEqual({ images: 2 + 2 * frames, units: 1 + frames, usd: (1 + frames) / 1000, estimated });
  });

  it('leaves `estimated` out when everything is exact, and when nothing was billed', async () => {
    const { id } = await gw.zepetoAvatar('cost-estimates');
    const stillsOnly = await gw.execute(GalleryQuery, { id, poses: poseKeys(gw, 'STILL').slice(4, 6) }, { token });
    expect(stillsOnly.extensions?.cost).toEqual({ images: 2, units: 2, usd: 0.002 });
    const [animated] = poseKeys(gw, 'ANIMATED');
    const stills = poseKeys(gw, 'STILL').slice(2, 4);
    const first = await gw.execute(StillsAndMotionQuery, { id, stills, animated: animated!, fps: 2 }, { token });
    expect(first.extensions?.cost?.estimated).toBeDefined();
    // The same again is all reused: nothing billed, nothing estimated, the images still say what they cost.
    const again = await gw.execute(StillsAndMotionQuery, { id, stills, animated: animated!, fps: 2 }, { token });
    expect(again.extensions?.cost).toEqual({ images: 0, units: 0, usd: 0 });
    expect(expectTypename(again.data!.node, 'ZepetoAvatar').animation.costAccuracy).toBe('ESTIMATE');
  });
});
