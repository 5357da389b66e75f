import type { AvatarRecord, ImageFormat, ImageRecord, RenderQuality } from '../avatars/avatar-record.js';
import { renderAvaturnScene } from '../avaturn/scene-render.js';
import type { Context } from '../context.js';
import { renderZepetoImage } from '../renders/zepeto-image.js';

export interface AvatarImageRequest {
  /** The `pose` argument as given: a Pose global id or a raw key. */
  pose: string;
  quality: RenderQuality;
  format: ImageFormat | undefined;
}

/** `Avatar.image` is one field for both providers; each provider's module does the rendering. */
export function renderAvatarImage(ctx: Context, avatar: AvatarRecord, request: AvatarImageRequest): Promise<ImageRecord> {
  return avatar.provider === 'ZEPETO'
    ? renderZepetoImage(ctx, avatar, request)
    : renderAvaturnScene(ctx, avatar, request);
}
