import type { Pose } from '../../poses/catalog.js';
import { apiRoute, type ApiReply } from './api-route.js';
import { checkRenderable } from './consents.js';
import type { SandboxContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import type { ResultImage } from './results-store.js';
import { QUALITY_WIDTHS, multiBody, parseOr400, parseRenderQuery, photoBody, readRenderBody, videoBody, type Quality } from './validation.js';

type Targets = Array<{ zepetoId: string }>;

/** The four render methods [SEED]; results are PNG (stills, frames) and APNG (animations). */
export function mountRenderRoutes(ctx: SandboxContext): void {
  apiRoute(ctx, 'POST', '/services/biz/openApi/photos/:poseId', async (req, params, query) => {
    const body = await readRenderBody(req);
    const { quality, redirect } = parseRenderQuery(query);
    const { targets } = parseOr400(photoBody, body);
    const pose = findPose(ctx, params.poseId);
    checkRenderable(ctx, targets);
    const url = store(ctx, { format: 'png', ...size(quality, pose), seed: seedOf(pose, targets) });
    return urlReply(url, redirect, { url }, 1);
  });

  // Multi and Frames have no `redirect` [SEED]: they always answer with JSON, whatever is passed.
  apiRoute(ctx, 'POST', '/services/biz/openApi/photos', async (req, _params, query) => {
    const body = await readRenderBody(req);
    const { quality } = parseRenderQuery(query);
    const { poseIds, targets } = parseOr400(multiBody, body);
    const poses = poseIds.map((id) => findPose(ctx, id));
    checkRenderable(ctx, targets);
    const images = poses.map((pose) => ({
      poseId: pose.key,
      url: store(ctx, { format: 'png', ...size(quality, pose), seed: seedOf(pose, targets) }),
    }));
    return { status: 200, body: { images }, images: images.length };
  });

  apiRoute(ctx, 'POST', '/services/biz/openApi/video/:poseId', async (req, params, query) => {
    const body = await readRenderBody(req);
    const { quality, redirect } = parseRenderQuery(query);
    const { fps, targets } = parseOr400(videoBody, body);
    const pose = findAnimatedPose(ctx, params.poseId);
    checkRenderable(ctx, targets);
    const frameCount = framesOf(pose, fps);
    const url = store(ctx, { format: 'apng', ...size(quality, pose), seed: seedOf(pose, targets), frames: frameCount, fps });
    return urlReply(url, redirect, { url, frameCount }, frameCount);
  });

  apiRoute(ctx, 'POST', '/services/biz/openApi/video/:poseId/frames', async (req, params, query) => {
    const body = await readRenderBody(req);
    const { quality } = parseRenderQuery(query);
    const { fps, targets } = parseOr400(videoBody, body);
    const pose = findAnimatedPose(ctx, params.poseId);
    checkRenderable(ctx, targets);
    const frames = framesOf(pose, fps);
    const seed = seedOf(pose, targets);
    const urls = Array.from({ length: frames }, (_, index) =>
      store(ctx, { format: 'frame', ...size(quality, pose), seed, index, frames }),
    );
    return { status: 200, body: { frames: urls }, images: frames };
  });
}

function findPose(ctx: SandboxContext, poseId: string | undefined): Pose {
  const pose = poseId ? ctx.catalog.get('ZEPETO', poseId) : undefined;
  if (!pose) throw notFound(`pose ${poseId ?? ''} not found`);
  return pose;
}

function findAnimatedPose(ctx: SandboxContext, poseId: string | undefined): Pose {
  const pose = findPose(ctx, poseId);
  if (pose.kind !== 'ANIMATED') throw badRequest(`pose ${pose.key} is a still pose; animations need an animated pose`);
  return pose;
}

function size(quality: Quality, pose: Pose): { width: number; height: number } {
  const width = QUALITY_WIDTHS[quality];
  return { width, height: Math.max(1, Math.round(width * pose.ratio)) };
}

function framesOf(pose: Pose, fps: number): number {
  return Math.max(1, Math.round(fps * (pose.durationSeconds ?? 0)));
}

/** The same pose and people always give the same picture, like a real render of unchanged avatars. */
function seedOf(pose: Pose, targets: Targets): string {
  return `${pose.key}|${targets.map((t) => t.zepetoId).join(',')}`;
}

function store(ctx: SandboxContext, image: ResultImage): string {
  return `${ctx.publicUrl}${ctx.basePath}/results/${ctx.results.add(image)}`;
}

function urlReply(url: string, redirect: boolean, body: Record<string, unknown>, images: number): ApiReply {
  if (!redirect) return { status: 200, body, images };
  return { status: 302, body, headers: { location: url }, images };
}
