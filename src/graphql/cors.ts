import type { Plugin, YogaServerOptions } from 'graphql-yoga';

type CorsOption = YogaServerOptions<Record<string, unknown>, Record<string, unknown>>['cors'];

/**
 * CORS for `/graphql`, off unless CORS_ORIGINS lists origins. A listed origin (exact match) gets
 * its own value back with credentials; any other origin gets no CORS header at all (Yoga's
 * default reflected every Origin with credentials, which let any site act with a user's cookies
 * or read answers meant for them).
 */
export function corsOptions(origins: readonly string[]): CorsOption {
  if (origins.length === 0) return false;
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false;
    return { origin, credentials: true, methods: ['GET', 'POST'], maxAge: 600 };
  };
}

/**
 * Answers differ by Origin when CORS is on: say so, or a shared cache could hand one origin's
 * answer (with or without its CORS headers) to another.
 */
export function useVaryOrigin(enabled: boolean): Plugin {
  if (!enabled) return {};
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (!vary?.split(',').some((v) => v.trim().toLowerCase() === 'origin')) {
        response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
      }
    },
  };
}
