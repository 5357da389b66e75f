import type { ZepetoAvatarRecord } from '../avatars/avatar-record.js';
import { resolvePoseArg } from '../poses/resolve-pose.js';
import type { RenderQuality } from '../upstreams/render-it/pricing.js';
import { loadRender } from './render-loader.js';
import { renderMeterOf } from './render-meter.js';
import { ValidationError } from '../errors/app-error.js';
import { UpstreamNotFoundError } from '../upstreams/errors.js';
import { checkAnimated, checkConsentingIds, checkFps, checkPoseCount, checkQuality, checkTargetCount, targetsOf } from './render-validation.js';
import type { RenderTarget } from './render-job.js';
import type { ImageRecord } from '../images/image-record.js';
import type { RenderScope } from './render-scope.js';

/**
 * The render fields of ZEPETO avatars. Every argument is checked (and every pose resolved)
 * before the first job reaches the loader, so invalid input never costs an upstream call; a
 * field that fails its checks also stops the renders its siblings queued (see `refused`).
 */

/** Runs a field's argument checks; a failure refuses the whole render scope. */
export function checkedArgs<T>(scope: RenderScope, check: () => T): T {
  try {
    return check();
  } catch (err) {
    renderMeterOf(scope).refused = true;
    throw err;
  }
}

/** One still per pose, showing `avatars` together (one avatar for `images`). */
export function renderStills(
  scope: RenderScope,
  avatars: readonly ZepetoAvatarRecord[],
  poseArgs: readonly string[],
  quality: RenderQuality,
  fields: { avatars: string; poses: string } = { avatars: 'avatars', poses: 'poses' },
): Promise<ImageRecord[]> {
  return renderStillsOf(scope, () => targetsOf(avatars, fields.avatars), poseArgs, quality, fields.poses);
}

async function renderStillsOf(
  scope: RenderScope,
  targetsFor: () => RenderTarget[],
  poseArgs: readonly string[],
  quality: RenderQuality,
  posesField: string,
): Promise<ImageRecord[]> {
  const { targets, poses } = checkedArgs(scope, () => {
    checkQuality(quality);
    const checkedTargets = targetsFor();
    checkPoseCount(poseArgs.length, posesField);
    return { targets: checkedTargets, poses: poseArgs.map((arg) => resolvePoseArg(scope.services.catalog, arg, 'ZEPETO', posesField)) };
  });
  const rendered = await Promise.all(poses.map((pose) => loadRender(scope, { kind: 'still', targets, quality, pose })));
  return rendered.map((records) => records[0]!);
}

/** An APNG (`animation`) or one PNG per frame (`frames`) of an animated pose. */
export async function renderMotion(
  scope: RenderScope,
  avatar: ZepetoAvatarRecord,
  poseArg: string,
  quality: RenderQuality,
  fps: number,
  kind: 'animation' | 'frames',
): Promise<ImageRecord[]> {
  const { targets, pose } = checkedArgs(scope, () => {
    checkQuality(quality);
    checkFps(fps);
    return { targets: targetsOf([avatar]), pose: checkAnimated(resolvePoseArg(scope.services.catalog, poseArg, 'ZEPETO')) };
  });
  return loadRender(scope, { kind, targets, quality, pose, fps });
}

export interface GroupImageRequest {
  /** The caller's ZepetoAvatars (at least one). */
  avatarIds: readonly string[];
  /** ZEPETO IDs of people who allowed one of those accounts to take pictures with them. */
  zepetoIds: readonly string[];
  pose: string;
  quality: RenderQuality;
}

/** The one answer for a person Render-it may not picture, whichever way the gateway learnt it. */
const notConsenting = () =>
  new ValidationError(
    'Not everyone in input.zepetoIds can be pictured: each must have allowed one of the accounts in input.avatars to take pictures with them',
    'input.zepetoIds',
  );

/**
 * `renderGroupImage`: one still of 1 to 8 people in a pose: some of `ownerId`'s ZEPETO avatars,
 * and ZEPETO IDs of people who allowed one of those accounts to take pictures with them [SEED].
 * Every check comes before anything is spent. Consent lives at ZEPETO, so Render-it's 404 is the
 * final word on it; but an ID another user of this gateway connected is refused here, because
 * Render-it pictures any ID connected to the workspace, consent or not.
 */
export async function renderGroupImage(scope: RenderScope, ownerId: string, request: GroupImageRequest): Promise<ImageRecord> {
  const { avatarIds, zepetoIds } = request;
  // Counts and shapes first: no store read, let alone an upstream call, for a request that cannot work.
  if (avatarIds.length === 0) {
    throw new ValidationError('input.avatars must name at least one of your ZEPETO avatars: the others are pictured with it', 'input.avatars');
  }
  checkTargetCount(avatarIds.length + zepetoIds.length, zepetoIds.length > 0 ? 'input.zepetoIds' : 'input.avatars');
  checkConsentingIds(zepetoIds, 'input.zepetoIds');
  const avatars = await Promise.all(avatarIds.map((id) => scope.services.avatars.getOwned(id, ownerId, 'ZEPETO')));
  const connectedBy = await Promise.all(zepetoIds.map((zepetoId) => scope.services.avatars.connectedBy(zepetoId)));
  if (connectedBy.some((owners) => owners.some((owner) => owner !== ownerId))) throw notConsenting();
  const targetsFor = (): RenderTarget[] => {
    const own = targetsOf(avatars, 'input.avatars');
    const twice = zepetoIds.findIndex((zepetoId) => own.some((t) => t.zepetoId === zepetoId));
    if (twice !== -1) throw new ValidationError(`input.zepetoIds.${twice} is one of input.avatars`, `input.zepetoIds.${twice}`);
    return [...own, ...zepetoIds.map((zepetoId) => ({ zepetoId, avatarId: null }))];
  };
  try {
    const [image] = await renderStillsOf(scope, targetsFor, [request.pose], request.quality, 'input.pose');
    return image!;
  } catch (err) {
    if (zepetoIds.length > 0 && err instanceof UpstreamNotFoundError) throw notConsenting();
    throw err;
  }
}
