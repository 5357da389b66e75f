import { groupKey, type RenderJob } from './render-job.js';

/** One upstream call and the jobs (by index in the batch) it answers, in call order. */
export type PlannedCall =
  | { method: 'single'; jobs: [number] }
  | { method: 'multi'; jobs: number[] }
  | { method: 'animated'; jobs: [number] }
  | { method: 'frames'; jobs: [number] };

/**
 * Turns one batch of distinct jobs into as few calls as the API allows: stills showing the same
 * people at the same quality share Multi Images calls of up to `maxPosesPerCall` poses; a lone
 * still uses Single Image; animations and frames have no batch method, one call each.
 */
export function planCalls(jobs: readonly RenderJob[], maxPosesPerCall: number): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const groups = new Map<string, number[]>();
  jobs.forEach((job, index) => {
    if (job.kind === 'animation') calls.push({ method: 'animated', jobs: [index] });
    else if (job.kind === 'frames') calls.push({ method: 'frames', jobs: [index] });
    else {
      const key = groupKey(job);
      const group = groups.get(key);
      if (group) group.push(index);
      else groups.set(key, [index]);
    }
  });
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; start += maxPosesPerCall) {
      const chunk = group.slice(start, start + maxPosesPerCall);
      calls.push(chunk.length === 1 ? { method: 'single', jobs: [chunk[0]!] } : { method: 'multi', jobs: chunk });
    }
  }
  return calls;
}
