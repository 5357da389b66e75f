import { sendJson } from '../../../http/body.js';
import type { Router } from '../../../http/router.js';
import { renderJpeg, renderPng, renderWebp, type ImageSpec } from '../../images/index.js';
import { apiRoute } from '../api.js';
import { TTL, type SandboxContext } from '../context.js';
import { AvaturnApiError, invalid, missing, type ValidationIssue } from '../errors.js';
import { newUuid } from '../ids.js';
import { requireExportable } from '../readiness.js';
import type { AvatarRecord } from '../store.js';
import { optionalQuery, uuidParam } from '../validation.js';
import { publishFile } from './files.js';

export const RENDER_WIDTH = 1024;
const SCENE_PATTERN = /^[a-zA-Z0-9_/]+$/;

const FORMATS = {
  jpg: { contentType: 'image/jpeg', render: (spec: ImageSpec) => Promise.resolve(renderJpeg(spec)) },
  png: { contentType: 'image/png', render: (spec: ImageSpec) => Promise.resolve(renderPng(spec)) },
  webp: { contentType: 'image/webp', render: renderWebp },
} as const;
type Format = keyof typeof FORMATS;

interface RenderQuery {
  avatarId: string;
  scene: string;
  format: Format;
}

/** Query validation, all problems at once like FastAPI. `format` defaults to png (sandbox choice). */
function parseQuery(query: Record<string, string | string[] | undefined>): RenderQuery {
  const issues: ValidationIssue[] = [];
  let avatarId = '';
  try {
    avatarId = uuidParam(query.avatar_id, ['query', 'avatar_id']);
  } catch (err) {
    if (!(err instanceof AvaturnApiError) || typeof err.detail === 'string') throw err;
    issues.push(...err.detail);
  }
  const scene = optionalQuery(query, 'scene');
  if (scene === undefined) issues.push(missing(['query', 'scene']));
  else if (!SCENE_PATTERN.test(scene)) {
    issues.push({ loc: ['query', 'scene'], msg: `String should match pattern '${SCENE_PATTERN.source}'`, type: 'string_pattern_mismatch' });
  }
  const format = optionalQuery(query, 'format') ?? 'png';
  if (!Object.hasOwn(FORMATS, format)) {
    issues.push({ loc: ['query', 'format'], msg: "Input should be 'jpg', 'png' or 'webp'", type: 'enum' });
  }
  if (issues.length > 0) throw invalid(...issues);
  return { avatarId, scene: scene!, format: format as Format };
}

async function finishRender(ctx: SandboxContext, avatar: AvatarRecord, id: string, spec: ImageSpec, format: Format): Promise<void> {
  let renderUrl: string | null = null;
  try {
    const bytes = await FORMATS[format].render(spec);
    if (!ctx.store.avatars.has(avatar.id)) return;
    renderUrl = publishFile(
      ctx,
      { avatarId: avatar.id, fileName: `render.${format}`, contentType: FORMATS[format].contentType, bytes },
      TTL.renderUrlMs,
    );
  } catch (err) {
    ctx.logger.error({ err, renderId: id }, 'avaturn sandbox: render failed');
  }
  ctx.webhooks.send({
    event: 'render.ready',
    avatar_id: avatar.id,
    user_id: avatar.userId,
    id,
    status: renderUrl === null ? 'failed' : 'ready',
    render_url: renderUrl,
  });
}

/**
 * `renders/new`: a still image of the scene, 1024 px wide and `round(1024 × ratio)` high
 * (ratio from the pose catalog), delivered by `render.ready` after `renderDelayMs`; the URL
 * lives 15 minutes. Every call is a new render. Unknown scene: 422.
 */
export function registerRenderRoutes(router: Router, ctx: SandboxContext): void {
  apiRoute(router, ctx, 'POST', '/api/v1/renders/new', (_req, res, _params, query) => {
    const q = parseQuery(query);
    const avatar = ctx.store.avatar(q.avatarId);
    const pose = ctx.catalog.get('AVATURN', q.scene);
    if (!pose) throw invalid({ loc: ['query', 'scene'], msg: `unknown scene ${q.scene}`, type: 'value_error' });
    requireExportable(avatar);
    const id = newUuid();
    const spec: ImageSpec = {
      width: RENDER_WIDTH,
      height: Math.round(RENDER_WIDTH * pose.ratio),
      seed: `${avatar.id}:${avatar.customizationVersion}:${q.scene}`,
    };
    ctx.scheduler.after(avatar.id, ctx.renderDelayMs, () => finishRender(ctx, avatar, id, spec, q.format));
    sendJson(res, 200, { id, status: 'pending', render_url: null });
  });
}
