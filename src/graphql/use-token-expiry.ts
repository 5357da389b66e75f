import { Repeater } from '@repeaterjs/repeater';
import type { ExecutionResult } from 'graphql';
import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { ErrorCode } from '../errors/codes.js';

/** setTimeout fires at once past 2^31-1 ms; longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function at(time: number, fire: () => void): () => void {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const wait = time - Date.now();
    timer = setTimeout(wait > MAX_TIMER_MS ? arm : fire, Math.max(0, Math.min(wait, MAX_TIMER_MS)));
  };
  arm();
  return () => clearTimeout(timer);
}

const expired = (): ExecutionResult => ({
  errors: [createGraphQLError('Unauthenticated: token expired', { extensions: { code: ErrorCode.UNAUTHENTICATED } })],
});

/** The source's events until `expiresAt`, then one UNAUTHENTICATED result, then the end. */
function untilExpiry(source: AsyncIterable<ExecutionResult>, expiresAt: number): AsyncIterableIterator<ExecutionResult> {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    const cancel = at(expiresAt, () => void push(expired()).then(() => stop()));
    // However the stream ends (client left, token expired), the source lets go of its listener.
    void stop.then(() => {
      cancel();
      void iterator.return?.();
    });
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        await push(next.value);
      }
    } finally {
      stop();
    }
  });
}

/**
 * A subscription lives only as long as the token that opened it: when the token expires, the
 * client gets an UNAUTHENTICATED error and the stream ends (SSE and graphql-ws alike, since both
 * run through this plugin). The client reconnects with a fresh token.
 */
export function useTokenExpiry(): Plugin<Context> {
  return {
    onSubscribe({ args }) {
      const viewer = (args.contextValue as Context).viewer;
      if (!viewer) return undefined;
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(untilExpiry(result, viewer.tokenExpiresAt));
        },
      };
    },
  };
}
