import { describe, expect, it } from 'vitest';
import type { Pose } from '../../src/poses/catalog.js';
import type { RenderJob } from '../../src/renders/render-job.js';
import { planCalls } from '../../src/renders/render-plan.js';

const pose = (key: string, kind: Pose['kind'] = 'STILL'): Pose => ({
  key,
  provider: 'ZEPETO',
  kind,
  ratio: 1,
  tags: [],
  ...(kind === 'ANIMATED' ? { durationSeconds: 2 } : {}),
});
const still = (key: string, zepetoIds = ['z1'], quality: RenderJob['quality'] = 'W640'): RenderJob => ({
  kind: 'still',
  quality,
  pose: pose(key),
  targets: zepetoIds.map((zepetoId) => ({ zepetoId, avatarId: `a-${zepetoId}` })),
});

describe('planCalls', () => {
  it('sends 25 poses of one avatar as Multi calls of 10, 10 and 5, keeping job order', () => {
    const jobs = Array.from({ length: 25 }, (_, i) => still(`P${i}`));
    const calls = planCalls(jobs, 10);
    expect(calls.map((c) => c.method)).toEqual(['multi', 'multi', 'multi']);
    expect(calls.flatMap((c) => c.jobs)).toEqual(jobs.map((_, i) => i));
  });

  it('groups by targets and quality: different people or sizes never share a call', () => {
    const jobs = [still('A'), still('B', ['z2']), still('C'), still('D', ['z1'], 'W320'), still('E', ['z1', 'z2']), still('F', ['z2', 'z1'])];
    const calls = planCalls(jobs, 10);
    expect(calls).toEqual([
      { method: 'multi', jobs: [0, 2] },
      { method: 'single', jobs: [1] },
      { method: 'single', jobs: [3] },
      { method: 'single', jobs: [4] },
      { method: 'single', jobs: [5] },
    ]);
  });

  it('gives animations and frames a call each', () => {
    const animation: RenderJob = { ...still('X'), kind: 'animation', pose: pose('X', 'ANIMATED'), fps: 5 };
    const frames: RenderJob = { ...animation, kind: 'frames' };
    expect(planCalls([animation, frames, animation], 10)).toEqual([
      { method: 'animated', jobs: [0] },
      { method: 'frames', jobs: [1] },
      { method: 'animated', jobs: [2] },
    ]);
  });
});
