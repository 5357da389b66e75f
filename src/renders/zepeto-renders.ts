import type { ZepetoAvatarRecord } from '../avatars/avatar-record.js';
import { resolvePoseArg } from '../poses/resolve-pose.js';
import type { RenderQuality } from '../upstreams/render-it/pricing.js';
import { loadRender } from './render-loader.js';
import { renderMeterOf } from './render-meter.js';
import { checkAnimated, checkFps, checkPoseCount, checkQuality, checkTargetCount, targetsOf } from './render-validation.js';
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

/** One still per pose, showing `avatars` together (one avatar for `images`, up to 8 for a group). */
export async function renderStills(
  scope: RenderScope,
  avatars: readonly ZepetoAvatarRecord[],
  poseArgs: readonly string[],
  quality: RenderQuality,
  fields: { avatars: string; poses: string } = { avatars: 'avatars', poses: 'poses' },
): Promise<ImageRecord[]> {
  const { targets, poses } = checkedArgs(scope, () => {
    checkQuality(quality);
    const checkedTargets = targetsOf(avatars, fields.avatars);
    checkPoseCount(poseArgs.length, fields.poses);
    return { targets: checkedTargets, poses: poseArgs.map((arg) => resolvePoseArg(scope.services.catalog, arg, 'ZEPETO', fields.poses)) };
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

/** `renderGroupImage`: one still of 1 to 8 of `ownerId`'s ZEPETO avatars together in a pose. */
export async function renderGroupImage(
  scope: RenderScope,
  ownerId: string,
  avatarIds: readonly string[],
  poseArg: string,
  quality: RenderQuality,
): Promise<ImageRecord> {
  // Count first: no store read, let alone an upstream call, for a request that cannot work.
  checkTargetCount(avatarIds.length, 'input.avatars');
  const avatars = await Promise.all(avatarIds.map((id) => scope.services.avatars.getOwned(id, ownerId, 'ZEPETO')));
  const [image] = await renderStills(scope, avatars, [poseArg], quality, { avatars: 'input.avatars', poses: 'input.pose' });
  return image!;
}
