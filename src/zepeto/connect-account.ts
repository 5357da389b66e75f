import type { EventBus } from '../events/pubsub.js';
import { liveRecord } from '../events/live-record.js';
import { unlessNotFound } from '../errors/app-error.js';
import { checkUserLimit } from '../limits/user-limits.js';
import type { UserLimiter } from '../limits/user-limiter.js';
import type { RenderItClient } from '../upstreams/render-it/client.js';
import { isFinished, type ZepetoConnectionRecord, type ZepetoConnectionStatus } from './connection-record.js';
import type { ZepetoConnectionRepository } from './connection-repository.js';
import type { ZepetoLoginPoller } from './login-poller.js';

/** A QR login is valid this long [DOC]. */
const LOGIN_TTL_MS = 60_000;

export interface ConnectDeps {
  renderIt: Pick<RenderItClient, 'startAuth'>;
  connections: ZepetoConnectionRepository;
  poller: Pick<ZepetoLoginPoller, 'watch'>;
  /** ZEPETO_CONNECT_LIMIT_PER_MINUTE; absent when turned off. */
  limit: UserLimiter | undefined;
  now?: () => number;
}

/**
 * Starts a ZEPETO QR login for `ownerId`, stores it as PENDING and has it polled. Each login is a
 * Render-it call (a slot of the shared TPS) and a session to poll: counted per user first.
 */
export async function connectZepetoAccount(deps: ConnectDeps, ownerId: string): Promise<ZepetoConnectionRecord> {
  await checkUserLimit(deps.limit, ownerId);
  const now = deps.now ?? Date.now;
  // Counted from before the call, so the gateway never shows a login as open after Render-it closed it.
  const expiresAt = new Date(now() + LOGIN_TTL_MS).toISOString();
  const { url, sessionId } = await deps.renderIt.startAuth({ deadline: now() + 10_000, user: ownerId });
  const record = await deps.connections.create({ id: sessionId, ownerId, url, expiresAt });
  deps.poller.watch(record);
  return record;
}

/** Longer than the poller's grace, so a login the poller is still settling does not flip back. */
const STALE_AFTER_MS = 10_000;

/** A pending login well past its expiry reads as EXPIRED even if no poller marked it (its instance stopped). */
export function connectionStatusOf(record: ZepetoConnectionRecord, now = Date.now()): ZepetoConnectionStatus {
  return record.status === 'PENDING' && staleAt(record) <= now ? 'EXPIRED' : record.status;
}

/** When a pending login reads as EXPIRED without any event. */
function staleAt(record: ZepetoConnectionRecord): number {
  return Date.parse(record.expiresAt) + STALE_AFTER_MS;
}

/**
 * `zepetoConnectionUpdated`: the login's current state, then each change, until CONNECTED or
 * EXPIRED. The instance that started the login polls it; one serving a subscriber polls it too, so
 * a login survives the loss of its instance while someone is waiting on it (polls are idempotent).
 */
export async function followConnection(
  deps: { connections: ZepetoConnectionRepository; poller: Pick<ZepetoLoginPoller, 'watch'>; events: EventBus },
  ownerId: string,
  id: string,
): Promise<AsyncIterableIterator<ZepetoConnectionRecord>> {
  const current = await deps.connections.getOwned(id, ownerId);
  if (connectionStatusOf(current) === 'PENDING') deps.poller.watch(current);
  return liveRecord<ZepetoConnectionRecord>({
    events: deps.events,
    topic: 'zepeto-connection:updated',
    id,
    load: () => deps.connections.getOwned(id, ownerId).catch(unlessNotFound(undefined)),
    // Nothing changes after CONNECTED or EXPIRED; a login whose poller is gone expires by time.
    isFinal: (c) => isFinished(connectionStatusOf(c)),
    recheckAfterMs: (c) => (isFinished(connectionStatusOf(c)) ? undefined : staleAt(c) - Date.now()),
  });
}
