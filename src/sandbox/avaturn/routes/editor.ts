import type { ServerResponse } from 'node:http';
import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { apiRoute } from '../api.js';
import { SANDBOX_ASSETS } from '../assets.js';
import type { SandboxContext } from '../context.js';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

/** The editor page a session URL opens (a stand-in for Avaturn's iframe) and the asset listing. */
export function registerEditorRoutes(router: Router, ctx: SandboxContext): void {
  apiRoute(
    router,
    ctx,
    'GET',
    '/editor/:session_id',
    (_req, res, params) => {
      const session = ctx.store.sessions.get(params.session_id ?? '');
      if (!session || session.expiresAt <= ctx.now() || !ctx.store.users.has(session.userId)) {
        sendHtml(res, 404, 'Session not found', '<p>This editor session does not exist or has expired.</p>');
        return;
      }
      const avatars = ctx.store
        .listAvatars(session.userId)
        .map((a) => `<li${a.id === session.avatarId ? ' class="selected"' : ''}>${escape(a.id)}: ${escape(a.status)}</li>`)
        .join('');
      sendHtml(
        res,
        200,
        'Avaturn sandbox editor',
        `<p>Session <code>${escape(session.id)}</code> (${escape(session.type)}) for user <code>${escape(session.userId)}</code>.</p>` +
          `<p>This simulated editor has no scanner: create avatars with the upload API.</p><ul>${avatars}</ul>`,
      );
    },
    { auth: false, faults: false },
  );

  apiRoute(router, ctx, 'GET', '/sandbox/assets', (_req, res) => sendJson(res, 200, { assets: SANDBOX_ASSETS }), {
    auth: false,
    faults: false,
  });
}
