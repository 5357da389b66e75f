import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureZepetoAvatars } from '../../src/zepeto/zepeto-avatars.js';
import { GroupMutation, ImageQuery } from '../helpers/documents/renders.js';
import { poseKeys, startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';

let gw: RenderGateway;
let token: string;
const owner = 'errors-user';
let id: string;
let poses: string[];
let next = 0;

beforeAll(async () => {
  // A short deadline keeps the retried cases quick: the deadline, not the attempt count, ends them.
  // It must leave room for one injected Retry-After of 1 s even on a loaded machine.
  gw = await startRenderGateway({ RENDER_DEADLINE_MS: '2500' });
  token = await gw.token(owner);
  id = (await gw.zepetoAvatar(owner)).id;
  poses = poseKeys(gw, 'STILL');
});
afterAll(() => gw.stop());
beforeEach(() => {
  gw.sandbox.faults.renderIt.reset();
  gw.renderIt.resetCalls();
  gw.arrivals.length = 0;
});

/** A pose not rendered yet in this file, so the cache never answers. */
const freshPose = () => poses[next++]!;

describe('Render-it failures as GraphQL errors', () => {
  it.each([
    [400, 'BAD_USER_INPUT'],
    [401, 'UPSTREAM_MISCONFIGURED'],
    [403, 'UPSTREAM_MISCONFIGURED'],
    [404, 'NOT_FOUND'],
    [415, 'INTERNAL_SERVER_ERROR'],
  ])('maps %i to %s and never retries it', async (status, code) => {
    gw.sandbox.faults.renderIt.update({ errorRate: 1, errorStatuses: [status] });
    const result = await gw.execute(ImageQuery, { id, pose: freshPose() }, { token });
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    // Our own words only: the upstream's body ("injected fault") never reaches a client.
    expect(JSON.stringify(result)).not.toContain('injected fault');
    expect(gw.arrivals).toHaveLength(1);
  });

  it('shows 401/403 without upstream detail', async () => {
    gw.sandbox.faults.renderIt.update({ errorRate: 1, errorStatuses: [403] });
    const result = await gw.execute(ImageQuery, { id, pose: freshPose() }, { token });
    expect(result.errors?.[0]).toMatchObject({
      message: 'Render-it refused access to the gateway',
      extensions: { code: 'UPSTREAM_MISCONFIGURED' },
    });
  });

  it.each([
    [408, 'UPSTREAM_TIMEOUT'],
    [429, 'RATE_LIMITED'],
    [500, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
  ])('retries %i within the operation deadline, then answers %s', async (status, code) => {
    gw.sandbox.faults.renderIt.update({ errorRate: 1, errorStatuses: [status] });
    const started = Date.now();
    const result = await gw.execute(ImageQuery, { id, pose: freshPose() }, { token });
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(gw.arrivals.length).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(2500 + 500);
  });

  it('recovers when a retry succeeds', async () => {
    gw.sandbox.faults.renderIt.update({ errorRate: 0.5, errorStatuses: [500], seed: 7 });
    const results = await Promise.all(poses.slice(20, 24).map((pose) => gw.execute(ImageQuery, { id, pose }, { token })));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(gw.arrivals.length).toBeGreaterThan(gw.renderCalls().length);
  });

  it('answers NOT_FOUND when Render-it does not know the ZEPETO ID, in a query and in the union', async () => {
    // An avatar the gateway knows whose ZEPETO ID the workspace never connected.
    const [record] = await ensureZepetoAvatars(gw.services.avatars, owner, ['never_connected']);
    const stranger = encodeGlobalID('ZepetoAvatar', record!.id);
    const query = await gw.execute(ImageQuery, { id: stranger, pose: freshPose() }, { token });
    expect(query.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const mutation = await gw.execute(GroupMutation, { input: { avatars: [stranger], pose: freshPose() } }, { token });
    expect(mutation.data!.renderGroupImage).toMatchObject({ __typename: 'UpstreamError', code: 'NOT_FOUND' });
    expect(gw.renderCalls().map((c) => c.status)).toEqual([404, 404]);
  });
});
