import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { RenderBudget } from './render-budget.js';
import { UserLimiter } from './user-limiter.js';

/** The per-user limits, one set per process (see src/services.ts); a limit set to `0` is absent. */
export interface UserLimits {
  /** Render-it units per user per RENDER_USER_BUDGET_WINDOW. */
  renderBudget: RenderBudget | undefined;
  /** createAvatar and startAvatarUpload together: each makes an Avaturn avatar. */
  avatarCreate: UserLimiter | undefined;
  /** connectZepetoAccount: each opens a Render-it login (and a slot of the shared TPS). */
  zepetoConnect: UserLimiter | undefined;
}

export function createUserLimits(config: Config, redis?: Redis): UserLimits {
  const { limits, redisPrefix: prefix } = config;
  const perMinute = (name: string, points: number | undefined, message: string) =>
    points === undefined ? undefined : new UserLimiter({ name, points, durationSeconds: 60, message, redis, prefix });
  return {
    renderBudget:
      limits.renderUserBudgetUnits === undefined
        ? undefined
        : new RenderBudget({ units: limits.renderUserBudgetUnits, windowSeconds: limits.renderUserBudgetWindowSeconds, redis, prefix }),
    avatarCreate: perMinute('avatar-create', limits.avatarCreatePerMinute, `At most ${limits.avatarCreatePerMinute} new avatars per minute`),
    zepetoConnect: perMinute('zepeto-connect', limits.zepetoConnectPerMinute, `At most ${limits.zepetoConnectPerMinute} ZEPETO logins per minute`),
  };
}

/** Takes one point of a per-minute limit for `user` (nothing when the limit is off); throws RATE_LIMITED. */
export async function checkUserLimit(limiter: UserLimiter | undefined, user: string): Promise<void> {
  await limiter?.consume(user);
}
