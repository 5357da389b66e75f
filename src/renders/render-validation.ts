import type { ZepetoAvatarRecord } from '../avatars/avatar-record.js';
import { ValidationError } from '../errors/app-error.js';
import type { Pose } from '../poses/catalog.js';
import { UNITS_PER_IMAGE, type RenderQuality } from '../upstreams/render-it/pricing.js';
import type { RenderTarget } from './render-job.js';

/** Render-it's limits [SEED], checked before anything is spent. */
const MAX_TARGETS = 8;
const MIN_FPS = 1;
const MAX_FPS = 15;
/** Poses one `images` field may ask for; the operation's budget bounds the cost separately. */
const MAX_POSES_PER_FIELD = 100;

export function checkQuality(quality: string): RenderQuality {
  if (!Object.hasOwn(UNITS_PER_IMAGE, quality)) throw new ValidationError(`Unknown quality "${quality}"`, 'quality');
  return quality as RenderQuality;
}

export function checkFps(fps: number): number {
  if (!Number.isInteger(fps) || fps < MIN_FPS || fps > MAX_FPS) {
    throw new ValidationError(`fps must be a whole number from ${MIN_FPS} to ${MAX_FPS}`, 'fps');
  }
  return fps;
}

export function checkPoseCount(count: number, field = 'poses'): void {
  if (count === 0) throw new ValidationError(`${field} must name at least one pose`, field);
  if (count > MAX_POSES_PER_FIELD) throw new ValidationError(`${field} may name at most ${MAX_POSES_PER_FIELD} poses`, field);
}

export function checkTargetCount(count: number, field = 'avatars'): void {
  if (count < 1 || count > MAX_TARGETS) {
    throw new ValidationError(`An image shows 1 to ${MAX_TARGETS} avatars, got ${count}`, field);
  }
}

/** Animations and frames exist for animated poses only. */
export function checkAnimated(pose: Pose, field = 'pose'): Pose {
  if (pose.kind !== 'ANIMATED') {
    throw new ValidationError(`Pose "${pose.key}" is a still pose; animations need an ANIMATED pose`, field);
  }
  return pose;
}

/** What a ZEPETO ID may look like here: Render-it publishes no format, so only sane text. */
const MAX_ZEPETO_ID_LENGTH = 200;
const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** The consenting ZEPETO IDs of a group image: text Render-it could take, each once. */
export function checkConsentingIds(zepetoIds: readonly string[], field: string): void {
  const seen = new Set<string>();
  for (const [i, zepetoId] of zepetoIds.entries()) {
    if (zepetoId.length === 0 || zepetoId.length > MAX_ZEPETO_ID_LENGTH || zepetoId.trim() !== zepetoId || hasControlCharacter(zepetoId)) {
      throw new ValidationError(`${field}.${i} is not a ZEPETO ID (1 to ${MAX_ZEPETO_ID_LENGTH} characters, no spaces around it)`, `${field}.${i}`);
    }
    if (seen.has(zepetoId)) throw new ValidationError(`${field} lists "${zepetoId}" twice`, `${field}.${i}`);
    seen.add(zepetoId);
  }
}

export function targetsOf(avatars: readonly ZepetoAvatarRecord[], field = 'avatars'): RenderTarget[] {
  checkTargetCount(avatars.length, field);
  const seen = new Set<string>();
  return avatars.map((avatar) => {
    if (avatar.status !== 'READY') throw new ValidationError(`Avatar ${avatar.id} is not ready`, field);
    if (seen.has(avatar.zepetoId)) throw new ValidationError('The same avatar is listed twice', field);
    seen.add(avatar.zepetoId);
    return { zepetoId: avatar.zepetoId, avatarId: avatar.id };
  });
}
