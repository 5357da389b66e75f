import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeleteAvatarMutation } from '../helpers/documents/avatars.js';
import { GroupMutation } from '../helpers/documents/renders.js';
import { startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';
import { expectTypename } from '../helpers/results.js';

/**
 * renderGroupImage with people who are not the caller's avatars: ZEPETO IDs that allowed one
 * of the caller's connected accounts to take pictures with them [SEED]. Consent lives at ZEPETO
 * (the sandbox's consent list here), so Render-it decides; the gateway checks everything it can
 * before anything is spent, and never pictures an ID another of its users connected.
 */
let gw: RenderGateway;
let token: string;
const owner = 'group-host';
beforeAll(async () => {
  gw = await startRenderGateway();
  token = await gw.token(owner);
});
afterAll(() => gw.stop());
beforeEach(() => gw.renderIt.resetCalls());

const group = (input: { avatars: string[]; zepetoIds?: string[]; pose?: string }) =>
  gw.execute(GroupMutation, { input: { pose: 'PO_1', quality: 'W320', ...input } }, { token });
const CONSENT_REFUSED = { __typename: 'ValidationError', code: 'BAD_USER_INPUT', field: 'input.zepetoIds' };

describe('renderGroupImage: consenting ZEPETO IDs', () => {
  it("pictures a person who allowed the caller's account, next to it: one call, the person in its targets", async () => {
    const host = await gw.zepetoAvatar(owner);
    gw.renderIt.grantConsent('friend_ok', host.record.zepetoId);
    const single = vi.spyOn(gw.services.renderIt, 'renderSingle');
    const multi = vi.spyOn(gw.services.renderIt, 'renderMulti');
    try {
      const result = await group({ avatars: [host.id], zepetoIds: ['friend_ok'] });
      const image = expectTypename(result.data!.renderGroupImage, 'RenderGroupImageSuccess').image;
      // The caller's avatars are the image's avatars; the friend is nobody's avatar here.
      expect(image.avatars.map((a) => a.id)).toEqual([host.id]);
      expect(image).toMatchObject({ width: 320, costUnits: 0.5 });
      const sent = [...single.mock.calls, ...multi.mock.calls].map(([req]) => req.targets);
      expect(sent).toEqual([[host.record.zepetoId, 'friend_ok']]);
      expect(result.extensions?.cost).toEqual({ images: 1, units: 0.5, usd: 0.0005 });
    } finally {
      single.mockRestore();
      multi.mockRestore();
    }
  });

  it("answers a ValidationError on input.zepetoIds when Render-it refuses (no consent), billing nothing", async () => {
    const host = await gw.zepetoAvatar(owner);
    const other = await gw.zepetoAvatar(owner);
    // Consent to another of the caller's accounts, which is not in this picture.
    gw.renderIt.grantConsent('friend_elsewhere', other.record.zepetoId);
    for (const zepetoIds of [['nobody_asked'], ['friend_elsewhere']]) {
      const result = await group({ avatars: [host.id], zepetoIds });
      expect(result.data!.renderGroupImage).toMatchObject(CONSENT_REFUSED);
      expect(result.extensions?.cost).toEqual({ images: 0, units: 0, usd: 0 });
    }
    expect(gw.renderCalls().map((c) => [c.status, c.images])).toEqual([[404, 0], [404, 0]]);
  });

  it('never pictures an ID another user of the gateway connected, even once they deleted it: refused before any call', async () => {
    const host = await gw.zepetoAvatar(owner);
    const someoneElse = await gw.zepetoAvatar('another-user', 'their_own_account');
    // Render-it would picture it (it is connected to the workspace), consent or not.
    gw.renderIt.grantConsent('their_own_account', 'unrelated');
    const refused = await group({ avatars: [host.id], zepetoIds: ['their_own_account'] });
    expect(refused.data!.renderGroupImage).toMatchObject(CONSENT_REFUSED);
    const deleted = await gw.execute(DeleteAvatarMutation, { id: someoneElse.id }, { token: await gw.token('another-user') });
    expectTypename(deleted.data!.deleteAvatar, 'DeleteAvatarSuccess');
    const again = await group({ avatars: [host.id], zepetoIds: ['their_own_account'] });
    expect(again.data!.renderGroupImage).toMatchObject(CONSENT_REFUSED);
    expect(gw.renderCalls()).toEqual([]);
  });

  it.each([
    [{ avatars: [], zepetoIds: ['friend_ok'] }, 'input.avatars'],
    [{ zepetoIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }, 'input.zepetoIds'],
    [{ zepetoIds: ['twice', 'twice'] }, 'input.zepetoIds.1'],
    [{ zepetoIds: [' padded'] }, 'input.zepetoIds.0'],
    [{ zepetoIds: [''] }, 'input.zepetoIds.0'],
    [{ zepetoIds: ['x'.repeat(201)] }, 'input.zepetoIds.0'],
    [{ zepetoIds: ['line\nbreak'] }, 'input.zepetoIds.0'],
  ])('refuses %o before any call, naming %s', async (input, field) => {
    const host = await gw.zepetoAvatar(owner);
    const result = await group({ avatars: [host.id], ...input });
    expect(result.data!.renderGroupImage).toMatchObject({ __typename: 'ValidationError', code: 'BAD_USER_INPUT', field });
    expect(gw.renderCalls()).toEqual([]);
  });

  it("refuses the caller's own listed avatar given again as a ZEPETO ID", async () => {
    const host = await gw.zepetoAvatar(owner);
    const result = await group({ avatars: [host.id], zepetoIds: [host.record.zepetoId] });
    expect(result.data!.renderGroupImage).toMatchObject({ __typename: 'ValidationError', field: 'input.zepetoIds.0' });
    expect(gw.renderCalls()).toEqual([]);
  });
});
