import { setTimeout as delay } from 'node:timers/promises';
import type { AvatarRepository } from '../avatars/avatar-repository.js';
import type { Logger } from '../logging/logger.js';
import { UpstreamNotFoundError } from '../upstreams/errors.js';
import type { RenderItClient } from '../upstreams/render-it/client.js';
import type { RenderItAuthStatus } from '../upstreams/render-it/schemas.js';
import type { ZepetoConnectionRecord } from './connection-record.js';
import type { ZepetoConnectionRepository } from './connection-repository.js';
import { ensureZepetoAvatars } from './zepeto-avatars.js';

export interface LoginPollerOptions {
  renderIt: Pick<RenderItClient, 'getAuth'>;
  connections: ZepetoConnectionRepository;
  avatars: AvatarRepository;
  logger: Logger;
  /** First wait after the login starts. @default 500 */
  initialDelayMs?: number;
  /** Waits grow by this factor while the login is pending. @default 1.5 */
  backoffFactor?: number;
  /** Longest wait between two polls. @default 3000 */
  maxDelayMs?: number;
  /** Polling goes on this long past the expiry, for a login finished at the last second. @default 2000 */
  graceMs?: number;
  /** Longest time one poll may take. @default 5000 */
  pollTimeoutMs?: number;
}

/**
 * Watches pending ZEPETO logins: Render-it sends nothing when the user scans the QR code, so
 * each session is polled (with backoff, so a forgotten QR code costs few calls of the shared
 * TPS) until it connects or expires. The outcome is stored, which publishes
 * `zepeto-connection:updated`; on connect each ZEPETO ID becomes the caller's avatar.
 *
 * A poll loop lives in the instance that started the login and in any instance serving a
 * subscriber of it; if none is left, the session reads as EXPIRED once past its expiry (see
 * `connectionStatusOf`).
 */
export class ZepetoLoginPoller {
  private readonly loops = new Map<string, Promise<void>>();
  private readonly stop = new AbortController();
  private readonly o: Required<Omit<LoginPollerOptions, 'renderIt' | 'connections' | 'avatars' | 'logger'>>;

  constructor(private readonly options: LoginPollerOptions) {
    this.o = {
      initialDelayMs: options.initialDelayMs ?? 500,
      backoffFactor: options.backoffFactor ?? 1.5,
      maxDelayMs: options.maxDelayMs ?? 3000,
      graceMs: options.graceMs ?? 2000,
      pollTimeoutMs: options.pollTimeoutMs ?? 5000,
    };
  }

  /** Starts polling `record`'s session unless it is already watched. */
  watch(record: ZepetoConnectionRecord): void {
    if (this.stop.signal.aborted || this.loops.has(record.id)) return;
    const loop = this.poll(record)
      .catch((err: unknown) => this.options.logger.error({ err }, 'ZEPETO login poller failed'))
      .finally(() => this.loops.delete(record.id));
    this.loops.set(record.id, loop);
  }

  /** Sessions being polled now. */
  get watching(): number {
    return this.loops.size;
  }

  async close(): Promise<void> {
    this.stop.abort(new Error('shutting down'));
    await Promise.all(this.loops.values());
  }

  private async poll(record: ZepetoConnectionRecord): Promise<void> {
    const signal = this.stop.signal;
    const giveUpAt = Date.parse(record.expiresAt) + this.o.graceMs;
    let delay = this.o.initialDelayMs;
    for (;;) {
      if (!(await pause(Math.min(delay, Math.max(0, giveUpAt - Date.now())), signal))) return;
      const state = await this.check(record.id, signal);
      if (signal.aborted) return;
      if (state?.status === 'CONNECTED') return this.connect(record, state.zepetoIds);
      if (state?.status === 'EXPIRED' || Date.now() >= giveUpAt) return this.expire(record);
      delay = Math.min(delay * this.o.backoffFactor, this.o.maxDelayMs);
    }
  }

  /** The session's state, or undefined when this poll failed (the next one tries again). */
  private async check(sessionId: string, signal: AbortSignal): Promise<RenderItAuthStatus | undefined> {
    try {
      return await this.options.renderIt.getAuth(sessionId, { signal, deadline: Date.now() + this.o.pollTimeoutMs });
    } catch (err) {
      // Render-it forgets a session some time after it ends.
      if (err instanceof UpstreamNotFoundError) return { status: 'EXPIRED', zepetoIds: [] };
      if (!signal.aborted) this.options.logger.warn({ code: (err as { code?: unknown }).code }, 'polling a ZEPETO login failed');
      return undefined;
    }
  }

  private async connect(record: ZepetoConnectionRecord, zepetoIds: string[]): Promise<void> {
    const avatars = await ensureZepetoAvatars(this.options.avatars, record.ownerId, zepetoIds);
    await this.options.connections.update(record.id, (current) =>
      current.status === 'PENDING' ? { status: 'CONNECTED', avatarIds: avatars.map((a) => a.id) } : undefined,
    );
  }

  private async expire(record: ZepetoConnectionRecord): Promise<void> {
    await this.options.connections.update(record.id, (current) => (current.status === 'PENDING' ? { status: 'EXPIRED' } : undefined));
  }
}

/** Waits `ms`; false when `signal` aborted first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return delay(ms, true, { signal }).catch(() => false);
}
