import { AppError, ConflictError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/codes.js';
import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';

/** Avaturn does not know one of the asset ids (its 410). */
export class UnknownAssetError extends AppError {
  constructor(message = 'Avaturn does not know one of the asset ids') {
    super(ErrorCode.GONE, message);
  }
}

/** Exports, renders and customizations need a READY avatar. */
export function requireReady(record: AvaturnAvatarRecord): void {
  if (record.status !== 'READY') throw new ConflictError(`The avatar is not ready yet (status ${record.status})`);
}
