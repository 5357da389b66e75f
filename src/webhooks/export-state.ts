import type { AvatarModelRecord, AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import { NotFoundError } from '../errors/app-error.js';
import type { AvaturnExport } from '../upstreams/avaturn/schemas.js';
import type { StatusDeps } from './deps.js';

/**
 * The export model of an Avaturn avatar as a state machine: `exports/new` answers (from the
 * mutation, or to confirm `export.ready`) and `export.ready` outcomes move it, never backwards.
 */

/**
 * [ASSUMED] Export URLs are temporary ("download, never store") for a lifetime Avaturn does not
 * publish; the gateway shows one for 30 minutes (the sandbox keeps them an hour) and asks for a
 * fresh one after that.
 */
const EXPORT_URL_TTL_MS = 30 * 60 * 1000;
/** A URL this close to expiry is not worth keeping: ask again. */
const FRESH_ENOUGH_MS = 60 * 1000;

function modelFrom(result: AvaturnExport, customizationVersion: number, now = Date.now()): AvatarModelRecord {
  return result.status === 'ready'
    ? { status: 'READY', url: result.url, expiresAt: new Date(now + EXPORT_URL_TTL_MS).toISOString(), customizationVersion }
    : { status: 'PENDING', url: null, expiresAt: null, customizationVersion };
}

/** A READY model for the current customization whose URL still has a while to live. */
export function hasFreshModel(record: AvaturnAvatarRecord, now = Date.now()): boolean {
  const model = record.model;
  return (
    model?.status === 'READY' &&
    model.customizationVersion === record.customizationVersion &&
    model.expiresAt !== null &&
    Date.parse(model.expiresAt) - now > FRESH_ENOUGH_MS
  );
}

const sameModel = (a: AvatarModelRecord | null, b: AvatarModelRecord) =>
  a?.status === b.status && a.url === b.url && a.customizationVersion === b.customizationVersion && a.earlierExports === b.earlierExports;

/**
 * The change an `export.ready` outcome makes to a pending model, or undefined. The delivery
 * names no export: while earlier exports still run (`earlierExports`), it is taken for the
 * oldest one's (they finish first) and only counted, so a late failure of an earlier
 * customization never fails the export of a newer one. Otherwise a failure is this model's.
 * `unrelatedReady` is a ready outcome Avaturn did not confirm for the current customization.
 */
export function settleExportOutcome(
  current: AvaturnAvatarRecord,
  outcome: 'failed' | 'unrelatedReady',
): Partial<AvaturnAvatarRecord> | undefined {
  const model = current.model;
  if (model?.status !== 'PENDING') return undefined;
  if (model.earlierExports) return { model: { ...model, earlierExports: model.earlierExports - 1 || undefined } };
  return outcome === 'failed' ? { model: { ...model, status: 'FAILED' } } : undefined;
}

/**
 * The change storing what `exports/new` answered makes, or undefined. A pending export that
 * replaces the pending one of another customization counts it (and those it counted) in
 * `earlierExports`.
 */
function exportChange(
  current: AvaturnAvatarRecord,
  result: AvaturnExport,
  extra: Partial<AvaturnAvatarRecord> = {},
): Partial<AvaturnAvatarRecord> | undefined {
  let model = modelFrom(result, current.customizationVersion);
  // A pending answer never replaces a usable model; an identical one is no change.
  if (model.status === 'PENDING' && hasFreshModel(current)) return undefined;
  const earlier = current.model?.status === 'PENDING' ? current.model : undefined;
  if (model.status === 'PENDING' && earlier) {
    const earlierExports = (earlier.earlierExports ?? 0) + (earlier.customizationVersion === model.customizationVersion ? 0 : 1);
    if (earlierExports > 0) model = { ...model, earlierExports };
  }
  if (sameModel(current.model, model) && Object.entries(extra).every(([k, v]) => current[k as keyof AvaturnAvatarRecord] === v)) {
    return undefined;
  }
  return { ...extra, model };
}

/** Stores what `exports/new` answered (from the mutation or to confirm `export.ready`), once. */
export async function storeExport(
  services: Pick<StatusDeps, 'avatars'>,
  avatarId: string,
  result: AvaturnExport,
  extra: Partial<AvaturnAvatarRecord> = {},
): Promise<AvaturnAvatarRecord> {
  const updated = await services.avatars.update<AvaturnAvatarRecord>(avatarId, (current) => exportChange(current, result, extra));
  if (!updated) throw new NotFoundError('Avatar not found');
  return updated;
}

/**
 * The change a confirmed `export.ready` makes: what `exports/new` answered, unless it is still
 * running for the current customization, in which case the delivery was an earlier export's.
 */
export function confirmedExportChange(current: AvaturnAvatarRecord, result: AvaturnExport): Partial<AvaturnAvatarRecord> | undefined {
  return result.status === 'pending' && current.model?.status === 'PENDING' ? settleExportOutcome(current, 'unrelatedReady') : exportChange(current, result);
}
