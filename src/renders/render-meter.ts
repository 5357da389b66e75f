import { BudgetExceededError } from '../errors/app-error.js';
import { USD_PER_UNIT } from '../upstreams/render-it/pricing.js';
import type { RenderScope } from './render-scope.js';

interface CostFigures {
  /** Images Render-it billed (frames count one each). */
  images: number;
  units: number;
  usd: number;
}

/** `extensions.cost`: what one operation (or subscription event) spent on Render-it. */
export interface RenderCost extends CostFigures {
  /**
   * The part of the figures above that is an estimate (animations and frames: Render-it does not
   * publish how it bills them, see `isCostEstimated`). Absent when all of it is exact.
   */
  estimated?: CostFigures;
}

/** What one finished call billed, and whether that is an estimate. */
interface Billed {
  images: number;
  units: number;
  estimated?: boolean;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * What one operation spent on Render-it, its budget and its deadline. Reused and joined
 * renders cost this operation nothing; work is reserved before any call and refused whole
 * when it would take the operation over the budget.
 */
export class RenderMeter {
  /** Whether the operation asked for any render (then its response reports the cost). */
  touched = false;
  /**
   * Set when a render field of this scope had invalid arguments. Its answer is refused (often
   * with its parent nulled), so the renders its sibling fields queued are not sent: nothing is
   * billed that the client would not get back.
   */
  refused = false;
  private images = 0;
  private units = 0;
  private estimatedImages = 0;
  private estimatedUnits = 0;
  private reserved = 0;
  /** Absolute time (ms) after which no call of this operation starts or retries. */
  readonly deadline: number;

  constructor(
    private readonly budgetUnits: number | undefined,
    deadlineMs: number,
    now = Date.now(),
  ) {
    this.deadline = now + deadlineMs;
  }

  /** Reserves `units` or throws BUDGET_EXCEEDED with the operation's estimated total. */
  reserve(units: number): void {
    const estimate = round(this.units + this.reserved + units, 4);
    if (this.budgetUnits !== undefined && estimate > this.budgetUnits) {
      throw new BudgetExceededError(estimate, this.budgetUnits);
    }
    this.reserved += units;
  }

  /** Ends a reservation: what was billed is spent, the rest is freed. */
  settle(reservedUnits: number, billed: Billed): void {
    this.reserved = Math.max(0, this.reserved - reservedUnits);
    this.images += billed.images;
    this.units += billed.units;
    if (billed.estimated) {
      this.estimatedImages += billed.images;
      this.estimatedUnits += billed.units;
    }
  }

  summary(): RenderCost {
    const figures = (images: number, rawUnits: number): CostFigures => {
      const units = round(rawUnits, 4);
      return { images, units, usd: round(units * USD_PER_UNIT, 6) };
    };
    const cost: RenderCost = figures(this.images, this.units);
    if (this.estimatedImages > 0) cost.estimated = figures(this.estimatedImages, this.estimatedUnits);
    return cost;
  }
}

const meters = new WeakMap<RenderScope, RenderMeter>();

/**
 * The meter of the scope's current renders, created on first use: the whole operation for a
 * query or mutation, one event for a subscription (see `takeRenderMeter`).
 */
export function renderMeterOf(scope: RenderScope): RenderMeter {
  let meter = meters.get(scope);
  if (!meter) {
    meter = new RenderMeter(scope.services.renders.settings.budgetUnits, scope.services.renders.settings.deadlineMs);
    meters.set(scope, meter);
  }
  return meter;
}

/**
 * Ends the current render scope and returns its meter (undefined when nothing rendered). A
 * subscription's context lives as long as the subscription, so each event ends its scope: the
 * next event's renders start a new meter, with the operation budget and deadline of their own
 * and a new render loader (no event reuses another's loader cache past its URLs' lifetime).
 */
export function takeRenderMeter(scope: RenderScope): RenderMeter | undefined {
  const meter = meters.get(scope);
  meters.delete(scope);
  return meter;
}
