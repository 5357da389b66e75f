import { createHash } from 'node:crypto';

/**
 * Every store key the Avaturn flows use, in one place so their lifetimes and meaning are easy to
 * audit. Values are JSON; ids from Avaturn are lower-cased (UUIDs compare case-insensitively).
 */
export const avaturnKeys = {
  /** App user -> their one Avaturn user `{ userId }` (permanent). */
  user: (ownerId: string) => `avaturn:user:${ownerId}`,
  /** Short lock held while an instance creates that Avaturn user. */
  userLock: (ownerId: string) => `avaturn:user-lock:${ownerId}`,
  /** Avaturn avatar id -> local avatar id (for webhooks). */
  avatar: (avaturnAvatarId: string) => `avaturn:avatar:${avaturnAvatarId.toLowerCase()}`,
  /** Set of local ids of avatars awaiting photos or processing: the watchdog's work list. */
  pending: () => 'avaturn:pending-avatars',
  /** Per pending avatar: when the watchdog polls it next, and how many polls it had. */
  watch: (avatarId: string) => `avaturn:watch:${avatarId}`,
  /** Held by the one instance running a watchdog round. */
  watchdogLease: () => 'avaturn:watchdog-lease',
  /** Avaturn render id -> `{ imageId, avaturnAvatarId }` (for `render.ready`). */
  render: (renderId: string) => `avaturn:render:${renderId.toLowerCase()}`,
  /** One scene render per avatar, customization, scene and format while its URL lives. */
  scene: (avatarId: string, customizationVersion: number, scene: string, format: string) =>
    `avaturn:scene:${avatarId}:${customizationVersion}:${format}:${scene}`,
  /** Idempotency record of one mutation call; the client's key is hashed (it may be long or odd). */
  idempotency: (operation: string, ownerId: string, key: string) =>
    `idempotency:${operation}:${ownerId}:${sha256(key)}`,
  /** One webhook delivery, for dedupe. */
  delivery: (deliveryKey: string) => `avaturn:delivery:${deliveryKey}`,
};

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
