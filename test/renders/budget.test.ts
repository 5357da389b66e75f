import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GalleryQuery, GroupMutation, MotionQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';

let gw: RenderGateway;
let token: string;
const owner = 'budget-user';

beforeAll(async () => {
  gw = await startRenderGateway({ RENDER_BUDGET_UNITS: '5' });
  token = await gw.token(owner);
});
afterAll(() => gw.stop());
beforeEach(() => gw.renderIt.resetCalls());

describe('RENDER_BUDGET_UNITS', () => {
  it('refuses an operation over the budget before any call, with the estimate in the error', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    const result = await gw.execute(GalleryQuery, { id, poses: poseKeys(gw, 'STILL').slice(0, 6) }, { token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BUDGET_EXCEEDED', estimatedUnits: 6, budgetUnits: 5 });
    expect(result.errors?.[0]?.message).toContain('6 units');
    expect(gw.renderCalls()).toHaveLength(0);
    expect(result.extensions?.['cost']).toEqual({ images: 0, units: 0, usd: 0 });
  });

  it('renders what fits the budget', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    const result = await gw.execute(GalleryQuery, { id, poses: poseKeys(gw, 'STILL').slice(0, 5) }, { token });
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.['cost']).toEqual({ images: 5, units: 5, usd: 0.005 });
  });

  it('counts animations per frame against the budget', async () => {
    const { id } = await gw.zepetoAvatar(owner);
    // W320 is 0.5 units a frame: 30 frames of a 3 s pose at 10 fps are 15 units.
    const pose = gw.services.catalog.ofProvider('ZEPETO').find((p) => p.kind === 'ANIMATED' && p.durationSeconds === 3)!;
    const result = await gw.execute(MotionQuery, { id, pose: pose.key, fps: 10 }, { token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BUDGET_EXCEEDED', budgetUnits: 5 });
    expect(gw.renderCalls()).toHaveLength(0);
  });

  it('answers a group image over budget with the BudgetExceededError union member', async () => {
    const avatars = await Promise.all([gw.zepetoAvatar(owner), gw.zepetoAvatar(owner)]);
    const result = await gw.execute(
      GroupMutation,
      { input: { avatars: avatars.map((a) => a.id), pose: poseKeys(gw, 'STILL')[0]!, quality: 'W3840' } },
      { token },
    );
    expect(result.data!.renderGroupImage).toEqual({
      __typename: 'BudgetExceededError',
      code: 'BUDGET_EXCEEDED',
      message: 'This operation would cost 6 units, over the budget of 5',
      estimatedUnits: 6,
      budgetUnits: 5,
    });
    expect(gw.renderCalls()).toHaveLength(0);
  });
});
