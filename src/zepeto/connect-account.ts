import type { ZepetoConnectionRecord, ZepetoConnectionStatus } from './connection-record.js';
import type { ZepetoConnectionRepository } from './connection-repository.js';
import type { ZepetoLoginPoller } from './login-poller.js';
import type { RenderItClient } from '../upstreams/render-it/client.js';

/** A QR login is valid this long [DOC]. */
const LOGIN_TTL_MS = 60_000;

export interface ConnectDeps {
  renderIt: Pick<RenderItClient, 'startAuth'>;
  connections: ZepetoConnectionRepository;
  poller: ZepetoLoginPoller;
  now?: () => number;
}

/** Starts a ZEPETO QR login for `ownerId`, stores it as PENDING and has it polled. */
export async function connectZepetoAccount(deps: ConnectDeps, ownerId: string): Promise<ZepetoConnectionRecord> {
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
export function staleAt(record: ZepetoConnectionRecord): number {
  return Date.parse(record.expiresAt) + STALE_AFTER_MS;
}
