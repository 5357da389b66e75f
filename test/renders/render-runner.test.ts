import { describe, expect, it, vi } from 'vitest';
import { BudgetExceededError } from '../../src/errors/app-error.js';
import type { Pose } from '../../src/poses/catalog.js';
import { RenderCache } from '../../src/renders/render-cache.js';
import { RenderClaims } from '../../src/renders/render-claims.js';
import type { RenderJob } from '../../src/renders/render-job.js';
import { RenderMeter } from '../../src/renders/render-meter.js';
import type { RenderMethods } from '../../src/renders/render-calls.js';
import { resolveRenders } from '../../src/renders/render-runner.js';
import type { RenderSettings } from '../../src/renders/render-settings.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { UpstreamServerError } from '../../src/upstreams/errors.js';

const settings: RenderSettings = {
  deadlineMs: 5_000,
  budgetUnits: undefined,
  urlLifetimeMs: 3_600_000,
  cacheTtlMs: 3_000_000,
  maxPosesPerCall: 10,
  batching: true,
};

const pose = (key: string, durationSeconds?: number): Pose => ({
  key,
  provider: 'ZEPETO',
  kind: durationSeconds ? 'ANIMATED' : 'STILL',
  ratio: 1,
  tags: [],
  durationSeconds,
});
const targets = [{ zepetoId: 'z1', avatarId: 'a1' }];
const still = (key: string): RenderJob => ({ kind: 'still', quality: 'W640', targets, pose: pose(key) });

/** A fake Render-it: every answer is a distinct URL; `fail` lists poses whose call fails. */
function fakeRenderIt(fail: string[] = []) {
  let n = 0;
  const url = () => `https://cdn.test/${++n}.png`;
  const methods = {
    renderSingle: vi.fn(async (req: { poseId: string }, _options?: unknown) => {
      if (fail.includes(req.poseId)) throw new UpstreamServerError('render-it', 500, undefined);
      return { url: url() };
    }),
    renderMulti: vi.fn(async (req: { poseIds: readonly string[] }) => {
      if (req.poseIds.some((p) => fail.includes(p))) throw new UpstreamServerError('render-it', 500, undefined);
      return { images: req.poseIds.map((poseId) => ({ poseId, url: url() })) };
    }),
    renderAnimated: vi.fn(async () => ({ url: url(), frameCount: 12 })),
    renderFrames: vi.fn(async () => ({ frames: [url(), url()] })),
  } satisfies RenderMethods;
  const calls = () => Object.values(methods).reduce((sum, m) => sum + m.mock.calls.length, 0);
  return { methods, calls };
}

function setup(options: { fail?: string[]; budget?: number } = {}) {
  const renderIt = fakeRenderIt(options.fail);
  const store = new MemoryStore();
  const cache = new RenderCache(store, settings.cacheTtlMs);
  const claims = new RenderClaims(store, cache, true);
  const deps = (meter = new RenderMeter(options.budget, settings.deadlineMs)) => ({ renderIt: renderIt.methods, cache, claims, settings, meter });
  return { renderIt, cache, deps };
}

const urlsOf = (results: Array<{ urls: string[] } | Error>) => results.map((r) => (r instanceof Error ? r : r.urls[0]));

