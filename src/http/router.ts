import FindMyWay from 'find-my-way';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Plain Node handlers: the simulators, webhooks and probes stream bodies themselves. */
export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string | undefined>,
  query: Record<string, string | string[] | undefined>,
) => void | Promise<void>;

export type Router = FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;

/**
 * One router for every non-GraphQL route of the server. Unknown routes answer a JSON 404 so
 * a client never has to parse an HTML error page.
 */
export function createRouter(): Router {
  return FindMyWay({
    ignoreTrailingSlash: true,
    defaultRoute: (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found' }));
    },
  });
}

/** Registers a handler; rejected promises become a 500 instead of an unhandled rejection. */
export function route(router: Router, method: FindMyWay.HTTPMethod | FindMyWay.HTTPMethod[], path: string, handler: Handler): void {
  router.on(method, path, (req, res, params, _store, query) => {
    Promise.resolve()
      .then(() => handler(req, res, params, query as Record<string, string | string[] | undefined>))
      .catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'internal_error' }));
        } else {
          res.destroy(err as Error);
        }
      });
  });
}
