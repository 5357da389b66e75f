import type { CallerOptions } from '../upstreams/caller.js';
import type { RenderItClient } from '../upstreams/render-it/client.js';
import type { RenderResult } from './render-cache.js';
import { frameCountOf, type RenderJob } from './render-job.js';
import type { PlannedCall } from './render-plan.js';

export type RenderMethods = Pick<RenderItClient, 'renderSingle' | 'renderMulti' | 'renderAnimated' | 'renderFrames'>;

export interface CallContext {
  renderIt: RenderMethods;
  /** How long Render-it keeps a URL (from the render settings). */
  urlLifetimeMs: number;
  /** The operation's deadline and the user the call is for (fair TPS turns). */
  options: CallerOptions;
  now: () => number;
}

/** One upstream call; its answers in the order of `callJobs`. */
export async function sendCall(ctx: CallContext, call: PlannedCall, callJobs: RenderJob[]): Promise<RenderResult[]> {
  const first = callJobs[0]!;
  const base = { quality: first.quality, targets: first.targets.map((t) => t.zepetoId) };
  const { options } = ctx;
  // Counted from before the call: the URL is made during it, so this errs on the early side.
  const expiresAt = ctx.now() + ctx.urlLifetimeMs;
  const fps = first.fps ?? 1;
  switch (call.method) {
    case 'single': {
      const { url } = await ctx.renderIt.renderSingle({ ...base, poseId: first.pose.key }, options);
      return [{ urls: [url], frameCount: null, expiresAt }];
    }
    case 'multi': {
      const { images } = await ctx.renderIt.renderMulti({ ...base, poseIds: callJobs.map((job) => job.pose.key) }, options);
      return images.map((image) => ({ urls: [image.url], frameCount: null, expiresAt }));
    }
    case 'animated': {
      const { url, frameCount } = await ctx.renderIt.renderAnimated({ ...base, poseId: first.pose.key, fps }, options);
      return [{ urls: [url], frameCount: frameCount ?? frameCountOf(first.pose, fps), expiresAt }];
    }
    case 'frames': {
      const { frames } = await ctx.renderIt.renderFrames({ ...base, poseId: first.pose.key, fps }, options);
      return [{ urls: frames, frameCount: frames.length, expiresAt }];
    }
  }
}

/** Images Render-it billed for one job of a finished call. */
export function billedImages(job: RenderJob, result: RenderResult): number {
  if (job.kind === 'still') return 1;
  return result.frameCount ?? result.urls.length;
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

/** Promise.withResolvers, which Node 20 lacks. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
