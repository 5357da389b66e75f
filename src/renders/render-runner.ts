import type { RenderItClient } from '../upstreams/render-it/client.js';
import { costUnits } from '../upstreams/render-it/pricing.js';
import type { RenderCache, RenderResult } from './render-cache.js';
import { cacheKeyOf, estimatedUnitsOf, frameCountOf, type RenderJob } from './render-job.js';
import type { RenderMeter } from './render-meter.js';
import { planCalls, type PlannedCall } from './render-plan.js';
import type { RenderSettings } from './render-settings.js';

export type RenderMethods = Pick<RenderItClient, 'renderSingle' | 'renderMulti' | 'renderAnimated' | 'renderFrames'>;

export interface RunnerDeps {
  renderIt: RenderMethods;
  cache: RenderCache;
  settings: RenderSettings;
  meter: RenderMeter;
  /** @default Date.now */
  now?: () => number;
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/**
 * Resolves one batch of distinct jobs. Each is reused from the cache, joined if another
 * operation of this process is rendering it, or rendered; what must be rendered is checked
 * against the budget as a whole before any call, then sent as planned by `planCalls`.
 * Results come in job order, failures as Error values (DataLoader's contract).
 */
export async function resolveRenders(deps: RunnerDeps, jobs: readonly RenderJob[]): Promise<Array<RenderResult | Error>> {
  const now = deps.now ?? Date.now;
  const keys = jobs.map(cacheKeyOf);
  // The cache only saves work: when the store is away, render instead of failing the batch.
  const cached = await Promise.all(keys.map((key) => deps.cache.get(key).catch(() => undefined)));
  const results: Array<Promise<RenderResult>> = [];
  const fresh: number[] = [];
  // From here to the `track` calls nothing awaits, so two batches cannot both start the same render.
  jobs.forEach((_job, i) => {
    const hit = cached[i];
    const joined = deps.cache.pending(keys[i]!);
    if (hit && hit.expiresAt > now()) results[i] = Promise.resolve(hit);
    else if (joined) results[i] = joined;
    else fresh.push(i);
  });
  if (fresh.length > 0) startRenders(deps, jobs, keys, fresh, results);
  return Promise.all(results.map((result) => result.catch(asError)));
}

function startRenders(
  deps: RunnerDeps,
  jobs: readonly RenderJob[],
  keys: string[],
  fresh: number[],
  results: Array<Promise<RenderResult>>,
): void {
  const freshJobs = fresh.map((i) => jobs[i]!);
  const estimates = freshJobs.map(estimatedUnitsOf);
  try {
    deps.meter.reserve(estimates.reduce((sum, units) => sum + units, 0));
  } catch (err) {
    for (const i of fresh) results[i] = Promise.reject(err);
    return;
  }
  // Registered as in flight now, before anything awaits, so this process never starts a render
  // twice; what fills each one is decided below, once the cross-instance claims are known.
  const answers = freshJobs.map(() => deferred<RenderResult>());
  fresh.forEach((i, j) => {
    results[i] = deps.cache.track(keys[i]!, answers[j]!.promise);
  });
  void renderOrWait(deps, freshJobs, fresh.map((i) => keys[i]!), estimates, answers, fresh.map((i) => results[i]!));
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
    deps.meter.settle(estimates[j]!, { images: 0, units: 0 });
    void deps.cache.awaitElsewhere(keys[j]!, deps.meter.deadline).then(
      (result) => {
        if (result) return answers[j]!.resolve(result);
        // The other instance gave up: render it here after all, within this operation's budget.
        try {
          deps.meter.reserve(estimates[j]!);
        } catch (err) {
          return answers[j]!.reject(err);
        }
        sendPlanned(deps, [jobs[j]!], [estimates[j]!], [answers[j]!]);
      },
      (err: unknown) => answers[j]!.reject(err),
    );
  }
}

/** Sends `jobs` (already reserved against the budget) as planned calls; settles each answer. */
function sendPlanned(deps: RunnerDeps, jobs: RenderJob[], estimates: number[], answers: Array<Deferred<RenderResult>>): void {
  for (const call of planCalls(jobs, deps.settings.maxPosesPerCall)) {
    const callJobs = call.jobs.map((j) => jobs[j]!);
    const reserved = call.jobs.reduce((sum, j) => sum + estimates[j]!, 0);
    sendCall(deps, call, callJobs).then(
      (results) => {
        const images = callJobs.reduce((sum, job, k) => sum + billedImages(job, results[k]!), 0);
        deps.meter.settle(reserved, { images, units: costUnits(callJobs[0]!.quality, images) });
        call.jobs.forEach((j, k) => answers[j]!.resolve(results[k]!));
      },
      (err: unknown) => {
        // Render-it bills images, and a failed call made none.
        deps.meter.settle(reserved, { images: 0, units: 0 });
        for (const j of call.jobs) answers[j]!.reject(err);
      },
    );
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

/** Promise.withResolvers, which Node 20 lacks. */
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function billedImages(job: RenderJob, result: RenderResult): number {
  if (job.kind === 'still') return 1;
  return result.frameCount ?? result.urls.length;
}

/** One upstream call; its answers in the order of `callJobs`. */
async function sendCall(deps: RunnerDeps, call: PlannedCall, callJobs: RenderJob[]): Promise<RenderResult[]> {
  const now = deps.now ?? Date.now;
  const first = callJobs[0]!;
  const base = { quality: first.quality, targets: first.targets.map((t) => t.zepetoId) };
  const options = { deadline: deps.meter.deadline };
  // Counted from before the call: the URL is made during it, so this errs on the early side.
  const expiresAt = now() + deps.settings.urlLifetimeMs;
  const fps = first.fps ?? 1;
  switch (call.method) {
    case 'single': {
      const { url } = await deps.renderIt.renderSingle({ ...base, poseId: first.pose.key }, options);
      return [{ urls: [url], frameCount: null, expiresAt }];
    }
    case 'multi': {
      const { images } = await deps.renderIt.renderMulti({ ...base, poseIds: callJobs.map((job) => job.pose.key) }, options);
      return images.map((image) => ({ urls: [image.url], frameCount: null, expiresAt }));
    }
    case 'animated': {
      const { url, frameCount } = await deps.renderIt.renderAnimated({ ...base, poseId: first.pose.key, fps }, options);
      return [{ urls: [url], frameCount: frameCount ?? frameCountOf(first.pose, fps), expiresAt }];
    }
    case 'frames': {
      const { frames } = await deps.renderIt.renderFrames({ ...base, poseId: first.pose.key, fps }, options);
      return [{ urls: frames, frameCount: frames.length, expiresAt }];
    }
  }
}
