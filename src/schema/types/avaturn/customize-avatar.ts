import { customizeAvatar } from '../../../avaturn/customize-avatar.js';
import { UnknownAssetError } from '../../../avaturn/errors.js';
import { ConflictError } from '../../../errors/app-error.js';
import { builder } from '../../builder.js';
import { AvaturnAvatarRef } from '../avatar-refs.js';

const AssetInput = builder.inputType('AvatarAssetInput', {
  fields: (t) => ({ id: t.id({ required: true, description: 'Asset id (UUID) from the Avaturn asset catalog.' }) }),
});

const ColouredAssetInput = builder.inputType('AvatarColoredAssetInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'Asset id (UUID) from the Avaturn asset catalog.' }),
    color: t.string({ required: false, description: '#rrggbb or #rrggbbaa.' }),
  }),
});

const AssetsInput = builder.inputType('AvatarAssetsInput', {
  description: 'One asset per slot. An omitted slot keeps its asset; null empties it.',
  fields: (t) => ({
    clothing: t.field({ type: AssetInput, required: false }),
    hairAndHeadwear: t.field({ type: ColouredAssetInput, required: false }),
    eyewear: t.field({ type: ColouredAssetInput, required: false }),
    footwear: t.field({ type: AssetInput, required: false }),
  }),
});

const BoneScaleInput = builder.inputType('AvatarBoneScaleInput', {
  description: 'Each -100..100; an omitted one keeps its value.',
  fields: (t) => ({ head: t.float({ required: false }), arms: t.float({ required: false }), chest: t.float({ required: false }) }),
});

const MetadataEntryInput = builder.inputType('AvatarMetadataEntryInput', {
  fields: (t) => ({ key: t.string({ required: true }), value: t.string({ required: true }) }),
});

const CustomizeAvatarInput = builder.inputType('CustomizeAvatarInput', {
  description: 'Changes to the customization; every omitted field keeps its current value.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: AvaturnAvatarRef, description: 'An AvaturnAvatar id.' }),
    assets: t.field({ type: AssetsInput, required: false }),
    body: t.string({ required: false }),
    age: t.string({ required: false }),
    boneScale: t.field({ type: BoneScaleInput, required: false }),
    skinToneCorrection: t.float({ required: false, description: '-50..50.' }),
    metadata: t.field({ type: [MetadataEntryInput], required: false, description: 'Replaces all metadata when given.' }),
  }),
});

builder.mutationField('customizeAvatar', (t) =>
  t.withAuth({ user: true }).field({
    type: AvaturnAvatarRef,
    description: 'Changes how a READY Avaturn avatar looks. Exports and scene renders made afterwards show the change.',
    args: { input: t.arg({ type: CustomizeAvatarInput, required: true }) },
    errors: {
      types: [UnknownAssetError, ConflictError],
      union: { name: 'CustomizeAvatarResult' },
      result: { name: 'CustomizeAvatarSuccess' },
      dataField: { name: 'avatar' },
    },
    resolve: (_root, { input: { id, ...changes } }, ctx) => customizeAvatar(ctx.services, ctx.viewer.userId, id.id, changes),
  }),
);
