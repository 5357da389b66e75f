import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateLimiter } from '../admission/rate-limiter.js';
import { RedisSlidingWindowLimiter } from '../admission/redis-sliding-window-limiter.js';
import { SlidingWindowLimiter } from '../admission/sliding-window-limiter.js';

/** The Render-it workspace the gateway calls (RENDERIT_API_URL, RENDERIT_API_KEY) and its RENDERIT_TPS. */
interface RenderItAccount {
  apiUrl: string;
  apiKey: string;
  tps: number;
}

/**
 * Render-it counts TPS per workspace (API key), so instances calling the same API with the
 * same key share one window; a different sandbox or key gets its own. Not under REDIS_PREFIX:
 * deployments sharing one Redis and one key share Render-it's window too.
 */
function limiterKey(renderIt: RenderItAccount): string {
  const account = createHash('sha256').update(`${renderIt.apiUrl}\n${renderIt.apiKey}`).digest('hex');
  return `ag:render-it:tps:${account.slice(0, 16)}`;
}

/**
 * The limiter in front of every Render-it call (RENDERIT_TPS): shared through Redis by every
 * instance when it is given, in this process otherwise. `close` ends the waits of the latter.
 */
export function createRenderItLimiter(renderIt: RenderItAccount, redis?: Redis): { limiter: RateLimiter; close(): void } {
  const limit = renderIt.tps;
  if (redis) return { limiter: new RedisSlidingWindowLimiter({ redis, key: limiterKey(renderIt), limit }), close: () => undefined };
  const memory = new SlidingWindowLimiter({ limit });
  return { limiter: memory, close: () => memory.close() };
}
