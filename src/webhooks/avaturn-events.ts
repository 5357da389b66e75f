import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import type { AvaturnExport, AvatarStatus as UpstreamStatus, AvaturnWebhook } from '../upstreams/avaturn/schemas.js';
import { UpstreamBadRequestError, UpstreamNotFoundError } from '../upstreams/errors.js';
import { findByAvaturnId, pollSoon } from './avatar-index.js';
import { applyUpstreamStatus, isSettled } from './avatar-status.js';
import { CONFIRMATION_MEMORY_MS, type Confirmations } from './confirmations.js';
import type { StatusDeps } from './deps.js';
import { confirmedExportChange, hasFreshModel, settleExportOutcome } from './export-state.js';
import { statusKeys } from './keys.js';
import { sceneRenderOf, settleSceneRender } from './scene-state.js';

/**
 * What a delivery did: changed state (and pushed), confirmed what was known, or named nothing of
 * ours. For logs only: the sender gets the same answer whatever it was (see avaturn-route.ts).
 */
type EventOutcome = 'applied' | 'unchanged' | 'ignored';

type Event<E extends AvaturnWebhook['event']> = Extract<AvaturnWebhook, { event: E }>;

/**
 * Applies one Avaturn webhook. A delivery is a hint: it must name an avatar of a known user,
 * and its claim is confirmed with the API before anything is stored (the listing for
 * `avatar.ready`, `exports/new` for `export.ready`, which answers `ready` with a fresh URL).
 * Confirmations go through `confirmations` (single flight per avatar, answers remembered for a
 * moment), so copies of a delivery, however many and however they differ, cost one or two calls;
 * nothing that could not change the record asks at all. `render.ready` has nothing to confirm
 * against; it must match a render the gateway started for that avatar. The changes themselves are
 * the state machines' (`avatar-status.ts`, `export-state.ts`, `scene-state.ts`): monotonic, so
 * repeated and out-of-order deliveries change nothing.
 */
export async function applyAvaturnEvent(services: StatusDeps, confirmations: Confirmations, event: AvaturnWebhook): Promise<EventOutcome> {
  switch (event.event) {
    case 'avatar.ready':
      return avatarReady(services, confirmations, event);
    case 'export.ready':
      return exportReady(services, confirmations, event);
    case 'render.ready':
      return renderReady(services, event);
  }
}

async function ownAvatar(services: StatusDeps, event: AvaturnWebhook): Promise<AvaturnAvatarRecord | undefined> {
  const record = await findByAvaturnId(services, event.avatar_id);
  return record && record.avaturnUserId === event.user_id ? record : undefined;
}

const outcome = (before: AvaturnAvatarRecord, after: { version: number } | undefined): EventOutcome =>
  after && after.version !== before.version ? 'applied' : 'unchanged';

/** The avatar's status in Avaturn's listing; null when it is not listed (or its user is gone). */
async function listedStatus(services: StatusDeps, record: AvaturnAvatarRecord): Promise<UpstreamStatus | null> {
  try {
    const listing = await services.avaturn.listAvatars(record.avaturnUserId, { includeNotReady: true });
    return listing.find((a) => a.id.toLowerCase() === record.avaturnAvatarId)?.status ?? null;
  } catch (err) {
    // The Avaturn user is gone, and its avatars with it: nothing to confirm; the watchdog fails them.
    if (err instanceof UpstreamNotFoundError) return null;
    throw err;
  }
}

async function avatarReady(services: StatusDeps, confirmations: Confirmations, event: Event<'avatar.ready'>): Promise<EventOutcome> {
  const record = await ownAvatar(services, event);
  if (!record) return 'ignored';
  if (isSettled(record)) return 'unchanged';
  const upstream = await confirmations.confirm(statusKeys(services.config).statusConfirmation(record.avaturnAvatarId), () => listedStatus(services, record));
  if (upstream !== 'ready' && upstream !== 'failed') {
    // Not confirmed (yet, or from an answer a moment old): have the watchdog look again soon.
    await pollSoon(services, record.id, Date.now() + CONFIRMATION_MEMORY_MS);
    if (!upstream) return 'unchanged';
  }
  return outcome(record, await applyUpstreamStatus(services, record.id, upstream));
}

/** What `exports/new` answers, or `refused` when Avaturn will not export this avatar (gone, or never customised through us). */
async function exportOf(services: StatusDeps, record: AvaturnAvatarRecord): Promise<AvaturnExport | 'refused'> {
  try {
    return await services.avaturn.createExport(record.avaturnAvatarId);
  } catch (err) {
    if (err instanceof UpstreamBadRequestError || err instanceof UpstreamNotFoundError) return 'refused';
    throw err;
  }
}

async function exportReady(services: StatusDeps, confirmations: Confirmations, event: Event<'export.ready'>): Promise<EventOutcome> {
  const record = await ownAvatar(services, event);
  if (!record) return 'ignored';
  if (event.status === 'failed') {
    return outcome(record, await services.avatars.update<AvaturnAvatarRecord>(record.id, (r) => settleExportOutcome(r, 'failed')));
  }
  if (record.status !== 'READY') return 'ignored';
  if (hasFreshModel(record)) return 'unchanged';
  const key = statusKeys(services.config).exportConfirmation(record.avaturnAvatarId, record.customizationVersion);
  const result = await confirmations.confirm(key, () => exportOf(services, record));
  if (result === 'refused') return 'ignored';
  return outcome(record, await services.avatars.update<AvaturnAvatarRecord>(record.id, (r) => confirmedExportChange(r, result)));
}

async function renderReady(services: StatusDeps, event: Event<'render.ready'>): Promise<EventOutcome> {
  const ref = await sceneRenderOf(services, event.id);
  if (!ref || ref.avaturnAvatarId !== event.avatar_id.toLowerCase() || ref.avaturnUserId !== event.user_id) return 'ignored';
  const { image, changed } = await settleSceneRender(services.images, ref.imageId, { renderUrl: event.status === 'ready' ? event.render_url : null });
  if (!image) return 'ignored';
  return changed ? 'applied' : 'unchanged';
}
