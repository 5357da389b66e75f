import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from './lib/load.js';
import { GATEWAY_COMMAND, procStatus, processTree, startServing, type ServingProcess } from './lib/processes.js';
import { benchGatewayEnv, RenderSequence, startFakeRenderIt, startRenderRig } from './lib/render-rig.js';
import { checkLine, mib, type BenchReport, type Check } from './lib/report.js';

const SETTLE_MS = 3_000;
const LOAD_SECONDS = Number(process.env['BENCH_RSS_LOAD_SECONDS'] ?? '15');
const AVATARS = 300;
const IMAGE = `query Image($id: ID!, $pose: ID!, $quality: ImageQuality!) { avatar(id: $id) { image(pose: $pose, quality: $quality) { url width height } } }`;

const show = (bytes: number) => `${mib(bytes).toFixed(1)} MiB`;

async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const line = raw.split('\0').filter(Boolean).join(' ');
  return line.length > 70 ? `${line.slice(0, 67)}...` : line;
}

/**
 * (d) Resident memory of the serving process, started as production starts it
 * (BENCH_GATEWAY_COMMAND, default `node --import tsx src/server.ts`) with the production
 * configuration of the other load benches: VmRSS from /proc/<pid>/status once idle after
 * start-up (3 s after it first answers, before any GraphQL request), then after a run of
 * uncached renders at 10 connections (and VmHWM, the peak).
 * BENCH_GATEWAY_COMMAND must start the serving process itself (not a wrapper), since its pid is
 * the one read. Then the whole process tree of `npm start` with the same environment, idle
 * likewise, for comparison
 * (npm and tsx are processes of their own there; their RSS adds up, shared pages counted twice).
 */
export async function run(): Promise<BenchReport> {
  const lines: string[] = [`command: ${GATEWAY_COMMAND}`];
  let idle = 0;
  // Idle: started and settled, before any GraphQL request.
  const rig = await startRenderRig(AVATARS, {}, async (gateway) => {
    await sleep(SETTLE_MS);
    idle = (await procStatus(gateway.pid)).rss;
  });
  try {
    const renders = new RenderSequence(rig.avatars, rig.poses);
    const load = await runLoad({
      url: `${rig.gateway.url}/graphql`,
      headers: { authorization: `Bearer ${rig.client.token}` },
      body: () => {
        const r = renders.next();
        return JSON.stringify({ query: IMAGE, variables: { id: r.avatar.id, pose: r.pose, quality: r.quality } });
      },
      accept: (body) => body.includes('"url"') && !body.includes('"errors"'),
      seconds: LOAD_SECONDS,
    });
    if (load.failures > 0) throw new Error(`${load.failures} of ${load.requests} renders failed`);
    const loaded = await procStatus(rig.gateway.pid);
    lines.push(
      `serving process idle: ${show(idle)} VmRSS`,
      `after ${load.requests.toLocaleString('en')} uncached renders (${LOAD_SECONDS} s at 10 connections): ${show(loaded.rss)} VmRSS, peak ${show(loaded.peakRss)} VmHWM`,
    );
  } finally {
    await rig.stop();
  }
  lines.push(...(await npmStartTree()));
  const checks: Check[] = [{ label: 'serving process idle RSS', value: mib(idle), op: '<=', target: 110, unit: 'MiB' }];
  lines.push(...checks.map(checkLine));
  return { name: 'RSS of the serving process (VmRSS from /proc/<pid>/status)', lines, checks };
}

async function npmStartTree(): Promise<string[]> {
  const fake = await startFakeRenderIt(8);
  let npm: ServingProcess | undefined;
  try {
    npm = await startServing('npm start', benchGatewayEnv(fake.url));
    await sleep(SETTLE_MS);
    const pids = await processTree(npm.pid);
    const lines = ['`npm start` process tree, idle:'];
    let total = 0;
    for (const pid of pids) {
      const { rss } = await procStatus(pid).catch(() => ({ rss: 0 }));
      total += rss;
      lines.push(`  ${show(rss).padStart(10)}  ${await commandLine(pid)}`);
    }
    lines.push(`  ${show(total).padStart(10)}  in all (${pids.length} processes)`);
    // npm does not always pass SIGTERM on through its shell: end each process of the tree, by pid.
    for (const pid of pids.reverse()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    return lines;
  } finally {
    await npm?.stop();
    await fake.stop();
  }
}
