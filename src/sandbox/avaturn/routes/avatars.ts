import { z } from 'zod';
import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { apiRoute } from '../api.js';
import { TTL, type SandboxContext } from '../context.js';
import { parseJsonBody } from '../validation.js';

const newAvatarBody = z.object({ user_id: z.string().min(1) });

/** `avatars/new`: a pending avatar and its pre-signed upload URL (valid one hour, sandbox choice). */
export function registerAvatarRoutes(router: Router, ctx: SandboxContext): void {
  apiRoute(router, ctx, 'POST', '/api/v1/avatars/new', async (req, res) => {
    const body = await parseJsonBody(req, newAvatarBody);
    const avatar = ctx.store.createAvatar(body.user_id, TTL.uploadUrlMs);
    const uploadUrl = `${ctx.publicBase}/uploads/${avatar.id}?token=${avatar.uploadToken}`;
    sendJson(res, 200, { avatar_id: avatar.id, upload_url: uploadUrl });
  });
}
