import type { AvatarStatus, AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import type { AvatarStatus as UpstreamStatus } from '../upstreams/avaturn/schemas.js';
import { stopWatching } from './avatar-index.js';
import type { StatusDeps } from './deps.js';

type StatusServices = Pick<StatusDeps, 'store' | 'avatars' | 'config'>;

/** Statuses only move forward; READY and FAILED are final. */
const RANK: Record<AvatarStatus, number> = { AWAITING_UPLOAD: 0, PROCESSING: 1, READY: 2, FAILED: 2 };
const FROM_UPSTREAM: Record<UpstreamStatus, AvatarStatus> = {
  pending: 'AWAITING_UPLOAD',
  processing: 'PROCESSING',
  ready: 'READY',
  failed: 'FAILED',
};

const FAILURE_REASONS = {
  failed: 'Avaturn could not make an avatar from these photos (for example, no face was found)',
  missing: 'The avatar no longer exists at Avaturn',
} as const;

const isFinal = (status: AvatarStatus) => status === 'READY' || status === 'FAILED';

/** Final, and no answer of the API could change it (a confirmed `ready` only overrides a watchdog timeout). */
export const isSettled = (record: AvaturnAvatarRecord): boolean =>
  record.status === 'READY' || (record.status === 'FAILED' && !record.timedOut);

/**
 * Applies a status Avaturn confirmed (from the avatar listing), monotonically: a repeated or
 * older observation changes nothing, so duplicates and out-of-order deliveries are harmless.
 * The one way back is a watchdog timeout followed by a confirmed `ready`: Avaturn's word wins.
 * `missing` means the listing no longer has the avatar. Returns the record after the change.
 */
export async function applyUpstreamStatus(
  services: StatusServices,
  avatarId: string,
  upstream: UpstreamStatus | 'missing',
  now = new Date(),
): Promise<AvaturnAvatarRecord | undefined> {
  const next: AvatarStatus = upstream === 'missing' ? 'FAILED' : FROM_UPSTREAM[upstream];
  const record = await services.avatars.update<AvaturnAvatarRecord>(avatarId, (current) => {
    if (current.provider !== 'AVATURN' || current.status === next) return undefined;
    if (current.status === 'FAILED' && current.timedOut && next === 'READY') {
      return { status: 'READY', failureReason: null, timedOut: false };
    }
    if (RANK[next] <= RANK[current.status]) return undefined;
    if (next === 'PROCESSING') return { status: next, processingSince: now.toISOString() };
    if (next === 'FAILED') return { status: next, failureReason: upstream === 'missing' ? FAILURE_REASONS.missing : FAILURE_REASONS.failed };
    return { status: next };
  });
  if (record && isFinal(record.status)) await stopWatching(services, avatarId);
  return record;
}

/**
 * Fails a non-final avatar with a reason (a failed upload, or the watchdog's deadline). Atomic and
 * conditional, so two instances failing the same avatar change it (and notify) once.
 */
export async function failAvatar(
  services: StatusServices,
  avatarId: string,
  reason: string,
  options: { timedOut?: boolean } = {},
): Promise<AvaturnAvatarRecord | undefined> {
  const record = await services.avatars.update<AvaturnAvatarRecord>(avatarId, (current) =>
    current.provider !== 'AVATURN' || isFinal(current.status)
      ? undefined
      : { status: 'FAILED', failureReason: reason, timedOut: options.timedOut ?? false },
  );
  await stopWatching(services, avatarId);
  return record;
}

/** Photos uploaded: AWAITING_UPLOAD -> PROCESSING (unless a webhook got there first). */
export async function markProcessing(services: StatusServices, avatarId: string, now = new Date()): Promise<AvaturnAvatarRecord | undefined> {
  return services.avatars.update<AvaturnAvatarRecord>(avatarId, (current) =>
    current.status === 'AWAITING_UPLOAD' ? { status: 'PROCESSING', processingSince: now.toISOString() } : undefined,
  );
}
