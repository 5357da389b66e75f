import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { ImageRecord } from '../avatars/avatar-record.js';
import type { Context } from '../context.js';
import { UnauthenticatedError } from '../errors/app-error.js';
import { imageRecordsOf, saveImageRecords } from './image-records.js';
import { jobKey, type RenderJob } from './render-job.js';
import { renderMeterOf } from './render-meter.js';
import { resolveRenders } from './render-runner.js';

export type RenderLoader = DataLoader<RenderJob, ImageRecord[], string>;

/**
 * The operation's one render loader: every `image`, `images`, `animation`, `frames` and group
 * render of an operation goes through it, so identical jobs render once and stills are batched
 * into Multi calls. Dispatch waits for setImmediate rather than the next tick, so fields whose
 * parents resolved in the same I/O turn (e.g. several avatars read from Redis) share a batch.
 */
export const renderLoaderOf = createContextCache((ctx: Context): RenderLoader => {
  const { renders, renderIt, images } = ctx.services;
  return new DataLoader<RenderJob, ImageRecord[], string>(
    async (jobs) => {
      const ownerId = ctx.viewer?.userId;
      if (!ownerId) throw new UnauthenticatedError();
      const meter = renderMeterOf(ctx);
      const results = await resolveRenders({ renderIt, cache: renders.cache, settings: renders.settings, meter }, jobs);
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
});

/** Loads one job through the operation's loader; marks the operation as one that renders. */
export function loadRender(ctx: Context, job: RenderJob): Promise<ImageRecord[]> {
  renderMeterOf(ctx).touched = true;
  return renderLoaderOf(ctx).load(job);
}
