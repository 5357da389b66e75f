import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { Counter, type Registry } from 'prom-client';
import type { Context } from '../context.js';
import { renderMeterOf } from './render-meter.js';

/**
 * Adds `extensions.cost { images, units, usd }` to every response of an operation that asked
 * for a render (zero when everything was reused): clients and their dashboards see what each
 * query cost without access to the Render-it account. Streamed (incremental) results are left
 * as they are, since their cost is only known at the end.
 */
export function useRenderCost(registry: Registry): Plugin<Context> {
  // The same figures summed for operators: what the gateway spent on Render-it, as billed.
  const images = new Counter({
    name: 'avatar_gateway_render_images_total',
    help: 'Render-it images billed (one per still, one per animation frame).',
    registers: [registry],
  });
  const units = new Counter({
    name: 'avatar_gateway_render_cost_units_total',
    help: 'Render-it cost units spent (1 unit = 0.001 USD).',
    registers: [registry],
  });
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const meter = renderMeterOf(args.contextValue as Context);
          if (!meter.touched) return;
          const cost = meter.summary();
          images.inc(cost.images);
          units.inc(cost.units);
          setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
  };
}
