import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, deleteKeys, describeRedis, testRedis, uniquePrefix } from '../helpers/redis.js';
import { ImageQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';

const TPS = 10;
const FLOOD = 80;

/** One user queues 80 distinct renders at once; another asks for one. How long, in the flooder's slots, does it wait? */
function floodSuite(env: Record<string, string> = {}) {
  let gw: RenderGateway;
  beforeAll(async () => {
    gw = await startRenderGateway({ RENDERIT_TPS: String(TPS), RENDER_DEADLINE_MS: '20000', ...env });
  });
  afterAll(() => gw.stop());

  it("lets one user's single render through within a few slots while another keeps 80 renders in flight", async () => {
    const stills = poseKeys(gw, 'STILL');
    const flooder = await gw.zepetoAvatar('fair-flooder');
    const other = await gw.zepetoAvatar('fair-other');
    const floodToken = await gw.token('fair-flooder');
    const otherToken = await gw.token('fair-other');
    // 80 distinct renders (30 poses at 3 qualities), one operation each: 80 Single calls queued at once.
    const qualities = ['W640', 'W320', 'W480'] as const;
    const jobs = Array.from({ length: FLOOD }, (_, i) => ({ pose: stills[i % 30]!, quality: qualities[Math.floor(i / 30)]! }));
    gw.renderIt.resetCalls();
    const flood = Promise.all(jobs.map((job) => gw.execute(ImageQuery, { id: flooder.id, ...job }, { token: floodToken })));
    // Let the flood fill the window and the queues first.
    while (gw.renderCalls().length < 2 * TPS) await new Promise((resolve) => setTimeout(resolve, 10));

    const pose = stills.at(-1)!;
    const started = Date.now();
    const mine = await gw.execute(ImageQuery, { id: other.id, pose, quality: 'W960' }, { token: otherToken });
    const waitedMs = Date.now() - started;
    expect(mine.errors).toBeUndefined();
    const myCall = gw.renderCalls().find((c) => c.path.endsWith(`/photos/${pose}`))!;
    // The flooder's calls Render-it admitted while this one waited: the slots it waited for.
    const slotsWaited = gw.renderCalls().filter((c) => c !== myCall && c.status !== 429 && c.at >= started && c.at <= myCall.at).length;
    console.info(`fair TPS${env['REDIS_URL'] ? ' (Redis)' : ''}: the other user's render waited ${waitedMs} ms, ${slotsWaited} of the flooder's slots`);

    const results = await flood;
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    // Without fair turns it waited behind the whole flood: about 60 slots, 7.3 s.
    expect(slotsWaited).toBeLessThanOrEqual(4);
  }, 30_000);
}

describe('Render-it TPS shared fairly between users (memory limiter)', () => {
  floodSuite();
});

describeRedis('Render-it TPS shared fairly between users (Redis limiter)', () => {
  const prefix = uniquePrefix('fair-tps');
  afterAll(async () => {
    const redis = testRedis();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });
  floodSuite({ REDIS_URL, REDIS_PREFIX: prefix });
});
