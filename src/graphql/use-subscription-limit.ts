import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { ErrorCode } from '../errors/codes.js';

/**
 * At most `maxPerUser` subscriptions at once per user on this instance, SSE and graphql-ws
 * together (both run through this plugin). Each one holds a pub/sub listener and a store read
 * per event, so one user opening thousands must not starve the others. The next one is refused
 * with RATE_LIMITED until one of them ends. 0 = no limit.
 */
export function useSubscriptionLimit(maxPerUser: number): Plugin<Context> {
  const active = new Map<string, number>();
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const viewer = (args.contextValue as Context).viewer;
      if (!viewer || maxPerUser === 0) return undefined;
      const user = viewer.userId;
      const count = active.get(user) ?? 0;
      if (count >= maxPerUser) {
        setResultAndStopExecution({
          errors: [
            createGraphQLError(`Too many subscriptions: at most ${maxPerUser} at once per user; end one first`, {
              extensions: { code: ErrorCode.RATE_LIMITED, maxSubscriptions: maxPerUser },
            }),
          ],
        });
        return undefined;
      }
      // Counted before the resolver runs, so concurrent subscribes cannot all slip under the cap.
      active.set(user, count + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (active.get(user) ?? 1) - 1;
        if (left > 0) active.set(user, left);
        else active.delete(user);
      };
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) return release();
          return { onEnd: release };
        },
        onSubscribeError: release,
      };
    },
  };
}
