import type { RenderBudget } from '../limits/render-budget.js';
import { costUnits } from '../upstreams/render-it/pricing.js';
import type { RenderCache, RenderResult } from './render-cache.js';
import { billedImages, deferred, sendCall, type Deferred, type RenderMethods } from './render-calls.js';
import type { RenderClaims } from './render-claims.js';
import { cacheKeyOf, estimatedUnitsOf, isCostEstimated, type RenderJob } from './render-job.js';
import type { RenderMeter } from './render-meter.js';
import { planCalls } from './render-plan.js';
import type { RenderSettings } from './render-settings.js';

export interface RunnerDeps {
  renderIt: RenderMethods;
  cache: RenderCache;
  claims: RenderClaims;
  settings: RenderSettings;
  meter: RenderMeter;
  /** The app user the renders are for: billed to their budget, queued in their own TPS turns. */
  user?: string;
  /** Units per user per window (RENDER_USER_BUDGET_UNITS); absent when turned off. */
  budget?: RenderBudget;
  /** @default Date.now */
  now?: () => number;
}

type Outcome = RenderResult | Error;

/** A job of the batch that nothing cached or in flight answers: this batch must see it rendered. */
interface FreshJob {
  /** Its place in the batch (and in the answer). */
  index: number;
  job: RenderJob;
  /** Its key in the shared cache, and of its claim. */
  key: string;
}

/** One render this batch started: reserved in both budgets until it settles. */
interface PendingRender extends FreshJob {
  /** Units reserved for it. */
  estimate: number;
  /** Filled by whoever renders it: a call of this batch, or the instance holding its claim. */
  answer: Deferred<RenderResult>;
  /** The answer as the cache tracks it (stored once it comes): what the batch's callers get. */
  result: Promise<RenderResult>;
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
const NOTHING = { images: 0, units: 0 };
const sum = (units: number[]) => units.reduce((total, n) => total + n, 0);

/**
 * Resolves one batch of distinct jobs. Each is reused from the cache, joined if another
 * operation of this process is rendering it, or rendered; what must be rendered is reserved as
 * a whole against the operation's budget and the user's before any call, then sent as planned
 * by `planCalls`. Results come in job order, failures as Error values (DataLoader's contract).
 */
export async function resolveRenders(deps: RunnerDeps, jobs: readonly RenderJob[]): Promise<Outcome[]> {
  const now = deps.now ?? Date.now;
  const keys = jobs.map(cacheKeyOf);
  // The cache only saves work: when the store is away, render instead of failing the batch.
  const cached = await Promise.all(keys.map((key) => deps.cache.get(key).catch(() => undefined)));
  const results: Array<Promise<Outcome>> = [];
  const fresh: FreshJob[] = [];
  jobs.forEach((job, index) => {
    const hit = cached[index];
    const joined = deps.cache.pending(keys[index]!);
    if (hit && hit.expiresAt > now()) results[index] = Promise.resolve(hit);
    else if (joined) results[index] = joined.catch(asError);
    else fresh.push({ index, job, key: keys[index]! });
  });
  if (fresh.length > 0) await startRenders(deps, fresh, results);
  return Promise.all(results);
}

/** Reserves `units` against the operation's budget, then the user's; on a refusal nothing stays reserved. */
async function reserve(deps: RunnerDeps, units: number): Promise<void> {
  deps.meter.reserve(units);
  if (!deps.budget || deps.user === undefined) return;
  try {
    await deps.budget.reserve(deps.user, units);
  } catch (err) {
    deps.meter.settle(units, NOTHING);
    throw err;
  }
}

/** Ends a reservation in both budgets: what was billed is spent, the rest is freed. */
function settle(deps: RunnerDeps, reservedUnits: number, billed: { images: number; units: number; estimated?: boolean }): void {
  deps.meter.settle(reservedUnits, billed);
  // A refund that cannot be written only leaves the user less room until the window ends.
  if (deps.budget && deps.user !== undefined) void deps.budget.settle(deps.user, reservedUnits, billed.units).catch(() => undefined);
}

async function startRenders(deps: RunnerDeps, fresh: FreshJob[], results: Array<Promise<Outcome>>): Promise<void> {
  const estimates = fresh.map((f) => estimatedUnitsOf(f.job));
  try {
    await reserve(deps, sum(estimates));
  } catch (err) {
    for (const f of fresh) results[f.index] = Promise.resolve(asError(err));
    return;
  }
  // The user's reservation awaited the store: another operation of this process may have started
  // some of these renders meanwhile. Join those (their share goes back) rather than render twice.
  // From here to the last `track` nothing awaits, so two batches cannot both start the same render.
  const pending: PendingRender[] = [];
  fresh.forEach((f, j) => {
    const joined = deps.cache.pending(f.key);
    if (joined) {
      settle(deps, estimates[j]!, NOTHING);
      results[f.index] = joined.catch(asError);
      return;
    }
    // In flight from now on, so this process never starts it twice; who fills the answer is
    // decided below, once the cross-instance claims are known.
    const answer = deferred<RenderResult>();
    const render: PendingRender = { ...f, estimate: estimates[j]!, answer, result: deps.cache.track(f.key, answer.promise) };
    results[f.index] = render.result.catch(asError);
    pending.push(render);
  });
  if (pending.length > 0) void renderOrAwait(deps, pending);
}

/**
 * Claims each render across instances. Claimed ones are rendered here (grouped into calls by
 * `planCalls`); the others are awaited from the instance holding their claim, cost this
 * operation nothing, and are rendered here only if that instance gives up.
 */
async function renderOrAwait(deps: RunnerDeps, pending: PendingRender[]): Promise<void> {
  const { deadline } = deps.meter;
  const { mine, elsewhere } = await deps.claims.claim(pending, deadline);
  sendPlanned(deps, mine);
  for (const render of elsewhere) {
    settle(deps, render.estimate, NOTHING);
    void deps.claims
      .awaitElsewhere(render.key, deadline)
      .then(async (result) => {
        if (result) return render.answer.resolve(result);
        // The other instance gave up: render it here after all, within this operation's budgets.
        await reserve(deps, render.estimate);
        sendPlanned(deps, [render]);
      })
      .catch((err: unknown) => render.answer.reject(err));
  }
}

/** Sends renders (already reserved against the budgets) as planned calls; settles each answer. */
function sendPlanned(deps: RunnerDeps, renders: PendingRender[]): void {
  const context = {
    renderIt: deps.renderIt,
    urlLifetimeMs: deps.settings.urlLifetimeMs,
    options: { deadline: deps.meter.deadline, user: deps.user },
    now: deps.now ?? Date.now,
  };
  for (const call of planCalls(renders.map((r) => r.job), deps.settings.maxPosesPerCall)) {
    const batch = call.jobs.map((j) => renders[j]!);
    const reserved = sum(batch.map((r) => r.estimate));
    sendCall(context, call, batch.map((r) => r.job)).then(
      (results) => {
        const images = sum(batch.map((r, k) => billedImages(r.job, results[k]!)));
        // A call is all stills or one animation, so the whole call is exact or an estimate.
        settle(deps, reserved, { images, units: costUnits(batch[0]!.job.quality, images), estimated: isCostEstimated(batch[0]!.job) });
        batch.forEach((r, k) => r.answer.resolve(results[k]!));
      },
      (err: unknown) => {
        // Render-it bills images, and a failed call made none.
        settle(deps, reserved, NOTHING);
        for (const r of batch) r.answer.reject(err);
      },
    );
  }
}
