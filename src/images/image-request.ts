import type { RenderQuality } from '../upstreams/render-it/pricing.js';
import type { ImageFormat } from './image-record.js';

/** What `Avatar.image` asks of either provider. */
export interface AvatarImageRequest {
  /** The `pose` argument as given: a Pose global id or a raw key. */
  pose: string;
  quality: RenderQuality;
  format: ImageFormat | undefined;
}
