import type { Config } from '../config/config.js';

/**
 * Store keys of the Avaturn status flow: what an avatar, a webhook delivery or a render is
 * remembered under while Avaturn works on it. Scoped by `config.avaturn.keyNamespace` (the API
 * URL, hashed), like every Avaturn key (`src/avaturn/keys.ts` has the others). Values are JSON;
 * Avaturn ids are lower-cased.
 */
export function statusKeys(config: Pick<Config, 'avaturn'>) {
  const p = config.avaturn.keyNamespace;
  return {
    /** Avaturn avatar id -> local avatar id (for webhooks). */
    avatar: (avaturnAvatarId: string) => `${p}:avatar:${avaturnAvatarId.toLowerCase()}`,
    /** Set of local ids of avatars awaiting photos or processing: the watchdog's work list. */
    pending: () => `${p}:pending-avatars`,
    /** Per pending avatar: when the watchdog polls it next, and how many polls it had. */
    watch: (avatarId: string) => `${p}:watch:${avatarId}`,
    /** Claimed by the one instance running a watchdog round. */
    watchdogLease: () => `${p}:watchdog-lease`,
    /** Avaturn render id -> `{ imageId, avaturnAvatarId, avaturnUserId }` (for `render.ready`). */
    render: (renderId: string) => `${p}:render:${renderId.toLowerCase()}`,
    /** One webhook delivery: remembered once handled (signed ones only); `:claim` while it is handled. */
    delivery: (deliveryKey: string) => `${p}:delivery:${deliveryKey}`,
    /** Webhook confirmations of an avatar's status (listing), and of its export of one customization: single flight, answer kept seconds. */
    statusConfirmation: (avaturnAvatarId: string) => `${p}:confirm-status:${avaturnAvatarId.toLowerCase()}`,
    exportConfirmation: (avaturnAvatarId: string, customizationVersion: number) =>
      `${p}:confirm-export:${avaturnAvatarId.toLowerCase()}:${customizationVersion}`,
  };
}
