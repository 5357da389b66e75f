import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { apiRoute } from '../api.js';
import type { SandboxContext } from '../context.js';
import { boolQuery, uuidParam } from '../validation.js';

/** `users/new`, `DELETE users/{id}`, the avatar listing and `DELETE users/{uid}/avatars/{aid}`. */
export function registerUserRoutes(router: Router, ctx: SandboxContext): void {
  const { store, scheduler } = ctx;

  apiRoute(router, ctx, 'POST', '/api/v1/users/new', (_req, res) => {
    sendJson(res, 200, { id: store.createUser().id });
  });

  apiRoute(router, ctx, 'DELETE', '/api/v1/users/:user_id', (_req, res, params) => {
    for (const avatarId of store.deleteUser(params.user_id ?? '')) scheduler.cancel(avatarId);
    sendJson(res, 200, null);
  });

  apiRoute(router, ctx, 'GET', '/api/v1/users/:user_id/avatars', (_req, res, params, query) => {
    const includeNotReady = boolQuery(query, 'include_not_ready', false);
    const avatars = store
      .listAvatars(params.user_id ?? '')
      .filter((a) => includeNotReady || a.status === 'ready')
      .map((a) => ({ id: a.id, status: a.status, created_at: new Date(a.createdAt).toISOString() }));
    sendJson(res, 200, avatars);
  });

  apiRoute(router, ctx, 'DELETE', '/api/v1/users/:user_id/avatars/:avatar_id', (_req, res, params) => {
    const avatarId = uuidParam(params.avatar_id, ['path', 'avatar_id']);
    const avatar = store.avatar(avatarId, store.user(params.user_id ?? '').id);
    store.deleteAvatar(avatar.id);
    scheduler.cancel(avatar.id);
    sendJson(res, 200, null);
  });
}
