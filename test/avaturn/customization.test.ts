import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { CustomizationQuery, CustomizeAvatarMutation } from '../helpers/documents/avatars.js';
import { createAvatar, readyAvatar } from '../helpers/avatar-flows.js';
import { expectTypename } from '../helpers/results.js';

const CLOTHING = '2f6c1a4e-8b1d-4c55-9a4e-0c3f1e7d2a03';
const CAP = '5a9e3b72-1c4d-4e8f-b2a6-7d1e9c3f4b03';
const GLASSES = '8c2d7f14-6e3a-4b9c-a1d5-3f8e2b6c9d01';
const SNEAKERS = 'b7e4c9a3-2d5f-4a1e-8c6b-9e3d1f7a5c01';

let gw: TestGateway;
let token: string;
let id: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token('customizer');
  id = await readyAvatar(gw, token);
});
afterAll(() => gw.stop());

const customizationCalls = () => gw.app.sandbox!.avaturn!.calls.filter((c) => c.path.endsWith('/customization')).length;
const customize = (input: Record<string, unknown>, as = token) => gw.execute(CustomizeAvatarMutation, { input: { id, ...input } as never }, { token: as });

describe('AvaturnAvatar.customization and customizeAvatar', () => {
  it("reads Avaturn's document as typed fields", async () => {
    const result = await gw.execute(CustomizationQuery, { id }, { token });
    const avatar = expectTypename(result.data!.avatar, 'AvaturnAvatar');
    expect(avatar.customization).toMatchObject({
      body: 'body_0',
      age: 'adult',
      boneScale: { head: 0, arms: 0, chest: 0 },
      skinToneCorrection: 0,
      metadata: [],
      assets: { eyewear: null, hairAndHeadwear: { color: '#3b2a1a' } },
    });
  });

  it('merges a change into the document: assets per slot, colours, proportions, metadata', async () => {
    const result = await customize({
      assets: { clothing: { id: CLOTHING }, hairAndHeadwear: { id: CAP, color: '#AABBCC' }, eyewear: { id: GLASSES, color: '#11223344' } },
      boneScale: { head: -50, chest: 50 },
      skinToneCorrection: 12.5,
      metadata: [{ key: 'team', value: 'blue' }],
    });
    const success = result.data!.customizeAvatar;
    if (success.__typename !== 'CustomizeAvatarSuccess') throw new Error(JSON.stringify(result));
    expect(success.avatar.customization).toEqual({
      assets: { clothing: { assetId: CLOTHING }, hairAndHeadwear: { assetId: CAP, color: '#aabbcc' }, eyewear: { assetId: GLASSES, color: '#11223344' }, footwear: { assetId: 'b7e4c9a3-2d5f-4a1e-8c6b-9e3d1f7a5c01' } },
      body: 'body_0',
      age: 'adult',
      boneScale: { head: -50, arms: 0, chest: 50 },
      skinToneCorrection: 12.5,
      metadata: [{ key: 'team', value: 'blue' }],
    });
    // A slot set to null is emptied; omitted fields stay.
    const emptied = await customize({ assets: { eyewear: null } });
    const after = emptied.data!.customizeAvatar;
    if (after.__typename !== 'CustomizeAvatarSuccess') throw new Error(JSON.stringify(emptied));
    expect(after.avatar.customization).toMatchObject({ assets: { eyewear: null, clothing: { assetId: CLOTHING } }, skinToneCorrection: 12.5 });
  });

  it.each([
    [{ assets: { hairAndHeadwear: { id: CAP, color: 'red' } } }, 'input.assets.hairAndHeadwear.color'],
    [{ assets: { eyewear: { id: GLASSES, color: '#12345' } } }, 'input.assets.eyewear.color'],
    [{ assets: { clothing: { id: 'not-a-uuid' } } }, 'input.assets.clothing.id'],
    [{ boneScale: { arms: 101 } }, 'input.boneScale.arms'],
    [{ boneScale: { head: -100.5 } }, 'input.boneScale.head'],
    [{ skinToneCorrection: -51 }, 'input.skinToneCorrection'],
    [{ metadata: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }, 'input.metadata.1.key'],
    [{ body: '' }, 'input.body'],
  ])('refuses %o before any call, naming %s', async (input, field) => {
    const before = customizationCalls();
    const result = await customize(input);
    expect(result.data!.customizeAvatar).toMatchObject({ __typename: 'ValidationError', code: 'BAD_USER_INPUT', field });
    expect(customizationCalls()).toBe(before);
  });

  it('takes bone scales over the whole -100..100 range (skin tone stays -50..50)', async () => {
    const result = await customize({ boneScale: { head: -100, arms: 100, chest: 75 }, skinToneCorrection: -50 });
    const success = expectTypename(result.data!.customizeAvatar, 'CustomizeAvatarSuccess');
    expect(success.avatar.customization).toMatchObject({ boneScale: { head: -100, arms: 100, chest: 75 }, skinToneCorrection: -50 });
  });

  it("keeps the keys it does not know in Avaturn's document (the editor SDK adds some) through a change", async () => {
    const record = await gw.services.avatars.get(decodeGlobalID(id).id);
    if (record?.provider !== 'AVATURN') throw new Error('no Avaturn record');
    const current = await gw.services.avaturn.getCustomization(record.avaturnAvatarId);
    // As the editor would write it: an eye colour, a slot and a bone this gateway does not know.
    await gw.services.avaturn.putCustomization(record.avaturnAvatarId, {
      ...current,
      eye_color: '#4a3728',
      assets: { ...current.assets, gloves: { id: '11111111-2222-4333-8444-555555555555' }, footwear: { id: SNEAKERS, finish: 'matte' } },
      bone_scale: { ...current.bone_scale, legs: -20 },
    });
    const read = await gw.execute(CustomizationQuery, { id }, { token });
    expect(expectTypename(read.data!.avatar, 'AvaturnAvatar').customization?.assets.footwear).toEqual({ assetId: SNEAKERS });

    const changed = await customize({ skinToneCorrection: 7, boneScale: { head: 12 } });
    expectTypename(changed.data!.customizeAvatar, 'CustomizeAvatarSuccess');
    const after = await gw.services.avaturn.getCustomization(record.avaturnAvatarId);
    expect(after).toMatchObject({
      eye_color: '#4a3728',
      assets: { gloves: { id: '11111111-2222-4333-8444-555555555555' }, footwear: { id: SNEAKERS, finish: 'matte' } },
      bone_scale: { legs: -20, head: 12 },
      skin_tone_correction: 7,
    });
  });

  it("turns Avaturn's 409 (asset in another slot) and 410 (unknown asset) into typed errors", async () => {
    const conflict = await customize({ assets: { eyewear: { id: CLOTHING } } });
    expect(conflict.data!.customizeAvatar).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    const gone = await customize({ assets: { footwear: { id: '00000000-0000-4000-8000-00000000beef' } } });
    expect(gone.data!.customizeAvatar).toMatchObject({ __typename: 'UnknownAssetError', code: 'GONE' });
  });

  it('refuses an avatar that is not READY, and answers NOT_FOUND for another user', async () => {
    const pending = await createAvatar(gw, token);
    const notReady = await gw.execute(CustomizeAvatarMutation, { input: { id: pending, skinToneCorrection: 1 } }, { token });
    expect(notReady.data!.customizeAvatar).toMatchObject({ __typename: 'ConflictError', message: 'The avatar is not ready yet (status PROCESSING)' });
    const stranger = await customize({ skinToneCorrection: 1 }, await gw.token('stranger'));
    expect(stranger.data!.customizeAvatar).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });
});
