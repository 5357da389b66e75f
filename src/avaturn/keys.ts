import type { Config } from '../config/config.js';

/**
 * Store keys of the Avaturn features: the app user's Avaturn user and the scene render cache.
 * Scoped by `config.avaturn.keyNamespace` like every Avaturn key (the status flow's are in
 * `src/webhooks/keys.ts`); values are JSON.
 */
export function avaturnKeys(config: Pick<Config, 'avaturn'>) {
  const p = config.avaturn.keyNamespace;
  return {
    /** App user -> their one Avaturn user `{ userId }` (permanent). */
    user: (ownerId: string) => `${p}:user:${ownerId}`,
    /** Claimed while an instance creates that Avaturn user (saves duplicate creations; correctness does not need it). */
    userLock: (ownerId: string) => `${p}:user-lock:${ownerId}`,
    /** One scene render per avatar, customization, scene and format while its URL lives (claimed by its image id). */
    scene: (avatarId: string, customizationVersion: number, scene: string, format: string) =>
      `${p}:scene:${avatarId}:${customizationVersion}:${format}:${scene}`,
  };
}
