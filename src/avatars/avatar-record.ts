export type AvatarProvider = 'AVATURN' | 'ZEPETO';
export type AvatarStatus = 'AWAITING_UPLOAD' | 'PROCESSING' | 'READY' | 'FAILED';
/** Of anything Avaturn or Render-it makes for an avatar: an image, a GLB export. */
export type RenderStatus = 'PENDING' | 'READY' | 'FAILED';
export type BodyType = 'MALE' | 'FEMALE';

/**
 * What the gateway stores about an avatar (JSON in the store). `version` grows by one with
 * every change; subscribers use it to never go backwards. `ownerId` is the app user (JWT sub):
 * every read goes through the owner check in `avatar-repository.ts`.
 */
interface AvatarRecordBase {
  id: string;
  ownerId: string;
  provider: AvatarProvider;
  status: AvatarStatus;
  version: number;
  /** ISO 8601 */
  createdAt: string;
  updatedAt: string;
}

export interface AvatarModelRecord {
  status: RenderStatus;
  url: string | null;
  expiresAt: string | null;
  /** Customization version the export was made from. */
  customizationVersion?: number;
  /**
   * PENDING only: exports of earlier customizations still running at Avaturn when this one was
   * asked for. `export.ready` names no export, so the next outcomes are theirs, not this one's.
   */
  earlierExports?: number;
}

export interface AvaturnAvatarRecord extends AvatarRecordBase {
  provider: 'AVATURN';
  avaturnUserId: string;
  avaturnAvatarId: string;
  bodyType: BodyType;
  telephoto: boolean;
  failureReason: string | null;
  /** Set once the gateway (or the user) put a customization upstream. */
  customizationSet: boolean;
  customizationVersion: number;
  model: AvatarModelRecord | null;
  /** When processing started (ISO); the watchdog fails the avatar past its deadline. */
  processingSince: string | null;
  /** Until when photos may still arrive (ISO): the watchdog fails an avatar still awaiting them after this. */
  uploadDeadline?: string | null;
  /** Failed by the watchdog's deadline rather than by Avaturn: a later confirmed `ready` still wins. */
  timedOut?: boolean;
}

export interface ZepetoAvatarRecord extends AvatarRecordBase {
  provider: 'ZEPETO';
  zepetoId: string;
}

export type AvatarRecord = AvaturnAvatarRecord | ZepetoAvatarRecord;
