import DataLoader from 'dataloader';
import { UnauthenticatedError, ValidationError } from '../errors/app-error.js';
import { imageRecordsOf, saveImageRecords } from './image-records.js';
import { jobKey, type RenderJob } from './render-job.js';
import { renderMeterOf, type RenderMeter } from './render-meter.js';
import { resolveRenders } from './render-runner.js';
import type { ImageRecord } from '../images/image-record.js';
import type { RenderScope } from './render-scope.js';

type RenderLoader = DataLoader<RenderJob, ImageRecord[], string>;

/** One loader per render scope, i.e. per meter (an operation, or one subscription event). */
const loaders = new WeakMap<RenderMeter, RenderLoader>();

/**
 * The operation's one render loader: every `image`, `images`, `animation`, `frames` and group
 * render of an operation goes through it, so identical jobs render once and stills are batched
 * into Multi calls. Dispatch waits for setImmediate rather than the next tick, so fields whose
 * parents resolved in the same I/O turn (e.g. several avatars read from Redis) share a batch.
 */
function renderLoaderOf(scope: RenderScope): RenderLoader {
  const meter = renderMeterOf(scope);
  let loader = loaders.get(meter);
  if (!loader) {
    loader = createRenderLoader(scope, meter);
    loaders.set(meter, loader);
  }
  return loader;
}

function createRenderLoader(scope: RenderScope, meter: RenderMeter): RenderLoader {
  const { renders, renderIt, images, limits } = scope.services;
  return new DataLoader<RenderJob, ImageRecord[], string>(
    async (jobs) => {
      const ownerId = scope.viewer?.userId;
      if (!ownerId) throw new UnauthenticatedError();
      if (meter.refused) return jobs.map(() => new ValidationError('Not rendered: another render field of this operation has invalid arguments'));
      const results = await resolveRenders(
        { renderIt, cache: renders.cache, claims: renders.claims, settings: renders.settings, meter, user: ownerId, budget: limits.renderBudget },
        jobs,
      );
      return Promise.all(
        results.map((result, i) =>
          result instanceof Error
            ? result
            : saveImageRecords(images, imageRecordsOf(ownerId, jobs[i]!, result)).catch((err: unknown) => err as Error),
        ),
      );
    },
    {
      cacheKeyFn: jobKey,
      batch: renders.settings.batching,
      batchScheduleFn: (dispatch) => setImmediate(dispatch),
    },
  );
}

/** Loads one job through the operation's loader; marks the operation as one that renders. */
export function loadRender(scope: RenderScope, job: RenderJob): Promise<ImageRecord[]> {
  renderMeterOf(scope).touched = true;
  return renderLoaderOf(scope).load(job);
}
