import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnimationQuery, FramesQuery, GalleryQuery, GroupMutation, ImageQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';

let gw: RenderGateway;
let token: string;
const owner = 'validation-user';
let id: string;
let still: string;
let animated: string;

beforeAll(async () => {
  gw = await startRenderGateway();
  token = await gw.token(owner);
  id = (await gw.zepetoAvatar(owner)).id;
  still = poseKeys(gw, 'STILL')[0]!;
  animated = poseKeys(gw, 'ANIMATED')[0]!;
});
afterAll(() => gw.stop());
beforeEach(() => gw.renderIt.resetCalls());

const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.['code'];

describe('render validation: refused before any upstream call', () => {
  it('refuses an unknown quality while coercing variables, with BAD_USER_INPUT', async () => {
    const result = await gw.execute(GalleryQuery, { id, poses: [still], quality: 'W123' as 'W640' }, { token });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toContain('"ImageQuality"');
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
  });

  it.each([0, 16, -1])('refuses fps %i for animation and frames', async (fps) => {
    expect(codeOf(await gw.execute(AnimationQuery, { id, pose: animated, fps }, { token }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gw.execute(FramesQuery, { id, pose: animated, fps }, { token }))).toBe('BAD_USER_INPUT');
  });

  it('refuses an empty pose list', async () => {
    const result = await gw.execute(GalleryQuery, { id, poses: [] }, { token });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!['field']).toBe('poses');
  });

  it('refuses a still pose asked as an animation or frames', async () => {
    expect(codeOf(await gw.execute(AnimationQuery, { id, pose: still, fps: 10 }, { token }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gw.execute(FramesQuery, { id, pose: still, fps: 10 }, { token }))).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for an unknown pose, an Avaturn scene or an unknown Pose id, even among valid ones', async () => {
    const unknownId = encodeGlobalID('Pose', 'ZEPETO:NOPE');
    for (const pose of ['PO_NOPE', 'common/preview', unknownId]) {
      expect(codeOf(await gw.execute(GalleryQuery, { id, poses: [still, pose] }, { token }))).toBe('NOT_FOUND');
    }
  });

  it('accepts a Pose global id as well as the raw key', async () => {
    const result = await gw.execute(GalleryQuery, { id, poses: [encodeGlobalID('Pose', `ZEPETO:${still}`)] }, { token });
    expect(result.errors).toBeUndefined();
    expect(gw.renderCalls()).toHaveLength(1);
    gw.renderIt.resetCalls();
  });

  it('refuses more than 8 or no avatars in a group image, and duplicates', async () => {
    const nine = await Promise.all(Array.from({ length: 9 }, () => gw.zepetoAvatar(owner)));
    gw.renderIt.resetCalls();
    const cases = [nine.map((a) => a.id), [], [nine[0]!.id, nine[0]!.id]];
    for (const avatars of cases) {
      const result = await gw.execute(GroupMutation, { input: { avatars, pose: still } }, { token });
      expect(result.data!.renderGroupImage).toMatchObject({ __typename: 'ValidationError', code: 'BAD_USER_INPUT', field: 'input.avatars' });
    }
  });

  it("answers NOT_FOUND for another user's avatar, by node or in a group", async () => {
    const other = await gw.zepetoAvatar('validation-other-user');
    const image = await gw.execute(ImageQuery, { id: other.id, pose: still }, { token });
    expect(image.data!.avatar).toBeNull();
    const group = await gw.execute(GroupMutation, { input: { avatars: [id, other.id], pose: still } }, { token });
    expect(group.data!.renderGroupImage).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });

  it('requires authentication', async () => {
    const result = await gw.execute(GroupMutation, { input: { avatars: [id], pose: still } });
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  });

  // Every refusal is decided by the gateway: the simulator must not have seen a single render call
  // (its own 400/404 answers would map to the same codes and hide a missing check).
  afterEach(() => {
    expect(gw.renderCalls()).toHaveLength(0);
  });
});
