import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.js';
import { REDIS_URL, deleteKeys, describeRedis, testRedis, uniquePrefix } from '../helpers/redis.js';
import { aliasedFramesQuery } from '../helpers/documents/render-attacks.js';
import { GalleryQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';
import { expectTypename } from '../helpers/results.js';

const GroupLimited = graphql(`
  mutation RenderGroupLimited($input: RenderGroupImageInput!) {
    renderGroupImage(input: $input) {
      __typename
      ... on Error { message code }
      ... on RateLimitedError { retryAfterSeconds }
    }
  }
`);

type Cost = { images: number; units: number; usd: number };
const costOf = (result: { extensions?: Record<string, unknown> }) => result.extensions?.['cost'] as Cost | undefined;

describe('RENDER_BUDGET_UNITS on by default', () => {
  let gw: RenderGateway;
  beforeAll(async () => {
    gw = await startRenderGateway();
  });
  afterAll(() => gw.stop());

  it('refuses one request of 50 aliased frames at W3840 before any upstream call', async () => {
    const { id } = await gw.zepetoAvatar('frames-attacker');
    const animated = gw.services.catalog.ofProvider('ZEPETO').filter((p) => p.kind === 'ANIMATED');
    gw.renderIt.resetCalls();
    const result = await gw.execute(aliasedFramesQuery(animated, 50), { id }, { token: await gw.token('frames-attacker') });
    // Unlimited before: this request billed 6,984 units ($6.98) in 50 calls.
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BUDGET_EXCEEDED', budgetUnits: 200 });
    expect(result.errors?.[0]?.extensions?.['estimatedUnits']).toBeGreaterThan(6000);
    expect(gw.renderCalls()).toHaveLength(0);
    expect(costOf(result)).toEqual({ images: 0, units: 0, usd: 0 });
  });
});

describe('RENDER_USER_BUDGET_UNITS per RENDER_USER_BUDGET_WINDOW', () => {
  let gw: RenderGateway;
  let stills: string[];
  beforeAll(async () => {
    gw = await startRenderGateway({ RENDER_USER_BUDGET_UNITS: '20', RENDER_USER_BUDGET_WINDOW: '60m' });
    stills = poseKeys(gw, 'STILL');
  });
  afterAll(() => gw.stop());
  beforeEach(() => gw.sandbox.faults.renderIt.reset());

  it('refuses a user looping distinct renders once the window is spent, before any call; another user is unaffected', async () => {
    const looper = await gw.zepetoAvatar('looper');
    const token = await gw.token('looper');
    let spent = 0;
    let refused: Awaited<ReturnType<typeof gw.execute>> | undefined;
    // Three new poses (3 units) a request: each is within the operation budget, their sum is not within the user's.
    for (let i = 0; i < 10 && !refused; i++) {
      const calls = gw.renderCalls().length;
      const result = await gw.execute(GalleryQuery, { id: looper.id, poses: stills.slice(3 * i, 3 * i + 3) }, { token });
      if (result.errors) {
        refused = result;
        expect(gw.renderCalls()).toHaveLength(calls);
      } else {
        spent += costOf(result)!.units;
      }
    }
    expect(spent).toBe(18);
    expect(refused?.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = refused!.errors![0]!.extensions!['retryAfterSeconds'] as number;
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused!.errors![0]!.message).toMatch(/^Render budget of 20 units per hour spent; retry in \d+ s$/);

    const other = await gw.zepetoAvatar('not-the-looper');
    const theirs = await gw.execute(GalleryQuery, { id: other.id, poses: stills.slice(0, 3) }, { token: await gw.token('not-the-looper') });
    expect(theirs.errors).toBeUndefined();
    expect(costOf(theirs)?.units).toBe(3);
  });

  it('costs the budget only what was billed: failed calls and reused renders give their reservation back', async () => {
    const { id } = await gw.zepetoAvatar('refunded');
    const token = await gw.token('refunded');
    // Render-it answers 400 (never retried, nothing billed) to every call: 3 x 10 units reserved, all given back.
    gw.sandbox.faults.renderIt.update({ errorRate: 1, errorStatuses: [400] });
    for (let i = 0; i < 3; i++) {
      const failed = await gw.execute(GalleryQuery, { id, poses: stills.slice(0, 10) }, { token });
      expect(failed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
    gw.sandbox.faults.renderIt.reset();
    const rendered = await gw.execute(GalleryQuery, { id, poses: stills.slice(0, 10) }, { token });
    expect(costOf(rendered)?.units).toBe(10);
    // Reused: reserved nothing, billed nothing.
    const reused = await gw.execute(GalleryQuery, { id, poses: stills.slice(0, 10) }, { token });
    expect(costOf(reused)?.units).toBe(0);
    const rest = await gw.execute(GalleryQuery, { id, poses: stills.slice(10, 20) }, { token });
    expect(rest.errors).toBeUndefined();
    expect(costOf(rest)?.units).toBe(10);
    const over = await gw.execute(GalleryQuery, { id, poses: stills.slice(20, 21) }, { token });
    expect(over.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
  });

  it('answers renderGroupImage over the budget with the RateLimitedError member', async () => {
    const owner = 'group-limited';
    const token = await gw.token(owner);
    const avatars = await Promise.all([gw.zepetoAvatar(owner), gw.zepetoAvatar(owner)]);
    const ids = avatars.map((a) => a.id);
    // W3200 is 5 units: four distinct poses spend the window, the fifth is refused.
    for (const pose of stills.slice(0, 4)) {
      const ok = await gw.execute(GroupLimited, { input: { avatars: ids, pose, quality: 'W3200' } }, { token });
      expect(ok.data?.renderGroupImage.__typename).toBe('RenderGroupImageSuccess');
    }
    const calls = gw.renderCalls().length;
    const refused = await gw.execute(GroupLimited, { input: { avatars: ids, pose: stills[4]!, quality: 'W3200' } }, { token });
    const limited = expectTypename(refused.data?.renderGroupImage, 'RateLimitedError');
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterSeconds).toBeGreaterThan(3500);
    expect(gw.renderCalls()).toHaveLength(calls);
  });
});

describeRedis('RENDER_USER_BUDGET_UNITS shared by two instances through Redis', () => {
  const prefix = uniquePrefix('user-budget');
  let a: RenderGateway;
  let b: RenderGateway;
  beforeAll(async () => {
    const env = { REDIS_URL, REDIS_PREFIX: prefix, RENDER_USER_BUDGET_UNITS: '10' };
    a = await startRenderGateway(env);
    b = await startRenderGateway({ ...env, RENDERIT_API_URL: `${a.url}/sandbox/render-it` });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const redis = testRedis();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('refuses on one instance what the user already spent on the other', async () => {
    const owner = `budget-${randomUUID().slice(0, 8)}`;
    const { id } = await a.zepetoAvatar(owner);
    const stills = poseKeys(a, 'STILL');
    const first = await a.execute(GalleryQuery, { id, poses: stills.slice(0, 9) }, { token: await a.token(owner) });
    expect(costOf(first)?.units).toBe(9);
    const calls = a.renderCalls().length;
    const second = await b.execute(GalleryQuery, { id, poses: stills.slice(9, 11) }, { token: await b.token(owner) });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(a.renderCalls()).toHaveLength(calls);
    const testClient = testRedis();
    expect(Number(await testClient.get(`${prefix}limit:render-units:${owner}`))).toBe(9000);
    await testClient.quit();
  });
});
