import type { Redis } from 'ioredis';
import { BudgetExceededError } from '../errors/app-error.js';
import { UserLimiter } from './user-limiter.js';

/** rate-limiter-flexible counts whole points; prices go down to 0.25 units (0.375 at W240), so points are thousandths. */
const POINTS_PER_UNIT = 1000;
const toPoints = (units: number) => Math.round(units * POINTS_PER_UNIT);

export interface RenderBudgetOptions {
  /** Units one user may spend per window (RENDER_USER_BUDGET_UNITS). */
  units: number;
  /** RENDER_USER_BUDGET_WINDOW. */
  windowSeconds: number;
  redis?: Redis;
  prefix?: string;
}

/**
 * Render-it spend per user over a window, across operations and instances: estimated units are
 * reserved before any call and settled to what was billed, so spreading spend over many requests
 * (or subscription events) buys nothing.
 */
export class RenderBudget {
  private readonly limiter: UserLimiter;

  constructor(private readonly options: RenderBudgetOptions) {
    this.limiter = new UserLimiter({
      name: 'render-units',
      points: toPoints(options.units),
      durationSeconds: options.windowSeconds,
      message: `Render budget of ${options.units} units per ${describeWindow(options.windowSeconds)} spent`,
      redis: options.redis,
      prefix: options.prefix,
    });
  }

  /** Reserves `units` for `user`: RATE_LIMITED when the window has no room, BUDGET_EXCEEDED when it never could. */
  async reserve(user: string, units: number): Promise<void> {
    if (units <= 0) return;
    if (units > this.options.units) throw new BudgetExceededError(units, this.options.units);
    await this.limiter.consume(user, toPoints(units));
  }

  /** Ends a reservation: what was not billed goes back, anything billed over it is taken. */
  settle(user: string, reservedUnits: number, billedUnits: number): Promise<void> {
    return this.limiter.refund(user, toPoints(reservedUnits) - toPoints(billedUnits));
  }
}

function describeWindow(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} h`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} min`;
  return `${seconds} s`;
}
