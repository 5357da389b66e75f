import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { apiRoute } from '../api.js';
import type { SandboxContext } from '../context.js';
import { AvaturnApiError } from '../errors.js';
import { sameSecret } from '../ids.js';
import { startProcessing } from '../processing.js';
import { parseUploadForm } from '../upload-form.js';
import { optionalQuery } from '../validation.js';

/**
 * The pre-signed photo upload: no Authorization, the `token` query parameter is the signature.
 * 404 unknown avatar, 403 missing/wrong token or URL older than an hour, 409 once photos were
 * uploaded (or while another upload streams in), then 413/422 from the form.
 */
export function registerUploadRoutes(router: Router, ctx: SandboxContext): void {
  apiRoute(
    router,
    ctx,
    'POST',
    '/uploads/:avatar_id',
    async (req, res, params, query) => {
      const avatar = ctx.store.avatars.get((params.avatar_id ?? '').toLowerCase());
      if (!avatar) throw new AvaturnApiError(404, 'upload URL not found');
      const token = optionalQuery(query, 'token');
      if (token === undefined || !sameSecret(token, avatar.uploadToken)) throw new AvaturnApiError(403, 'invalid upload URL signature');
      if (ctx.now() >= avatar.uploadExpiresAt) throw new AvaturnApiError(403, 'upload URL expired');
      if (avatar.status !== 'pending' || avatar.uploading) throw new AvaturnApiError(409, 'photos were already uploaded for this avatar');

      avatar.uploading = true;
      let form;
      try {
        form = await parseUploadForm(req, ctx.maxPhotoBytes);
      } finally {
        avatar.uploading = false;
      }
      if (!ctx.store.avatars.has(avatar.id)) throw new AvaturnApiError(404, 'upload URL not found');
      avatar.bodyType = form.bodyType;
      avatar.telephoto = form.telephoto;
      startProcessing(ctx, avatar, Object.values(form.verdicts));
      sendJson(res, 200, { status: 'processing' });
    },
    { auth: false },
  );
}
