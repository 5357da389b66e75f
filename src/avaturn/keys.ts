import { createHash } from 'node:crypto';
import type { Config } from '../config/config.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Every store key the Avaturn flows use, in one place so their lifetimes and meaning are easy to
 * audit. Keys are scoped by the Avaturn API URL (hashed), never by the API key: a key rotation
 * must keep every mapping. Gateways of two Avaturn projects on the same API URL therefore need
 * Redis databases of their own. Values are JSON; Avaturn ids are lower-cased.
 */
function buildKeys(project: string) {
  const p = `avaturn:${project}`;
  return {
    /** App user -> their one Avaturn user `{ userId }` (permanent). */
    user: (ownerId: string) => `${p}:user:${ownerId}`,
    /** Short lock held while an instance creates that Avaturn user (saves duplicate creations; correctness does not need it). */
    userLock: (ownerId: string) => `${p}:user-lock:${ownerId}`,
    /** Avaturn avatar id -> local avatar id (for webhooks). */
    avatar: (avaturnAvatarId: string) => `${p}:avatar:${avaturnAvatarId.toLowerCase()}`,
    /** Set of local ids of avatars awaiting photos or processing: the watchdog's work list. */
    pending: () => `${p}:pending-avatars`,
    /** Per pending avatar: when the watchdog polls it next, and how many polls it had. */
    watch: (avatarId: string) => `${p}:watch:${avatarId}`,
    /** Held by the one instance running a watchdog round. */
    watchdogLease: () => `${p}:watchdog-lease`,
    /** Avaturn render id -> `{ imageId, avaturnAvatarId, avaturnUserId }` (for `render.ready`). */
    render: (renderId: string) => `${p}:render:${renderId.toLowerCase()}`,
    /** One scene render per avatar, customization, scene and format while its URL lives. */
    scene: (avatarId: string, customizationVersion: number, scene: string, format: string) =>
      `${p}:scene:${avatarId}:${customizationVersion}:${format}:${scene}`,
    /** Idempotency record of one mutation call; the client's key is hashed (it may be long or odd). */
    idempotency: (operation: string, ownerId: string, key: string) => `${p}:idempotency:${operation}:${ownerId}:${sha256(key)}`,
    /** One webhook delivery: claimed while it is handled, remembered after (signed ones only). */
    delivery: (deliveryKey: string) => `${p}:delivery:${deliveryKey}`,
    /** Webhook confirmations of an avatar's status (listing), and of its export of one customization: single flight, answer kept seconds. */
    statusConfirmation: (avaturnAvatarId: string) => `${p}:confirm-status:${avaturnAvatarId.toLowerCase()}`,
    exportConfirmation: (avaturnAvatarId: string, customizationVersion: number) =>
      `${p}:confirm-export:${avaturnAvatarId.toLowerCase()}:${customizationVersion}`,
  };
}

export type AvaturnKeys = ReturnType<typeof buildKeys>;

const cache = new WeakMap<Config['avaturn'], AvaturnKeys>();

/** The keys of the Avaturn project `config` points at. */
export function avaturnKeys(config: Config['avaturn']): AvaturnKeys {
  let keys = cache.get(config);
  if (!keys) {
    keys = buildKeys(sha256(config.apiUrl.replace(/\/+$/, '')).slice(0, 12));
    cache.set(config, keys);
  }
  return keys;
}

/** Shorthand for the services' project. */
export const keysOf = (services: { config: Config }): AvaturnKeys => avaturnKeys(services.config.avaturn);
