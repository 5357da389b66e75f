import { ValidationError } from '../errors/app-error.js';
import type { AvaturnCustomization } from '../upstreams/avaturn/schemas.js';

/** Avaturn's asset slots and their GraphQL names; at most one asset per slot. */
const ASSET_SLOTS = [
  { slot: 'clothing', field: 'clothing', colour: false },
  { slot: 'hair_and_headwear', field: 'hairAndHeadwear', colour: true },
  { slot: 'eyewear', field: 'eyewear', colour: true },
  { slot: 'footwear', field: 'footwear', colour: false },
] as const;
type SlotField = (typeof ASSET_SLOTS)[number]['field'];

interface AssetInput {
  id: string;
  color?: string | null;
}

/** `customizeAvatar` input: an omitted (or null) field keeps its value; a slot set to null is emptied. */
export interface CustomizationInput {
  assets?: Partial<Record<SlotField, AssetInput | null>> | null;
  body?: string | null;
  age?: string | null;
  boneScale?: { head?: number | null; arms?: number | null; chest?: number | null } | null;
  skinToneCorrection?: number | null;
  metadata?: ReadonlyArray<{ key: string; value: string }> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLOUR = /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/;
/** Ranges of Avaturn's web SDK 1.1.4 [DOC]. */
const BONE_SCALE = { min: -100, max: 100 };
const SKIN_TONE_CORRECTION = { min: -50, max: 50 };
const MAX_METADATA = 50;

function checkRange(value: number | null | undefined, field: string, { min, max }: { min: number; max: number }): void {
  if (value === null || value === undefined) return;
  if (!Number.isFinite(value) || value < min || value > max) throw new ValidationError(`${field} must be between ${min} and ${max}`, field);
}

function checkText(value: string | null | undefined, field: string, max: number): void {
  if (value === null || value === undefined) return;
  if (value.length === 0 || value.length > max) throw new ValidationError(`${field} must be 1 to ${max} characters`, field);
}

/** Everything Avaturn would refuse for shape or range, refused here before any call. */
export function validateCustomization(input: CustomizationInput): void {
  for (const { field } of ASSET_SLOTS) {
    const asset = input.assets?.[field];
    if (!asset) continue;
    if (!UUID.test(asset.id)) throw new ValidationError(`input.assets.${field}.id must be an asset UUID`, `input.assets.${field}.id`);
    if (asset.color !== null && asset.color !== undefined && !COLOUR.test(asset.color)) {
      throw new ValidationError(`input.assets.${field}.color must be #rrggbb or #rrggbbaa`, `input.assets.${field}.color`);
    }
  }
  checkText(input.body, 'input.body', 64);
  checkText(input.age, 'input.age', 32);
  for (const part of ['head', 'arms', 'chest'] as const) checkRange(input.boneScale?.[part], `input.boneScale.${part}`, BONE_SCALE);
  checkRange(input.skinToneCorrection, 'input.skinToneCorrection', SKIN_TONE_CORRECTION);
  const metadata = input.metadata ?? [];
  if (metadata.length > MAX_METADATA) throw new ValidationError(`input.metadata has more than ${MAX_METADATA} entries`, 'input.metadata');
  const keys = new Set<string>();
  for (const [i, entry] of metadata.entries()) {
    checkText(entry.key, `input.metadata.${i}.key`, 200);
    if (entry.value.length > 2000) throw new ValidationError(`input.metadata.${i}.value is over 2000 characters`, `input.metadata.${i}.value`);
    if (keys.has(entry.key)) throw new ValidationError(`input.metadata has the key "${entry.key}" twice`, `input.metadata.${i}.key`);
    keys.add(entry.key);
  }
}

/** The document to PUT: the current one with the input's changes (PUT replaces the whole document). */
export function mergeCustomization(current: AvaturnCustomization, input: CustomizationInput): AvaturnCustomization {
  const assets: Record<string, unknown> = { ...(current.assets ?? {}) };
  for (const { slot, field, colour } of ASSET_SLOTS) {
    const asset = input.assets?.[field];
    if (asset === null) delete assets[slot];
    else if (asset) assets[slot] = colour && asset.color ? { id: asset.id, color: asset.color.toLowerCase() } : { id: asset.id };
  }
  const boneScale = { ...(current.bone_scale ?? {}) };
  for (const part of ['head', 'arms', 'chest'] as const) {
    const value = input.boneScale?.[part];
    if (value !== null && value !== undefined) boneScale[part] = value;
  }
  return {
    ...current,
    assets,
    body: input.body ?? current.body,
    age: input.age ?? current.age,
    bone_scale: boneScale,
    skin_tone_correction: input.skinToneCorrection ?? current.skin_tone_correction,
    metadata: input.metadata ? Object.fromEntries(input.metadata.map((e) => [e.key, e.value])) : current.metadata,
  };
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Where Avaturn's 422 points (`["body", "assets", "eyewear", "color"]`), as our input path. */
export function inputFieldFromLoc(detail: unknown): string | undefined {
  const loc = Array.isArray(detail) ? (detail[0] as { loc?: unknown } | undefined)?.loc : undefined;
  if (!Array.isArray(loc) || loc[0] !== 'body' || loc.length < 2) return undefined;
  return ['input', ...loc.slice(1).map((p) => (typeof p === 'string' ? camel(p) : String(p)))].join('.');
}
