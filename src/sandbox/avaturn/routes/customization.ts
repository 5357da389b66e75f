import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { apiRoute } from '../api.js';
import type { SandboxContext } from '../context.js';
import { defaultCustomization, parseCustomization } from '../customization.js';
import { invalid, missing } from '../errors.js';
import { readJsonBody, uuidParam } from '../validation.js';

/**
 * `GET|PUT avatars/{id}/customization`. GET of an avatar never customised answers the default
 * document. PUT answers 202 `null` in any avatar status; a changed document starts a new
 * customization version (exports are cached per version).
 */
export function registerCustomizationRoutes(router: Router, ctx: SandboxContext): void {
  apiRoute(router, ctx, 'GET', '/api/v1/avatars/:avatar_id/customization', (_req, res, params) => {
    const avatar = ctx.store.avatar(uuidParam(params.avatar_id, ['path', 'avatar_id']));
    sendJson(res, 200, avatar.customization ?? defaultCustomization());
  });

  apiRoute(router, ctx, 'PUT', '/api/v1/avatars/:avatar_id/customization', async (req, res, params) => {
    const avatarId = uuidParam(params.avatar_id, ['path', 'avatar_id']);
    const body = await readJsonBody(req);
    if (body === undefined) throw invalid(missing(['body']));
    const avatar = ctx.store.avatar(avatarId);
    const next = parseCustomization(body);
    if (avatar.customization === null || JSON.stringify(avatar.customization) !== JSON.stringify(next)) {
      avatar.customization = next;
      avatar.customizationVersion += 1;
    }
    sendJson(res, 202, null);
  });
}
