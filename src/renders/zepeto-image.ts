import type { ImageRecord, ZepetoAvatarRecord } from '../avatars/avatar-record.js';
import type { Context } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/codes.js';
import type { AvatarImageRequest } from '../schema/render-avatar-image.js';

/** Render-it images of ZEPETO avatars through the operation's DataLoader (issue 4 fills this in). */
export async function renderZepetoImage(_ctx: Context, _avatar: ZepetoAvatarRecord, _request: AvatarImageRequest): Promise<ImageRecord> {
  throw new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Render-it images are not wired yet');
}
