import type { AvatarRecord } from '../avatars/avatar-record.js';
import type { AvaturnDeps } from '../avaturn/deps.js';
import { renderAvaturnScene } from '../avaturn/scene-render.js';
import type { ImageRecord } from '../images/image-record.js';
import type { AvatarImageRequest } from '../images/image-request.js';
import type { RenderScope } from '../renders/render-scope.js';
import { renderZepetoImage } from '../renders/zepeto-image.js';

/** A render scope whose process also serves the Avaturn features (the GraphQL context is one). */
export type ProviderScope = RenderScope & { services: AvaturnDeps };

/**
 * `Avatar.image` is one field for both providers: a ZEPETO avatar renders through the operation's
 * render loader (`renders/`), an Avaturn avatar as one of Avaturn's scenes (`avaturn/`).
 */
export function renderAvatarImage(scope: ProviderScope, avatar: AvatarRecord, request: AvatarImageRequest): Promise<ImageRecord> {
  return avatar.provider === 'ZEPETO' ? renderZepetoImage(scope, avatar, request) : renderAvaturnScene(scope.services, avatar, request);
}
