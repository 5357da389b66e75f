import { z } from 'zod';
import { ASSET_SLOTS, findAsset } from './assets.js';
import { AvaturnApiError, fromZod } from './errors.js';

/** Ranges of web SDK 1.1.4 [DOC]: bone_scale -100..100, skin_tone_correction -50..50. */
const boneScale = z.number().min(-100).max(100);
const skinTone = z.number().min(-50).max(50);
const asset = z.looseObject({
  id: z.guid(),
  /** `#rrggbb` or `#rrggbbaa`; accepted on every slot. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'colour must be #rrggbb or #rrggbbaa').optional(),
});

/**
 * The customization document. Unknown keys, at any level, are kept and ignored, never refused
 * [DOC]: the editor SDK adds fields (eye colour, new slots, more bones) that a client reading the
 * document and writing it back must not lose. Sandbox rules where the docs are silent: every
 * known top-level field is optional and an omitted one takes the default's value (PUT replaces
 * the whole document), `metadata` holds string values only.
 */
export const customizationSchema = z.looseObject({
  assets: z.looseObject(Object.fromEntries(ASSET_SLOTS.map((slot) => [slot, asset.optional()]))).optional(),
  body: z.string().regex(/^body_\d{1,2}$/, 'body must look like body_0').optional(),
  age: z.string().min(1).max(32).optional(),
  bone_scale: z.looseObject({ head: boneScale.optional(), arms: boneScale.optional(), chest: boneScale.optional() }).optional(),
  skin_tone_correction: skinTone.optional(),
  metadata: z.record(z.string().max(200), z.string().max(2000)).optional(),
});

type Asset = { id: string; color?: string } & Record<string, unknown>;

/** A stored document: the known fields, and whatever else the client sent (kept as it came). */
export interface Customization extends Record<string, unknown> {
  assets: Partial<Record<(typeof ASSET_SLOTS)[number], Asset>> & Record<string, unknown>;
  body: string;
  age: string;
  bone_scale: { head: number; arms: number; chest: number } & Record<string, unknown>;
  skin_tone_correction: number;
  metadata: Record<string, string>;
}

/** What GET answers for an avatar whose customization was never set. */
export function defaultCustomization(): Customization {
  return {
    assets: {
      clothing: { id: '2f6c1a4e-8b1d-4c55-9a4e-0c3f1e7d2a01' },
      hair_and_headwear: { id: '5a9e3b72-1c4d-4e8f-b2a6-7d1e9c3f4b01', color: '#3b2a1a' },
      footwear: { id: 'b7e4c9a3-2d5f-4a1e-8c6b-9e3d1f7a5c01' },
    },
    body: 'body_0',
    age: 'adult',
    bone_scale: { head: 0, arms: 0, chest: 0 },
    skin_tone_correction: 0,
    metadata: {},
  };
}

/**
 * Validates a PUT body: 422 on shape, then 410 when an asset id is unknown, then 409 when a
 * known asset sits in another slot.
 */
export function parseCustomization(body: unknown): Customization {
  const parsed = customizationSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw fromZod(parsed.error, ['body']);
  const input = parsed.data;
  const base = defaultCustomization();
  const chosen = ASSET_SLOTS.flatMap((slot) => {
    const entry = input.assets?.[slot];
    return entry ? [{ slot, entry, known: findAsset(entry.id) }] : [];
  });
  const unknown = chosen.filter((c) => !c.known).map((c) => c.entry.id);
  if (unknown.length > 0) throw new AvaturnApiError(410, `unknown asset ids: ${unknown.join(', ')}`);
  // Unknown slots and unknown fields of an asset are kept as they came.
  const assets: Customization['assets'] = { ...input.assets };
  for (const { slot, entry, known } of chosen) {
    if (known!.slot !== slot) throw new AvaturnApiError(409, `asset ${known!.id} belongs to slot ${known!.slot}, not ${slot}`);
    assets[slot] = { ...entry, id: known!.id, ...(entry.color === undefined ? {} : { color: entry.color.toLowerCase() }) };
  }
  return {
    ...input,
    assets: input.assets === undefined ? base.assets : assets,
    body: input.body ?? base.body,
    age: input.age ?? base.age,
    bone_scale: { ...base.bone_scale, ...input.bone_scale },
    skin_tone_correction: input.skin_tone_correction ?? base.skin_tone_correction,
    metadata: input.metadata ?? base.metadata,
  };
}
