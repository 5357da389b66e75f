import type { RenderBudget } from '../limits/render-budget.js';
import { costUnits } from '../upstreams/render-it/pricing.js';
import type { RenderCache, RenderResult } from './render-cache.js';
import { billedImages, deferred, sendCall, type Deferred, type RenderMethods } from './render-calls.js';
import { cacheKeyOf, estimatedUnitsOf, type RenderJob } from './render-job.js';
import type { RenderMeter } from './render-meter.js';
import { planCalls } from './render-plan.js';
import type { RenderSettings } from './render-settings.js';

export interface RunnerDeps {
  renderIt: RenderMethods;
  cache: RenderCache;
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
  const fresh: number[] = [];
  jobs.forEach((_job, i) => {
    const hit = cached[i];
    const joined = deps.cache.pending(keys[i]!);
    if (hit && hit.expiresAt > now()) results[i] = Promise.resolve(hit);
    else if (joined) results[i] = joined.catch(asError);
    else fresh.push(i);
  });
  if (fresh.length > 0) await startRenders(deps, jobs, keys, fresh, results);
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
function settle(deps: RunnerDeps, reservedUnits: number, billed: { images: number; units: number }): void {
  deps.meter.settle(reservedUnits, billed);
  // A refund that cannot be written only leaves the user less room until the window ends.
  if (deps.budget && deps.user !== undefined) void deps.budget.settle(deps.user, reservedUnits, billed.units).catch(() => undefined);
}

async function startRenders(
  deps: RunnerDeps,
  jobs: readonly RenderJob[],
  keys: string[],
  fresh: number[],
  results: Array<Promise<Outcome>>,
): Promise<void> {
  const estimates = fresh.map((i) => estimatedUnitsOf(jobs[i]!));
  try {
    await reserve(deps, sum(estimates));
  } catch (err) {
    for (const i of fresh) results[i] = Promise.resolve(asError(err));
    return;
  }
  // The user's reservation awaited the store: another operation of this process may have started
  // some of these renders meanwhile. Join those (their share goes back) rather than render twice.
  const mine: number[] = [];
  fresh.forEach((i, j) => {
    const joined = deps.cache.pending(keys[i]!);
    if (joined) {
      settle(deps, estimates[j]!, NOTHING);
      results[i] = joined.catch(asError);
    } else {
      mine.push(j);
    }
  });
  if (mine.length === 0) return;
  // From here to the `track` calls nothing awaits, so two batches cannot both start the same render.
  // Registered as in flight now, so this process never starts a render twice; what fills each
  // one is decided below, once the cross-instance claims are known.
  const answers = mine.map(() => deferred<RenderResult>());
  const tracked = mine.map((j, k) => deps.cache.track(keys[fresh[j]!]!, answers[k]!.promise));
  mine.forEach((j, k) => {
    results[fresh[j]!] = tracked[k]!.catch(asError);
  });
  void renderOrWait(
    deps,
    mine.map((j) => jobs[fresh[j]!]!),
    mine.map((j) => keys[fresh[j]!]!),
    mine.map((j) => estimates[j]!),
    answers,
    tracked,
  );
}

/**
 * Claims each fresh job across instances. Claimed jobs are rendered here (grouped into calls by
 * `planCalls`); the others are awaited from the instance holding their claim, cost this
 * operation nothing, and are rendered here only if that instance gives up.
 */
async function renderOrWait(
  deps: RunnerDeps,
  jobs: RenderJob[],
  keys: string[],
  estimates: number[],
  answers: Array<Deferred<RenderResult>>,
  tracked: Array<Promise<RenderResult>>,
): Promise<void> {
  // A store that is away must not stop rendering: then every job counts as claimed.
  const claimed = await Promise.all(keys.map((key) => deps.cache.claim(key, deps.meter.deadline).catch(() => true)));
  const mine = jobs.map((_job, j) => j).filter((j) => claimed[j]);
  for (const j of mine) {
    const release = () => deps.cache.release(keys[j]!).catch(() => undefined);
    tracked[j]!.then(release, release);
  }
  sendPlanned(
    deps,
    mine.map((j) => jobs[j]!),
    mine.map((j) => estimates[j]!),
    mine.map((j) => answers[j]!),
  );
  for (const j of jobs.map((_job, k) => k).filter((k) => !claimed[k])) {
    settle(deps, estimates[j]!, NOTHING);
    void deps.cache.awaitElsewhere(keys[j]!, deps.meter.deadline).then(
      async (result) => {
        if (result) return answers[j]!.resolve(result);
        // The other instance gave up: render it here after all, within this operation's budgets.
        await reserve(deps, estimates[j]!);
        sendPlanned(deps, [jobs[j]!], [estimates[j]!], [answers[j]!]);
      },
    ).catch((err: unknown) => answers[j]!.reject(err));
  }
}

/** Sends `jobs` (already reserved against the budgets) as planned calls; settles each answer. */
function sendPlanned(deps: RunnerDeps, jobs: RenderJob[], estimates: number[], answers: Array<Deferred<RenderResult>>): void {
  const context = {
    renderIt: deps.renderIt,
    urlLifetimeMs: deps.settings.urlLifetimeMs,
    options: { deadline: deps.meter.deadline, user: deps.user },
    now: deps.now ?? Date.now,
  };
  for (const call of planCalls(jobs, deps.settings.maxPosesPerCall)) {
    const callJobs = call.jobs.map((j) => jobs[j]!);
    const reserved = sum(call.jobs.map((j) => estimates[j]!));
    sendCall(context, call, callJobs).then(
      (results) => {
        const images = sum(callJobs.map((job, k) => billedImages(job, results[k]!)));
        settle(deps, reserved, { images, units: costUnits(callJobs[0]!.quality, images) });
        call.jobs.forEach((j, k) => answers[j]!.resolve(results[k]!));
      },
      (err: unknown) => {
        // Render-it bills images, and a failed call made none.
        settle(deps, reserved, NOTHING);
        for (const j of call.jobs) answers[j]!.reject(err);
      },
    );
  }
}
