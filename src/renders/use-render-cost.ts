import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { renderMeterOf } from './render-meter.js';

/**
 * Adds `extensions.cost { images, units, usd }` to every response of an operation that asked
 * for a render (zero when everything was reused): clients and their dashboards see what each
 * query cost without access to the Render-it account. Streamed (incremental) results are left
 * as they are, since their cost is only known at the end.
 */
export function useRenderCost(): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const meter = renderMeterOf(args.contextValue as Context);
          if (!meter.touched) return;
          setResult({ ...result, extensions: { ...result.extensions, cost: meter.summary() } });
        },
      };
    },
  };
}
