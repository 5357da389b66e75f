import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZepetoAvatarRecord } from '../../src/avatars/avatar-record.js';
import { cacheKeyOf } from '../../src/renders/render-job.js';
import { graphql } from '../__generated__/gql.js';
import { subscribeSse, subscribeWs } from '../helpers/subscriptions.js';
import { GalleryQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';

const RenderingSubscription = graphql(`
  subscription RenderOnAvatarUpdate($id: ID!, $poses: [ID!]!) {
    avatarUpdated(id: $id) {
      id
      ... on ZepetoAvatar { images(poses: $poses) { url costUnits } }
    }
  }
`);

let gw: RenderGateway;
beforeAll(async () => {
  // Per event 5 units; per user 8 units an hour.
  gw = await startRenderGateway({ RENDER_BUDGET_UNITS: '5', RENDER_USER_BUDGET_UNITS: '8' });
});
afterAll(() => gw.stop());

async function scrapeUnits(): Promise<number> {
  const text = await (await request(`${gw.url}/metrics`)).body.text();
  return Number(/^avatar_gateway_render_cost_units_total (\S+)$/m.exec(text)?.[1] ?? 0);
}

/** Forgets the cached renders of `poses` for `avatar`, so the next event renders them again. */
async function forgetRenders(avatar: ZepetoAvatarRecord, poses: string[]) {
  for (const key of poses) {
    const pose = gw.services.catalog.ofProvider('ZEPETO').find((p) => p.key === key)!;
    const job = { kind: 'still' as const, quality: 'W640' as const, pose, targets: [{ zepetoId: avatar.zepetoId, avatarId: avatar.id }] };
    await gw.services.store.delete(cacheKeyOf(job));
  }
}

describe('renders inside subscriptions', () => {
  it('costs each event its own renders, within the per-event budget, counted on /metrics and in the user budget', async () => {
    const owner = 'subscriber';
    const token = await gw.token(owner);
    const { record, id } = await gw.zepetoAvatar(owner);
    const poses = poseKeys(gw, 'STILL').slice(0, 3);
    const unitsBefore = await scrapeUnits();
    const subscription = subscribeWs(gw, token, RenderingSubscription, { id, poses });
    try {
      const first = (await subscription.next()).value;
      expect(first?.data).toMatchObject({ avatarUpdated: { id, images: poses.map(() => ({ costUnits: 1 })) } });
      expect(first?.extensions?.cost).toEqual({ images: 3, units: 3, usd: 0.003 });

      // The same renders again on the next event: 6 units in the subscription, over the per-operation
      // 5, but each event is its own operation for that budget.
      await forgetRenders(record, poses);
      await gw.services.avatars.update(record.id, () => ({}));
      const second = (await subscription.next()).value;
      expect(second?.errors).toBeUndefined();
      expect(second?.extensions?.cost).toEqual({ images: 3, units: 3, usd: 0.003 });
      expect((await scrapeUnits()) - unitsBefore).toBe(6);

      // The user has spent 6 of 8 units: a third event's 3 units, or a query's, are refused.
      await forgetRenders(record, poses);
      await gw.services.avatars.update(record.id, () => ({}));
      const third = (await subscription.next()).value;
      expect(third?.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      const query = await gw.execute(GalleryQuery, { id, poses: poseKeys(gw, 'STILL').slice(3, 6) }, { token });
      expect(query.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect((await scrapeUnits()) - unitsBefore).toBe(6);
    } finally {
      await subscription.close();
    }
  });

  it('counts renders of subscriptions over SSE too', async () => {
    const owner = 'sse-subscriber';
    const { id } = await gw.zepetoAvatar(owner);
    const unitsBefore = await scrapeUnits();
    const subscription = subscribeSse(gw, await gw.token(owner), RenderingSubscription, { id, poses: poseKeys(gw, 'STILL').slice(6, 8) });
    try {
      const first = (await subscription.next()).value;
      expect(first?.extensions?.cost).toEqual({ images: 2, units: 2, usd: 0.002 });
      expect((await scrapeUnits()) - unitsBefore).toBe(2);
    } finally {
      await subscription.close();
    }
  });
});
