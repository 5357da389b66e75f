import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { Counter, type Registry } from 'prom-client';
import type { Context } from '../context.js';
import { takeRenderMeter, type RenderCost } from '../renders/render-meter.js';

/**
 * Adds `extensions.cost { images, units, usd }` to every response of an operation that asked
 * for a render (zero when everything was reused), and to every subscription event that did:
 * clients and their dashboards see what each query cost without access to the Render-it
 * account. Each event of a subscription is its own render scope (see `takeRenderMeter`): its
 * own cost, operation budget (RENDER_BUDGET_UNITS applies per event) and deadline, while the
 * user's budget over the window counts them all. Streamed (incremental) query results are
 * counted on /metrics when they end, since their cost is only known then.
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
  /** Ends the context's render scope; its cost when it rendered, after counting it. */
  const account = (ctx: Context): RenderCost | undefined => {
    const meter = takeRenderMeter(ctx);
    if (!meter?.touched) return undefined;
    const cost = meter.summary();
    images.inc(cost.images);
    units.inc(cost.units);
    return cost;
  };
  const withCost = (result: ExecutionResult, cost: RenderCost): ExecutionResult => ({
    ...result,
    extensions: { ...result.extensions, cost },
  });
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as Context;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return { onEnd: () => void account(ctx) };
          const cost = account(ctx);
          if (cost) setResult(withCost(result, cost));
          return undefined;
        },
      };
    },
    onSubscribe({ args }) {
      const ctx = args.contextValue as Context;
      return {
        onSubscribeResult: () => ({
          // Events are executed one after another (each is pulled when the last was delivered),
          // so the scope taken here holds exactly this event's renders.
          onNext({ result, setResult }) {
            const cost = account(ctx);
            if (cost) setResult(withCost(result, cost));
          },
          onEnd: () => void account(ctx),
        }),
      };
    },
  };
}
