import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { createClient } from 'graphql-ws';

export interface GatewayClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://avatars.example.com/graphql`. */
  url: string;
  /** The signed-in user's JWT; read for every request and every new WebSocket. */
  token: () => string | null;
  /** `possibleTypes` from the gateway's `schema/possible-types.json` (or your codegen run). */
  possibleTypes: Record<string, string[]>;
  /** Subscriptions over graphql-ws, or over HTTP as Apollo's multipart subscriptions. @default 'ws' */
  subscriptions?: 'ws' | 'http';
  /** Send queries as their SHA-256 hash first (automatic persisted queries). @default false */
  persistedQueries?: boolean;
  /** Outside browsers graphql-ws needs a WebSocket class (`ws` in Node). */
  webSocketImpl?: unknown;
}

const sha256 = async (text: string) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
};

export function createGatewayClient(options: GatewayClientOptions) {
  const { url, token, possibleTypes, subscriptions = 'ws', persistedQueries = false, webSocketImpl } = options;
  const bearer = (): { authorization?: string } => {
    const jwt = token();
    return jwt ? { authorization: `Bearer ${jwt}` } : {};
  };
  // Every HTTP request carries the token and a preflight header (the gateway's CSRF rule for uploads).
  const auth = new SetContextLink((context) => ({ headers: { ...context.headers, ...bearer(), 'apollo-require-preflight': 'true' } }));
  // Mutations whose variables hold File or Blob objects go as multipart uploads.
  const uploads = new UploadHttpLink({ uri: url });
  // Queries (with @defer) and HTTP subscriptions: HttpLink reads multipart/mixed answers.
  const http = new HttpLink({ uri: url });
  const queries = persistedQueries ? new PersistedQueryLink({ sha256 }).concat(http) : http;
  const live =
    subscriptions === 'ws'
      ? new GraphQLWsLink(createClient({ url: url.replace(/^http/, 'ws'), connectionParams: () => ({ Authorization: bearer().authorization }), webSocketImpl }))
      : http;
  return new ApolloClient({
    link: auth.split(
      (operation) => operation.operationType === 'subscription',
      live,
      ApolloLink.split((operation) => operation.operationType === 'mutation', uploads, queries),
    ),
    // Without possibleTypes the cache cannot match `... on Avatar` against an AvaturnAvatar.
    cache: new InMemoryCache({ possibleTypes }),
  });
}
