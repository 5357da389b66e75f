import { randomUUID } from 'node:crypto';
import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import type { AvaturnAvatar } from '../upstreams/avaturn/schemas.js';
import { UpstreamNotFoundError } from '../upstreams/errors.js';
import { stopWatching, type WatchState } from './avatar-index.js';
import { applyUpstreamStatus, failAvatar } from './avatar-status.js';
import type { StatusDeps } from './deps.js';
import { statusKeys } from './keys.js';

/** Backoff between polls of one avatar: interval, 2x, 4x ... up to this. */
const MAX_POLL_DELAY_MS = 60_000;
/** Users polled at once (one listing call each). */
const CONCURRENCY = 8;
/**
 * An avatar is PROCESSING once its photos went out. If Avaturn still lists it as awaiting photos
 * this long after (capped by the processing deadline), the upload, which ended unclearly (a
 * reset, a lost answer), never landed.
 */
const UPLOAD_LANDING_GRACE_MS = 60_000;
const PHOTOS_NEVER_RECEIVED = 'Avaturn never received the photos';

/**
 * Avaturn sends nothing when processing fails, so pending avatars are polled
 * (`users/{id}/avatars?include_not_ready=true`) with backoff, and failed past their deadline:
 * photos never uploaded by `uploadDeadline`, processing longer than
 * AVATAR_PROCESSING_DEADLINE_MS, or photos Avaturn still does not have a while after an upload
 * that ended unclearly. Works across instances: the work list and each avatar's
 * backoff live in the store, one instance per round holds the lease, and every status change is
 * a conditional update, so an avatar is never failed (or announced) twice.
 */
export class AvaturnWatchdog {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly services: StatusDeps,
    private readonly now: () => number = Date.now,
  ) {}

  private get intervalMs(): number {
    return this.services.config.avaturn.watchdogIntervalMs;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      this.running ??= this.round()
        .catch((err: unknown) => this.services.logger.warn({ err }, 'avaturn watchdog round failed'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over the due avatars (exposed for tests). */
  async round(): Promise<void> {
    const { store } = this.services;
    const lease = statusKeys(this.services.config).watchdogLease();
    const holder = randomUUID();
    // The TTL only matters if this instance dies mid-round; otherwise the lease is handed back.
    if (!(await store.claim(lease, holder, Math.max(this.intervalMs, 10_000)))) return;
    try {
      await this.pollDue();
    } finally {
      await store.release(lease, holder);
    }
  }

  /**
   * One pass over the due avatars without the lease, as two instances do when a lease expires
   * mid-round: every change is conditional, so the lease only spares duplicate work (exposed for
   * tests).
   */
  async pollDue(): Promise<void> {
    const { store, avatars } = this.services;
    const now = this.now();
    const due = new Map<string, AvaturnAvatarRecord[]>();
    for (const id of await store.setMembers(statusKeys(this.services.config).pending())) {
      const record = await avatars.get(id);
      if (!record || record.provider !== 'AVATURN' || record.status === 'READY' || record.status === 'FAILED') {
        await stopWatching(this.services, id);
        continue;
      }
      const state = await store.get<WatchState>(statusKeys(this.services.config).watch(id));
      if (state && state.nextPollAt > now && this.deadlineOf(record) > now) continue;
      const list = due.get(record.avaturnUserId) ?? [];
      list.push(record);
      due.set(record.avaturnUserId, list);
    }
    const users = [...due.entries()];
    for (let i = 0; i < users.length; i += CONCURRENCY) {
      await Promise.all(users.slice(i, i + CONCURRENCY).map(([userId, records]) => this.check(userId, records)));
    }
  }

  private deadlineOf(record: AvaturnAvatarRecord): number {
    if (record.status === 'PROCESSING' && record.processingSince) {
      return Date.parse(record.processingSince) + this.services.config.avaturn.processingDeadlineMs;
    }
    return Date.parse(record.uploadDeadline ?? record.createdAt);
  }

  private async check(avaturnUserId: string, records: AvaturnAvatarRecord[]): Promise<void> {
    let listing: AvaturnAvatar[] | undefined;
    try {
      listing = await this.services.avaturn.listAvatars(avaturnUserId, { includeNotReady: true, deadline: this.now() + 10_000 });
    } catch (err) {
      // The Avaturn user itself is gone, and its avatars with it.
      if (err instanceof UpstreamNotFoundError) listing = [];
      else this.services.logger.warn({ err }, 'avaturn watchdog: listing failed; deadlines still apply');
    }
    for (const record of records) {
      let current: AvaturnAvatarRecord | undefined = record;
      let upstream: AvaturnAvatar | undefined;
      if (listing) {
        upstream = listing.find((a) => a.id.toLowerCase() === record.avaturnAvatarId);
        current = await applyUpstreamStatus(this.services, record.id, upstream?.status ?? 'missing');
      }
      if (!current || current.status === 'READY' || current.status === 'FAILED') continue;
      if (upstream?.status === 'pending' && this.photosLost(current)) {
        await failAvatar(this.services, current.id, PHOTOS_NEVER_RECEIVED, { timedOut: true });
        continue;
      }
      if (this.now() >= this.deadlineOf(current)) {
        await failAvatar(this.services, current.id, this.timeoutReason(current), { timedOut: true });
        continue;
      }
      await this.scheduleNext(current);
    }
  }

  private photosLost(record: AvaturnAvatarRecord): boolean {
    if (record.status !== 'PROCESSING' || !record.processingSince) return false;
    const grace = Math.min(UPLOAD_LANDING_GRACE_MS, this.services.config.avaturn.processingDeadlineMs);
    return this.now() >= Date.parse(record.processingSince) + grace;
  }

  private timeoutReason(record: AvaturnAvatarRecord): string {
    if (record.status === 'AWAITING_UPLOAD') return 'The photos were not uploaded before the upload URL expired';
    return `Avaturn did not finish processing the photos within ${duration(this.services.config.avaturn.processingDeadlineMs)}`;
  }

  private async scheduleNext(record: AvaturnAvatarRecord): Promise<void> {
    const key = statusKeys(this.services.config).watch(record.id);
    const state = (await this.services.store.get<WatchState>(key)) ?? { attempt: 0, nextPollAt: 0 };
    const delay = Math.min(this.intervalMs * 2 ** state.attempt, Math.max(MAX_POLL_DELAY_MS, this.intervalMs));
    // Never sleep past the deadline: the last look happens on time.
    const nextPollAt = Math.min(this.now() + delay, this.deadlineOf(record));
    // Expires on its own should the avatar vanish without the watchdog noticing.
    const ttlMs = Math.max(0, this.deadlineOf(record) - this.now()) + 60 * 60 * 1000;
    await this.services.store.set<WatchState>(key, { attempt: state.attempt + 1, nextPollAt }, { ttlMs });
  }
}

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
