import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, describeRedis } from '../helpers/redis.js';
import { GalleryQuery } from '../helpers/documents/renders.js';
import { maxInWindow, poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';

const TPS = 10;
const FAULTS = { errorRate: 0.2, errorStatuses: [429, 500], latencyMs: 20, seed: 42 };

type Images = { images: Array<{ id: string; pose: { key: string } }> };

/** A 30-pose gallery of a new avatar of `owner` through `gw`; its ZEPETO ID is connected on `upstream`'s simulator. */
async function gallery(gw: RenderGateway, owner: string, poses: string[], upstream: RenderGateway = gw) {
  const zepetoId = `zepeto_${randomUUID().slice(0, 8)}`;
  upstream.renderIt.connect([zepetoId]);
  const { id } = await gw.zepetoAvatar(owner, zepetoId);
  const result = await gw.execute(GalleryQuery, { id, poses }, { token: await gw.token(owner) });
  expect(result.errors).toBeUndefined();
  expect((result.data!.node as Images).images.map((i) => i.pose.key)).toEqual(poses);
}

/** The simulator's own TPS window never had to refuse, and no 1 s window held more than TPS calls. */
function expectWithinTps(gw: RenderGateway) {
  const calls = gw.renderIt.calls;
  expect(calls.filter((c) => c.status === 429)).toEqual([]);
  expect(maxInWindow(calls.map((c) => c.at))).toBeLessThanOrEqual(TPS);
  // Injected faults are answered before the simulator logs a call; the arrivals include them.
  expect(maxInWindow(gw.arrivals)).toBeLessThanOrEqual(TPS);
}

describe('TPS limiter under 20% injected 429/500 (memory)', () => {
  let gw: RenderGateway;
  beforeAll(async () => {
    gw = await startRenderGateway({ RENDERIT_TPS: String(TPS) });
    gw.sandbox.faults.renderIt.update(FAULTS);
  });
  afterAll(() => gw.stop());

  it('completes a 30-pose gallery', async () => {
    await gallery(gw, 'tps-user', poseKeys(gw, 'STILL').slice(0, 30));
    expectWithinTps(gw);
  });

  it('keeps 8 concurrent galleries (24+ calls and their retries) within TPS', async () => {
    const poses = poseKeys(gw, 'STILL').slice(0, 30);
    await Promise.all(Array.from({ length: 8 }, (_, i) => gallery(gw, `tps-user-${i}`, poses)));
    expect(gw.arrivals.length).toBeGreaterThan(24);
    expectWithinTps(gw);
  });
});

describeRedis('TPS limiter shared by two instances through Redis', () => {
  let a: RenderGateway;
  let b: RenderGateway;
  beforeAll(async () => {
    a = await startRenderGateway({ RENDERIT_TPS: String(TPS), REDIS_URL });
    // B calls A's simulator with the same key: one Render-it workspace behind two instances.
    b = await startRenderGateway({ RENDERIT_TPS: String(TPS), REDIS_URL, RENDERIT_API_URL: `${a.url}/sandbox/render-it` });
    a.sandbox.faults.renderIt.update(FAULTS);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('never lets the two together exceed TPS in any sliding second', async () => {
    const poses = poseKeys(a, 'STILL').slice(0, 30);
    const run = randomUUID().slice(0, 8);
    await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => gallery(a, `tps-redis-a-${run}-${i}`, poses)),
      ...Array.from({ length: 4 }, (_, i) => gallery(b, `tps-redis-b-${run}-${i}`, poses, a)),
    ]);
    expect(a.arrivals.length).toBeGreaterThan(24);
    expect(b.renderIt.calls).toHaveLength(0);
    expectWithinTps(a);
  });
});
