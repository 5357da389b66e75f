import { z } from 'zod';
import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { apiRoute } from '../api.js';
import { TTL, type SandboxContext } from '../context.js';
import { invalid, missing } from '../errors.js';
import { newUuid } from '../ids.js';
import { parseJsonBody } from '../validation.js';

const sessionBody = z.object({
  user_id: z.string().min(1),
  config: z
    .object({
      type: z.enum(['create', 'edit_existing', 'create_or_edit_existing']).default('create_or_edit_existing'),
      avatar_id: z.guid().optional(),
    })
    .optional(),
});

/**
 * `sessions/new`: an editor URL served by the simulator. Sandbox rules: `config` defaults to
 * `create_or_edit_existing`; `avatar_id` is required with `edit_existing` (422) and, whenever
 * given, must be one of the user's avatars (404); sessions live one hour.
 */
export function registerSessionRoutes(router: Router, ctx: SandboxContext): void {
  apiRoute(router, ctx, 'POST', '/api/v1/sessions/new', async (req, res) => {
    const body = await parseJsonBody(req, sessionBody);
    const type = body.config?.type ?? 'create_or_edit_existing';
    const avatarId = body.config?.avatar_id?.toLowerCase();
    if (type === 'edit_existing' && avatarId === undefined) throw invalid(missing(['body', 'config', 'avatar_id']));
    const user = ctx.store.user(body.user_id);
    if (avatarId !== undefined) ctx.store.avatar(avatarId, user.id);
    const id = newUuid();
    ctx.store.sessions.set(id, { id, userId: user.id, type, avatarId, expiresAt: ctx.now() + TTL.sessionMs });
    sendJson(res, 200, { url: `${ctx.publicBase}/editor/${id}`, id, custom_upload_url: null });
  });
}