describe('resolveRenders', () => {
  it('answers in job order and reuses finished renders without a call', async () => {
    const { renderIt, deps } = setup();
    const first = await resolveRenders(deps(), [still('A'), still('B'), still('C')]);
    expect(renderIt.calls()).toBe(1);
    const meter = new RenderMeter(undefined, 5_000);
    const again = await resolveRenders(deps(meter), [still('C'), still('A')]);
    expect(urlsOf(again)).toEqual([urlsOf(first)[2], urlsOf(first)[0]]);
    expect(renderIt.calls()).toBe(1);
    expect(meter.summary()).toEqual({ images: 0, units: 0, usd: 0 });
  });

  it('shares a render in flight between two operations', async () => {
    const { renderIt, deps } = setup();
    const [a, b] = await Promise.all([resolveRenders(deps(), [still('A')]), resolveRenders(deps(), [still('A')])]);
    expect(renderIt.calls()).toBe(1);
    expect(urlsOf(b)).toEqual(urlsOf(a));
  });

  it('refuses the whole batch over budget before any call, still serving reused renders', async () => {
    const { renderIt, deps } = setup({ budget: 2 });
    await resolveRenders(deps(), [still('A')]);
    const results = await resolveRenders(deps(), [still('A'), still('B'), still('C'), still('D')]);
    expect(renderIt.calls()).toBe(1);
    expect(results[0]).not.toBeInstanceOf(Error);
    for (const refused of results.slice(1)) {
      expect(refused).toBeInstanceOf(BudgetExceededError);
      expect(refused).toMatchObject({ estimatedUnits: 3, budgetUnits: 2 });
    }
  });

  it('fails only the jobs of a failed call, caches nothing for them and frees their reservation', async () => {
    const { renderIt, deps } = setup({ fail: ['B'] });
    const meter = new RenderMeter(3, 5_000);
    const jobs: RenderJob[] = [still('A'), { ...still('B'), targets: [{ zepetoId: 'z2', avatarId: 'a2' }] }];
    const results = await resolveRenders(deps(meter), jobs);
    expect(results[0]).not.toBeInstanceOf(Error);
    expect(results[1]).toBeInstanceOf(UpstreamServerError);
    expect(meter.summary()).toEqual({ images: 1, units: 1, usd: 0.001 });
    // The freed unit is spendable again within the same operation.
    expect(() => meter.reserve(2)).not.toThrow();
    await resolveRenders(deps(), [jobs[1]!]).catch(() => undefined);
    expect(renderIt.methods.renderSingle).toHaveBeenCalledTimes(3);
  });

  it('bills animations per frame as Render-it reports them', async () => {
    const { deps } = setup();
    const meter = new RenderMeter(undefined, 5_000);
    const animation: RenderJob = { kind: 'animation', quality: 'W320', targets, pose: pose('X', 1), fps: 10 };
    const frames: RenderJob = { ...animation, kind: 'frames' };
    const [apng, pngs] = (await resolveRenders(deps(meter), [animation, frames])) as Array<{ urls: string[]; frameCount: number }>;
    expect(apng!.frameCount).toBe(12);
    expect(pngs!.urls).toHaveLength(2);
    // All of it an estimate: Render-it does not publish how it bills animations.
    expect(meter.summary()).toEqual({ images: 14, units: 7, usd: 0.007, estimated: { images: 14, units: 7, usd: 0.007 } });
  });

  it('passes the operation deadline to every call', async () => {
    const { renderIt, deps } = setup();
    const meter = new RenderMeter(undefined, 5_000, 1_000);
    await resolveRenders(deps(meter), [still('A')]);
    expect(renderIt.methods.renderSingle.mock.calls[0]![1]).toEqual({ deadline: 6_000 });
  });
});

describe('resolveRenders across instances (claims in a shared store)', () => {
  /** Two "instances": their own caches and in-flight maps, one store. */
  function twoInstances() {
    const store = new MemoryStore();
    const one = fakeRenderIt();
    const two = fakeRenderIt();
    const deps = (renderIt: ReturnType<typeof fakeRenderIt>) => {
      const cache = new RenderCache(store, settings.cacheTtlMs);
      return { renderIt: renderIt.methods, cache, claims: new RenderClaims(store, cache, true), settings, meter: new RenderMeter(undefined, settings.deadlineMs) };
    };
    return { one, two, depsOne: deps(one), depsTwo: deps(two) };
  }

  it('lets only the instance holding the claim render; the other waits for its result at no cost', async () => {
    const { one, two, depsOne, depsTwo } = twoInstances();
    const jobs = [still('P1'), still('P2')];
    const [a, b] = await Promise.all([resolveRenders(depsOne, jobs), resolveRenders(depsTwo, jobs)]);
    expect(one.calls() + two.calls()).toBe(1);
    expect(urlsOf(b)).toEqual(urlsOf(a));
    expect([depsOne.meter.summary().units, depsTwo.meter.summary().units].sort()).toEqual([0, 2]);
  });

  it('renders itself when the instance holding the claim gives up without a result', async () => {
    const { two, depsOne, depsTwo } = twoInstances();
    const job = still('P9');
    const { cacheKeyOf } = await import('../../src/renders/render-job.js');
    // Instance one claimed the render, then failed: its claim goes away and no result is stored.
    const failed = new Promise((resolve) => setTimeout(resolve, 100));
    const { mine } = await depsOne.claims.claim([{ key: cacheKeyOf(job), result: failed }], Date.now() + 5_000);
    expect(mine).toHaveLength(1);
    const [result] = await resolveRenders(depsTwo, [job]);
    expect(result).not.toBeInstanceOf(Error);
    expect(two.calls()).toBe(1);
    expect(depsTwo.meter.summary().units).toBe(1);
  });
});
