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
  try {
    deps.meter.reserve(freshJobs.reduce((sum, job) => sum + estimatedUnitsOf(job), 0));
  } catch (err) {
    for (const i of fresh) results[i] = Promise.reject(err);
    return;
  }
  for (const call of planCalls(freshJobs, deps.settings.maxPosesPerCall)) {
    const callJobs = call.jobs.map((j) => freshJobs[j]!);
    const reserved = callJobs.reduce((sum, job) => sum + estimatedUnitsOf(job), 0);
    const answer = sendCall(deps, call, callJobs).then(
      (answers) => {
        const images = callJobs.reduce((sum, job, k) => sum + billedImages(job, answers[k]!), 0);
        deps.meter.settle(reserved, { images, units: costUnits(callJobs[0]!.quality, images) });
        return answers;
      },
      (err: unknown) => {
        // Render-it bills images, and a failed call made none.
        deps.meter.settle(reserved, { images: 0, units: 0 });
        throw err;
      },
    );
    call.jobs.forEach((j, k) => {
      const i = fresh[j]!;
      results[i] = deps.cache.track(keys[i]!, answer.then((answers) => answers[k]!));
    });
  }
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
