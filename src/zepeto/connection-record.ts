export type ZepetoConnectionStatus = 'PENDING' | 'CONNECTED' | 'EXPIRED';

/**
 * A ZEPETO QR login the gateway started for an app user (JSON in the store). `id` is
 * Render-it's session id; `version` grows with every change, for `zepetoConnectionUpdated`.
 */
export interface ZepetoConnectionRecord {
  id: string;
  ownerId: string;
  status: ZepetoConnectionStatus;
  /** The `ZEPETO://` deep link the user scans as a QR code in the ZEPETO app. */
  url: string;
  /** ISO 8601: the login must happen before this. */
  expiresAt: string;
  /** The caller's ZepetoAvatar ids, once connected. */
  avatarIds: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const isFinished = (status: ZepetoConnectionStatus): boolean => status !== 'PENDING';
