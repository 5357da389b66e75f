import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { apiRoute } from '../api.js';
import { TTL, type SandboxContext } from '../context.js';
import { buildGlb } from '../glb.js';
import { requireExportable } from '../readiness.js';
import type { AvatarRecord } from '../store.js';
import { uuidParam } from '../validation.js';
import { publishFile } from './files.js';

function exportUrl(ctx: SandboxContext, avatar: AvatarRecord, glb: Buffer): string {
  return publishFile(ctx, { avatarId: avatar.id, fileName: 'avatar.glb', contentType: 'model/gltf-binary', bytes: glb }, TTL.exportUrlMs);
}

/**
 * `exports/new`: the first call for a customization version starts a task (`pending`, then
 * `export.ready` after `exportDelayMs`); a call while it runs answers `pending` again without a
 * second task; once done, every call answers `ready` with a fresh URL (valid one hour).
 */
export function registerExportRoutes(router: Router, ctx: SandboxContext): void {
  apiRoute(router, ctx, 'POST', '/api/v1/exports/new', (_req, res, _params, query) => {
    const avatar = ctx.store.avatar(uuidParam(query.avatar_id, ['query', 'avatar_id']));
    requireExportable(avatar);
    const version = avatar.customizationVersion;
    const task = avatar.exports.get(version);
    if (task?.status === 'ready') {
      sendJson(res, 200, { status: 'ready', url: exportUrl(ctx, avatar, task.glb) });
      return;
    }
    if (!task) {
      avatar.exports.set(version, { status: 'pending' });
      ctx.scheduler.after(avatar.id, ctx.exportDelayMs, () => {
        if (!ctx.store.avatars.has(avatar.id)) return;
        const glb = buildGlb({ avatar_id: avatar.id, customization_version: version });
        avatar.exports.set(version, { status: 'ready', glb });
        ctx.webhooks.send({
          event: 'export.ready',
          avatar_id: avatar.id,
          user_id: avatar.userId,
          status: 'ready',
          export_url: exportUrl(ctx, avatar, glb),
        });
      });
    }
    sendJson(res, 200, { status: 'pending', url: null });
  });
}
