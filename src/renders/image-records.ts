import { createHash } from 'node:crypto';
import type { ImageRepository } from '../images/image-repository.js';
import { PoseCatalog } from '../poses/catalog.js';
import { UNITS_PER_IMAGE, widthOf } from '../upstreams/render-it/pricing.js';
import type { RenderResult } from './render-cache.js';
import { isCostEstimated, type RenderJob } from './render-job.js';
import type { ImageRecord } from '../images/image-record.js';

/**
 * The id is derived from the owner and the URL, so the same cached render shown to the same
 * user is the same AvatarImage node, and saving it again changes nothing.
 */
function imageId(ownerId: string, url: string): string {
  return `rit_${createHash('sha256').update(`${ownerId}\n${url}`).digest('base64url').slice(0, 24)}`;
}

/** The image records of one finished render: one, or one per frame for `frames`. */
export function imageRecordsOf(ownerId: string, job: RenderJob, result: RenderResult): ImageRecord[] {
  const width = widthOf(job.quality);
  const unit = UNITS_PER_IMAGE[job.quality];
  const animation = job.kind === 'animation';
  return result.urls.map((url) => ({
    id: imageId(ownerId, url),
    ownerId,
    version: 1,
    status: 'READY',
    url,
    expiresAt: new Date(result.expiresAt).toISOString(),
    format: animation ? 'APNG' : 'PNG',
    width,
    height: Math.max(1, Math.round(width * job.pose.ratio)),
    frameCount: animation ? result.frameCount : null,
    poseId: PoseCatalog.idOf(job.pose),
    quality: job.quality,
    // The caller's avatars only: consenting people in a group image are nobody's avatar here.
    avatarIds: job.targets.flatMap((t) => (t.avatarId === null ? [] : [t.avatarId])),
    // Render-it bills animations per frame [ASSUMED], so an APNG costs its frames: an estimate.
    costUnits: animation ? unit * (result.frameCount ?? 1) : unit,
    costEstimated: isCostEstimated(job),
    failureReason: null,
  }));
}

/** Saves records not saved yet (a reused render is usually already there for this owner). */
export async function saveImageRecords(images: ImageRepository, records: ImageRecord[]): Promise<ImageRecord[]> {
  return Promise.all(
    records.map(async (record) => (await images.get(record.id)) ?? images.save(record)),
  );
}
