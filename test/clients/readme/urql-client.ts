import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient } from 'graphql-ws';

export interface GatewayClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://avatars.example.com/graphql`. */
  url: string;
  /** The signed-in user's JWT; read for every request and every new WebSocket. */
  token: () => string | null;
  /** Outside browsers graphql-ws needs a WebSocket class (`ws` in Node). */
  webSocketImpl?: unknown;
}

export function createGatewayClient({ url, token, webSocketImpl }: GatewayClientOptions): Client {
  const bearer = (): { authorization?: string } => {
    const jwt = token();
    return jwt ? { authorization: `Bearer ${jwt}` } : {};
  };
  // Subscriptions over graphql-ws on the same path; the token goes in connectionParams.
  const ws = createClient({
    url: url.replace(/^http/, 'ws'),
    connectionParams: () => ({ Authorization: bearer().authorization }),
    webSocketImpl,
  });
  return new Client({
    url,
    // File and Blob variables are sent as a multipart upload (fetchExchange does it); the
    // preflight header satisfies the gateway's CSRF rule for uploads.
    fetchOptions: () => ({ headers: { ...bearer(), 'graphql-preflight': '1' } }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}
