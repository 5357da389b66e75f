import type { AvaturnCustomization } from '../../../upstreams/avaturn/schemas.js';
import { builder } from '../../builder.js';

type Assets = NonNullable<AvaturnCustomization['assets']>;
type Asset = { id: string; color?: string };

/**
 * An asset as one avatar wears it. No `id` on purpose: the catalog id is shared by every avatar
 * wearing the asset while the colour is this avatar's own, so a normalized cache (Apollo, urql
 * graphcache) keying it by `id` would merge two avatars' assets into one entity and show one
 * colour for both. Without an id it is stored inside its avatar.
 */
const AvatarAssetRef = builder.objectRef<Asset>('AvatarAsset').implement({
  description: "An asset as this avatar wears it (catalog id and this avatar's colour); not an entity of its own.",
  fields: (t) => ({
    assetId: t.exposeID('id', { description: 'Asset id from the Avaturn asset catalog (the same for every avatar wearing it).' }),
    color: t.string({ nullable: true, description: '#rrggbb or #rrggbbaa.', resolve: (a) => a.color ?? null }),
  }),
});

const slot = (name: keyof Assets) => (assets: Assets) => (assets[name] as Asset | undefined) ?? null;

const AvatarAssetsRef = builder.objectRef<Assets>('AvatarAssets').implement({
  description: 'At most one asset per slot.',
  fields: (t) => ({
    clothing: t.field({ type: AvatarAssetRef, nullable: true, resolve: slot('clothing') }),
    hairAndHeadwear: t.field({ type: AvatarAssetRef, nullable: true, resolve: slot('hair_and_headwear') }),
    eyewear: t.field({ type: AvatarAssetRef, nullable: true, resolve: slot('eyewear') }),
    footwear: t.field({ type: AvatarAssetRef, nullable: true, resolve: slot('footwear') }),
  }),
});

const AvatarBoneScaleRef = builder.objectRef<Record<string, number>>('AvatarBoneScale').implement({
  description: 'Proportions, each -100..100 (0 = as scanned).',
  fields: (t) => ({
    head: t.float({ resolve: (b) => b['head'] ?? 0 }),
    arms: t.float({ resolve: (b) => b['arms'] ?? 0 }),
    chest: t.float({ resolve: (b) => b['chest'] ?? 0 }),
  }),
});

const MetadataEntryRef = builder.objectRef<[string, string]>('AvatarMetadataEntry').implement({
  fields: (t) => ({
    key: t.string({ resolve: ([key]) => key }),
    value: t.string({ resolve: ([, value]) => value }),
  }),
});

export const AvatarCustomizationRef = builder.objectRef<AvaturnCustomization>('AvatarCustomization').implement({
  description: "How an Avaturn avatar looks: Avaturn's customization document.",
  fields: (t) => ({
    assets: t.field({ type: AvatarAssetsRef, resolve: (c) => c.assets ?? {} }),
    body: t.string({ nullable: true, resolve: (c) => c.body ?? null }),
    age: t.string({ nullable: true, resolve: (c) => c.age ?? null }),
    boneScale: t.field({ type: AvatarBoneScaleRef, resolve: (c) => c.bone_scale ?? {} }),
    skinToneCorrection: t.float({ description: '-50..50.', resolve: (c) => c.skin_tone_correction ?? 0 }),
    metadata: t.field({ type: [MetadataEntryRef], resolve: (c) => Object.entries(c.metadata ?? {}) }),
  }),
});
