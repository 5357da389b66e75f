import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';

/** Linux's USER_HZ: /proc counts CPU time in 1/100 s. */
const TICKS_PER_SECOND = 100;

interface CpuSample {
  at: number;
  /** Busy ticks of the whole machine (steal included: time the hypervisor gave elsewhere). */
  busy: number;
  /** Ticks of the bench's own processes. */
  ours: number;
}

async function sample(pids: readonly number[]): Promise<CpuSample> {
  const [cpu] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const [, user, nice, system, , , irq, softirq, steal] = cpu!.split(/\s+/).map(Number);
  let ours = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, 12th and 13th after the command name.
    ours += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return { at: performance.now(), busy: user! + nice! + system! + irq! + softirq! + steal!, ours };
}

/**
 * How much of the machine something other than the bench used between start() and the call
 * it returns: the noise a shared machine adds to a round (other engineers' test runs, say).
 */
export async function foreignCpu(pids: readonly number[]): Promise<() => Promise<number>> {
  const start = await sample(pids);
  return async () => {
    const end = await sample(pids);
    const capacity = ((end.at - start.at) / 1000) * TICKS_PER_SECOND * availableParallelism();
    return Math.max(0, (end.busy - start.busy - (end.ours - start.ours)) / capacity);
  };
}
