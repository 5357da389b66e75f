import type { RenderStatus } from '../avatars/avatar-record.js';
import type { RenderQuality } from '../upstreams/render-it/pricing.js';

export type ImageFormat = 'PNG' | 'APNG' | 'JPG' | 'WEBP';

/** One render, whichever provider made it. Kept until its URL expires (or while pending). */
export interface ImageRecord {
  id: string;
  ownerId: string;
  version: number;
  status: RenderStatus;
  url: string | null;
  expiresAt: string | null;
  format: ImageFormat;
  width: number;
  height: number | null;
  frameCount: number | null;
  /** Catalog id of the pose (`PoseCatalog.idOf`). */
  poseId: string;
  quality: RenderQuality | null;
  avatarIds: string[];
  costUnits: number;
  /** `costUnits` is an estimate (animations and frames; absent on records made before it was kept). */
  costEstimated?: boolean;
  failureReason: string | null;
  /** Avaturn render id, to match `render.ready` deliveries. */
  upstreamRenderId?: string;
}
