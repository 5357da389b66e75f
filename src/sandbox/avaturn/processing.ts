import type { SandboxContext } from './context.js';
import type { PhotoVerdict } from './photo-check.js';
import type { AvatarRecord } from './store.js';

/**
 * Simulated photo processing: after `processingDelayMs` the avatar becomes `ready` (and
 * `avatar.ready` is delivered) or `failed` when a photo broke the "no face" rule. Failures are
 * not notified, like the real service.
 */
export function startProcessing(ctx: SandboxContext, avatar: AvatarRecord, verdicts: PhotoVerdict[]): void {
  avatar.status = 'processing';
  ctx.scheduler.after(avatar.id, ctx.processingDelayMs, () => {
    if (!ctx.store.avatars.has(avatar.id)) return;
    const failure = verdicts.find((v): v is Extract<PhotoVerdict, { ok: false }> => !v.ok);
    if (failure) {
      avatar.status = 'failed';
      ctx.logger.info({ avatarId: avatar.id, reason: failure.reason }, 'avaturn sandbox: avatar processing failed');
      return;
    }
    avatar.status = 'ready';
    ctx.webhooks.send({ event: 'avatar.ready', avatar_id: avatar.id, user_id: avatar.userId, status: 'ready' });
  });
}
