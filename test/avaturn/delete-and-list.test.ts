import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { statusKeys } from '../../src/webhooks/keys.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { ACCEPTED, avatarReadyBody, deliver, recordOf } from '../helpers/webhooks.js';
import { subscribeSse, subscribeWs } from '../helpers/subscriptions.js';
import { AvatarQuery, AvatarUpdatedSubscription, DeleteAvatarMutation, NodeQuery, ViewerAvatarsQuery } from '../helpers/documents/avatars.js';
import { createAvatar, createAvatarDirect, readyAvatar, sandboxCalls } from '../helpers/avatar-flows.js';
import { noFace } from '../helpers/photos.js';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway({ WATCHDOG_INTERVAL_MS: '50' });
  token = await gw.token('lister');
});
afterAll(() => gw.stop());

describe('deleteAvatar (Avaturn)', () => {
  it('deletes upstream and locally and completes subscriptions on both transports', async () => {
    const id = await readyAvatar(gw, token);
    const record = await recordOf(gw, id);
    const ws = subscribeWs(gw, token, AvatarUpdatedSubscription, { id });
    const sse = subscribeSse(gw, token, AvatarUpdatedSubscription, { id });
    try {
      expect((await ws.next()).value?.data?.avatarUpdated?.status).toBe('READY');
      expect((await sse.next()).value?.data?.avatarUpdated?.status).toBe('READY');
      const result = await gw.execute(DeleteAvatarMutation, { id }, { token });
      expect(result.data!.deleteAvatar).toEqual({ __typename: 'DeleteAvatarSuccess', deletedId: id });
      expect((await ws.next()).done).toBe(true);
      expect((await sse.next()).done).toBe(true);
    } finally {
      await Promise.all([ws.close(), sse.close()]);
    }
    expect(sandboxCalls(gw, 'DELETE', `/avatars/${record.avaturnAvatarId}`)).toEqual([expect.objectContaining({ status: 200 })]);
    expect((await gw.execute(AvatarQuery, { id }, { token })).data!.avatar).toBeNull();
    expect(await gw.services.store.get(statusKeys(gw.services.config).avatar(record.avaturnAvatarId))).toBeUndefined();
    // A late delivery about it is acknowledged and ignored.
    expect(await deliver(gw, { ...avatarReadyBody(record), late: true })).toEqual(ACCEPTED);
    const again = await gw.execute(DeleteAvatarMutation, { id }, { token });
    expect(again.data!.deleteAvatar).toMatchObject({ __typename: 'NotFoundError' });
  });

  it("answers NOT_FOUND for another user's avatar and leaves it alone", async () => {
    const id = await createAvatar(gw, token);
    const result = await gw.execute(DeleteAvatarMutation, { id }, { token: await gw.token('intruder') });
    expect(result.data!.deleteAvatar).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(await recordOf(gw, id)).toBeDefined();
  });

  it('deletes an avatar still awaiting its photos, and the watchdog forgets it', async () => {
    const id = await createAvatarDirect(gw, token);
    const record = await recordOf(gw, id);
    await gw.execute(DeleteAvatarMutation, { id }, { token });
    expect(await gw.services.store.setMembers(statusKeys(gw.services.config).pending())).not.toContain(record.id);
  });
});

describe('viewer.avatars, avatar and node for Avaturn avatars', () => {
  it('lists the caller\'s avatars only, filtered by provider and status', async () => {
    const owner = await gw.token('list-owner');
    const ready = await readyAvatar(gw, owner);
    const failed = await createAvatar(gw, owner, { frontal: noFace() });
    await createAvatar(gw, await gw.token('list-other'));
    for (let i = 0; i < 200; i++) {
      if ((await recordOf(gw, failed)).status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const all = await gw.execute(ViewerAvatarsQuery, { first: 10 }, { token: owner });
    expect(all.data!.viewer.avatars.edges.map((e) => e.node.id).sort()).toEqual([ready, failed].sort());
    const onlyReady = await gw.execute(ViewerAvatarsQuery, { status: 'READY', provider: 'AVATURN' }, { token: owner });
    expect(onlyReady.data!.viewer.avatars.edges.map((e) => e.node)).toEqual([{ id: ready, status: 'READY', provider: 'AVATURN' }]);
    const onlyFailed = await gw.execute(ViewerAvatarsQuery, { status: 'FAILED' }, { token: owner });
    expect(onlyFailed.data!.viewer.avatars.edges.map((e) => e.node.id)).toEqual([failed]);
    const zepeto = await gw.execute(ViewerAvatarsQuery, { provider: 'ZEPETO' }, { token: owner });
    expect(zepeto.data!.viewer.avatars.edges).toEqual([]);
  });

  it('resolves node and avatar for the owner only', async () => {
    const owner = await gw.token('node-owner');
    const id = await createAvatar(gw, owner);
    expect((await gw.execute(NodeQuery, { id }, { token: owner })).data!.node).toMatchObject({ __typename: 'AvaturnAvatar', id, bodyType: 'FEMALE' });
    const stranger = await gw.token('node-stranger');
    expect((await gw.execute(NodeQuery, { id }, { token: stranger })).data!.node).toBeNull();
    expect((await gw.execute(AvatarQuery, { id }, { token: stranger })).data!.avatar).toBeNull();
  });

  it('reports a store failure behind node as an error, not as a missing avatar', async () => {
    const owner = await gw.token('node-store-down');
    const id = await createAvatar(gw, owner);
    vi.spyOn(gw.services.avatars, 'getOwned').mockRejectedValueOnce(new Error('connection to the store lost'));
    try {
      const result = await gw.execute(NodeQuery, { id }, { token: owner });
      expect(result.data?.node ?? null).toBeNull();
      expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) })]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
