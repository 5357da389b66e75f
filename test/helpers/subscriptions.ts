import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestGateway } from './gateway.js';
import type { ResultExtensions } from './results.js';

type Result<T> = {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
  extensions?: ResultExtensions;
};

export interface Subscription<T> {
  /** The next event (`done` once the stream ended, with no value). */
  next(timeoutMs?: number): Promise<IteratorResult<Result<T>, undefined>>;
  close(): Promise<void>;
}

function wrap<T>(iterator: AsyncIterableIterator<Result<T>>, dispose: () => void): Subscription<T> {
  return {
    async next(timeoutMs = 5_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no subscription event within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const next = await Promise.race([iterator.next(), timeout]);
        return next.done ? { done: true, value: undefined } : next;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await iterator.return?.(undefined).catch(() => undefined);
      dispose();
    },
  };
}

/** The reference graphql-ws client over the real port; the token goes in connectionParams. */
export function subscribeWs<T, V>(gw: TestGateway, token: string, document: TypedDocumentNode<T, V>, variables: V): Subscription<T> {
  const client = createWsClient({
    url: `${gw.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const iterator = client.iterate<T>({ query: print(document), variables: variables as Record<string, unknown> });
  return wrap(iterator as AsyncIterableIterator<Result<T>>, () => void client.dispose());
}

/**
 * The reference graphql-sse client (distinct connections mode). Over the real port by default;
 * with `inProcess`, its fetch is `yoga.fetch`, so the stream never touches a socket.
 */
export function subscribeSse<T, V>(
  gw: TestGateway,
  token: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
  options: { inProcess?: boolean } = {},
): Subscription<T> {
  const client = createSseClient({
    url: `${gw.url}/graphql`,
    headers: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    ...(options.inProcess ? { fetchFn: (input: RequestInfo | URL, init?: RequestInit) => gw.app.yoga.fetch(String(input), init as never) } : {}),
  });
  const iterator = client.iterate<T>({ query: print(document), variables: variables as Record<string, unknown> });
  return wrap(iterator as AsyncIterableIterator<Result<T>>, () => client.dispose());
}
