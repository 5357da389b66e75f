import { createHash } from 'node:crypto';
import type { Pose } from '../poses/catalog.js';
import { costUnits, type RenderQuality } from '../upstreams/render-it/pricing.js';

/** Still: Single/Multi Images; animation: one APNG; frames: one PNG per frame. */
type RenderKind = 'still' | 'animation' | 'frames';

/**
 * One person in the picture: the upstream ZEPETO ID and the caller's avatar it belongs to, or
 * null for a person who allowed the caller's account to take pictures with them (group images).
 */
export interface RenderTarget {
  zepetoId: string;
  avatarId: string | null;
}

/**
 * One render a field asks for: the DataLoader key. Identity is (kind, targets, quality, pose,
 * fps); the avatar ids ride along for the image records and are the same for one caller.
 */
export interface RenderJob {
  kind: RenderKind;
  targets: readonly RenderTarget[];
  quality: RenderQuality;
  pose: Pose;
  /** Animations and frames only. */
  fps?: number;
}

/** JSON rather than a joined string: ZEPETO ids and pose keys are free text and may hold any separator. */
export function jobKey(job: RenderJob): string {
  return JSON.stringify([job.kind, job.quality, job.pose.key, job.fps ?? null, job.targets.map((t) => t.zepetoId)]);
}

/** Same job, same key in the shared cache; hashed so keys stay short whatever the targets. */
export function cacheKeyOf(job: RenderJob): string {
  return `render:${createHash('sha256').update(jobKey(job)).digest('base64url')}`;
}

/** Stills and frame groups share a Multi call when they show the same people at the same quality. */
export function groupKey(job: RenderJob): string {
  return JSON.stringify([job.quality, job.targets.map((t) => t.zepetoId)]);
}

/** Frames Render-it makes for an animated pose: fps x duration, at least one (as the upstream counts). */
export function frameCountOf(pose: Pose, fps: number): number {
  return Math.max(1, Math.round(fps * (pose.durationSeconds ?? 0)));
}

/** Images billed for the job: one for a still, one per frame for animations [DOC]. */
function billedImagesOf(job: RenderJob): number {
  return job.kind === 'still' ? 1 : frameCountOf(job.pose, job.fps ?? 1);
}

/**
 * Whether what Render-it bills for the job is only an estimate: its pricing page says the
 * animation methods make more than one image per call, not how many it bills [ASSUMED: one per
 * frame], so animation and frame costs are labelled estimates wherever they are shown.
 */
export function isCostEstimated(job: Pick<RenderJob, 'kind'>): boolean {
  return job.kind !== 'still';
}

export function estimatedUnitsOf(job: RenderJob): number {
  return costUnits(job.quality, billedImagesOf(job));
}
