import type { AvaturnAvatarRecord, ImageRecord } from '../avatars/avatar-record.js';
import type { Context } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/codes.js';
import type { AvatarImageRequest } from '../schema/render-avatar-image.js';

/** Scene renders of Avaturn avatars (issue 3 fills this in). */
export async function renderAvaturnScene(_ctx: Context, _avatar: AvaturnAvatarRecord, _request: AvatarImageRequest): Promise<ImageRecord> {
  throw new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Avaturn scene renders are not wired yet');
}
