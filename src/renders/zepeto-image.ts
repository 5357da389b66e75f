import type { ZepetoAvatarRecord } from '../avatars/avatar-record.js';
import { ValidationError } from '../errors/app-error.js';
import { checkedArgs, renderMotion, renderStills } from './zepeto-renders.js';
import type { ImageRecord } from '../images/image-record.js';
import type { AvatarImageRequest } from '../images/image-request.js';
import type { RenderScope } from './render-scope.js';

/** Frame rate of an animation when none is asked for (`Avatar.image(format: APNG)`, `animation`, `frames`). */
export const DEFAULT_FPS = 10;

/**
 * `Avatar.image` of a ZEPETO avatar: a PNG still through the operation's render loader, or,
 * with `format: APNG`, the pose's animation. Render-it makes no JPG or WEBP.
 */
export async function renderZepetoImage(scope: RenderScope, avatar: ZepetoAvatarRecord, request: AvatarImageRequest): Promise<ImageRecord> {
  switch (request.format) {
    case undefined:
    case 'PNG':
      return (await renderStills(scope, [avatar], [request.pose], request.quality, { avatars: 'id', poses: 'pose' }))[0]!;
    case 'APNG':
      return (await renderMotion(scope, avatar, request.pose, request.quality, DEFAULT_FPS, 'animation'))[0]!;
    default:
      return checkedArgs(scope, () => {
        throw new ValidationError(`Render-it makes PNG and APNG images, not ${request.format}`, 'format');
      });
  }
}
