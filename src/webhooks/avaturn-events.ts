import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import { findByAvaturnId } from '../avaturn/avatar-index.js';
import { applyUpstreamStatus } from '../avaturn/avatar-status.js';
import { exportChange, hasFreshModel, settleExportOutcome } from '../avaturn/export-avatar.js';
import { keysOf } from '../avaturn/keys.js';
import { RENDER_URL_TTL_MS, type RenderRef } from '../avaturn/scene-render.js';
import type { Services } from '../services.js';
import type { AvaturnWebhook } from '../upstreams/avaturn/schemas.js';
import { UpstreamBadRequestError, UpstreamNotFoundError } from '../upstreams/errors.js';

/** What a delivery did: changed state (and pushed), confirmed what was known, or named nothing of ours. */
export type EventOutcome = 'applied' | 'unchanged' | 'ignored';

type Event<E extends AvaturnWebhook['event']> = Extract<AvaturnWebhook, { event: E }>;

/**
 * Applies one Avaturn webhook. A delivery is a hint: it must name an avatar of a known user,
 * and its claim is confirmed with the API before anything is stored (the listing for
 * `avatar.ready`, `exports/new` for `export.ready`, which answers `ready` with a fresh URL).
 * `render.ready` has nothing to confirm against; it must match a render the gateway started for
 * that avatar. Every change is monotonic, so repeated and out-of-order deliveries change nothing.
 */
export async function applyAvaturnEvent(services: Services, event: AvaturnWebhook): Promise<EventOutcome> {
  switch (event.event) {
    case 'avatar.ready':
      return avatarReady(services, event);
    case 'export.ready':
      return exportReady(services, event);
    case 'render.ready':
      return renderReady(services, event);
  }
}

async function ownAvatar(services: Services, event: AvaturnWebhook): Promise<AvaturnAvatarRecord | undefined> {
  const record = await findByAvaturnId(services, event.avatar_id);
  return record && record.avaturnUserId === event.user_id ? record : undefined;
}

const outcome = (before: AvaturnAvatarRecord, after: { version: number } | undefined): EventOutcome =>
  after && after.version !== before.version ? 'applied' : 'unchanged';

async function avatarReady(services: Services, event: Event<'avatar.ready'>): Promise<EventOutcome> {
  const record = await ownAvatar(services, event);
  if (!record) return 'ignored';
  if (record.status === 'READY') return 'unchanged';
  const listing = await services.avaturn.listAvatars(record.avaturnUserId, { includeNotReady: true });
  const upstream = listing.find((a) => a.id.toLowerCase() === record.avaturnAvatarId);
  // Not listed (yet): nothing is confirmed, and the watchdog keeps polling the avatar.
  if (!upstream) return 'unchanged';
  return outcome(record, await applyUpstreamStatus(services, record.id, upstream.status));
}

async function exportReady(services: Services, event: Event<'export.ready'>): Promise<EventOutcome> {
  const record = await ownAvatar(services, event);
  if (!record) return 'ignored';
  if (event.status === 'failed') {
    return outcome(record, await services.avatars.update<AvaturnAvatarRecord>(record.id, (r) => settleExportOutcome(r, 'failed')));
  }
  if (record.status !== 'READY') return 'ignored';
  if (hasFreshModel(record)) return 'unchanged';
  try {
    const result = await services.avaturn.createExport(record.avaturnAvatarId);
    const after = await services.avatars.update<AvaturnAvatarRecord>(record.id, (r) =>
      // Still running for the current customization: the delivery was an earlier export's.
      result.status === 'pending' && r.model?.status === 'PENDING' ? settleExportOutcome(r, 'unrelatedReady') : exportChange(r, result),
    );
    return outcome(record, after);
  } catch (err) {
    // Avaturn refuses to export this avatar (gone, or never customised through us): nothing to confirm.
    if (err instanceof UpstreamBadRequestError || err instanceof UpstreamNotFoundError) return 'ignored';
    throw err;
  }
}

async function renderReady(services: Services, event: Event<'render.ready'>): Promise<EventOutcome> {
  const ref = await services.store.get<RenderRef>(keysOf(services).render(event.id));
  if (!ref || ref.avaturnAvatarId !== event.avatar_id.toLowerCase() || ref.avaturnUserId !== event.user_id) return 'ignored';
  const now = Date.now();
  let changed = false;
  const image = await services.images.update(ref.imageId, (current) => {
    // May run more than once under contention: the last run decides.
    changed = current.status === 'PENDING';
    if (!changed) return undefined;
    return event.status === 'ready' && event.render_url
      ? { status: 'READY', url: event.render_url, expiresAt: new Date(now + RENDER_URL_TTL_MS).toISOString() }
      : { status: 'FAILED', failureReason: 'Avaturn could not render this scene' };
  });
  if (!image) return 'ignored';
  return changed ? 'applied' : 'unchanged';
}
