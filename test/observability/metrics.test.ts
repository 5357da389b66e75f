import { encodeGlobalID } from '@pothos/plugin-relay';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureZepetoAvatars } from '../../src/zepeto/zepeto-avatars.js';
import { graphql } from '../__generated__/gql.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  gw.app.sandbox!.renderIt!.connect(['metrics_z']);
});
afterAll(() => gw.stop());

async function scrape(): Promise<string> {
  const res = await request(`${gw.url}/metrics`);
  return res.body.text();
}

describe('upstream metrics', () => {
  it('counts every attempt by outcome, retries included, and times them', async () => {
    // The first attempt is refused (injected 500); the retry succeeds.
    gw.app.sandbox!.faults.renderIt.update({ errorRate: 1, errorStatuses: [500] });
    const rendering = gw.services.renderIt.renderSingle(
      { poseId: 'PO_1', quality: 'W160', targets: ['metrics_z'] },
      { deadline: Date.now() + 10_000 },
    );
    setTimeout(() => gw.app.sandbox!.faults.renderIt.reset(), 50);
    await rendering;

    const text = await scrape();
    expect(text).toMatch(/avatar_gateway_upstream_requests_total\{upstream="render-it",operation="renderSingle",outcome="500"\} [1-9]/);
    expect(text).toContain('avatar_gateway_upstream_requests_total{upstream="render-it",operation="renderSingle",outcome="200"} 1');
    expect(text).toMatch(/avatar_gateway_upstream_request_duration_seconds_count\{upstream="render-it",operation="renderSingle"\} [2-9]/);
  });

  it('labels a failure without an answer by its error code', async () => {
    gw.app.sandbox!.faults.renderIt.update({ dropConnectionRate: 1 });
    try {
      await expect(
        gw.services.renderIt.getAuth('no-such-session', { deadline: Date.now() + 300 }),
      ).rejects.toThrow();
    } finally {
      gw.app.sandbox!.faults.renderIt.reset();
    }
    expect(await scrape()).toMatch(/avatar_gateway_upstream_requests_total\{upstream="render-it",operation="getAuth",outcome="UPSTREAM_UNAVAILABLE"\} [1-9]/);
  });
});

const RenderForMetrics = graphql(`
  query RenderForMetrics($id: ID!) {
    avatar(id: $id) { ... on ZepetoAvatar { images(poses: ["PO_5", "PO_6"], quality: W320) { costUnits } } }
  }
`);

describe('render cost metrics', () => {
  it('adds what each operation reported in extensions.cost', async () => {
    const [record] = await ensureZepetoAvatars(gw.services.avatars, 'metrics-user', ['metrics_z']);
    const counter = async (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await scrape())?.[1] ?? 0);
    const imagesBefore = await counter('avatar_gateway_render_images_total');
    const unitsBefore = await counter('avatar_gateway_render_cost_units_total');
    const result = await gw.execute(RenderForMetrics, { id: encodeGlobalID('ZepetoAvatar', record!.id) }, { token: await gw.token('metrics-user') });
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.['cost']).toEqual({ images: 2, units: 1, usd: 0.001 });
    expect((await counter('avatar_gateway_render_images_total')) - imagesBefore).toBe(2);
    expect((await counter('avatar_gateway_render_cost_units_total')) - unitsBefore).toBe(1);
  });
});
