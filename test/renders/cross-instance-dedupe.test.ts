import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDIS_URL, describeRedis } from '../helpers/redis.js';
import { GalleryQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';
import { expectTypename } from '../helpers/results.js';

describeRedis('render dedupe across instances (RenderCache claims through Redis)', () => {
  let a: RenderGateway;
  let b: RenderGateway;
  beforeAll(async () => {
    a = await startRenderGateway({ REDIS_URL });
    // B calls A's simulator: one Render-it workspace behind two instances.
    b = await startRenderGateway({ REDIS_URL, RENDERIT_API_URL: `${a.url}/sandbox/render-it` });
    // Slow enough that both instances ask while the first render is still running.
    a.sandbox.faults.renderIt.update({ latencyMs: 300 });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('renders a gallery asked on two instances at the same moment once', async () => {
    const owner = `dedupe-${randomUUID().slice(0, 8)}`;
    const zepetoId = `zep_${randomUUID().slice(0, 8)}`;
    const { id } = await a.zepetoAvatar(owner, zepetoId);
    const poses = poseKeys(a, 'STILL').slice(0, 10);
    a.renderIt.resetCalls();
    const [fromA, fromB] = await Promise.all([
      a.execute(GalleryQuery, { id, poses }, { token: await a.token(owner) }),
      b.execute(GalleryQuery, { id, poses }, { token: await b.token(owner) }),
    ]);
    expect(fromA.errors).toBeUndefined();
    expect(fromB.errors).toBeUndefined();
    const urls = (r: typeof fromA) => expectTypename(r.data!.node, 'ZepetoAvatar').images.map((i) => i.url);
    expect(urls(fromB)).toEqual(urls(fromA));
    expect(a.renderCalls()).toHaveLength(1);
    // Only the instance that rendered reports the cost.
    const units = [fromA, fromB].map((r) => r.extensions?.cost?.units).sort();
    expect(units).toEqual([0, 10]);
  });
});
