import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

/** The repository root: children run from it, as `npm start` does. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * How the serving process is started, as production would: `node --import tsx src/server.ts`
 * today; BENCH_GATEWAY_COMMAND replaces it (e.g. `node dist/server.js` once there is a build).
 */
export const GATEWAY_COMMAND = (process.env['BENCH_GATEWAY_COMMAND'] ?? 'node --import tsx src/server.ts').trim();

export interface Child {
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** A bench child process (a TypeScript file under bench/lib/) that reports `{ type: 'ready', url }` over IPC. */
export async function forkChild(file: string, env: Record<string, string>): Promise<Child> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const ready = (await Promise.race([once(child, 'message'), exited.then(() => [undefined])])) as [{ url: string } | undefined];
  if (!ready[0]) throw new Error(`${file} exited before it was ready`);
  return {
    process: child,
    url: ready[0].url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.disconnect();
        await exited;
      }
    },
  };
}

/** A free loopback port (there is a small race until the child binds it; fine on a bench machine). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServingProcess {
  /** The process started by the command (the serving process itself for `node ...`). */
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a gateway with `command` (split on spaces) and `env` on top of a clean environment
 * (PATH and HOME only: the shell's PORT, REDIS_URL or keys never leak into a measurement), and
 * waits for `/healthz`. Its stdout (the banner) is dropped; stderr is kept for the error message.
 */
export async function startServing(command: string, env: Record<string, string>): Promise<ServingProcess> {
  const port = await freePort();
  const [bin, ...args] = command.split(/\s+/);
  const child = spawn(bin!, args, {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`\`${command}\` exited with ${child.exitCode}: ${stderr}`);
    const ok = await request(`${url}/healthz`).then(
      async (res) => (await res.body.dump(), res.statusCode === 200),
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`\`${command}\` did not answer /healthz within 60 s: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    pid: child.pid!,
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ProcStatus {
  name: string;
  /** Resident set now (VmRSS), bytes. */
  rss: number;
  /** Peak resident set since start (VmHWM), bytes. */
  peakRss: number;
}

/** A process's memory from /proc/<pid>/status (Linux). */
export async function procStatus(pid: number): Promise<ProcStatus> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => text.match(new RegExp(`^${name}:\\s*(.+)$`, 'm'))?.[1]?.trim() ?? '';
  const kib = (name: string) => Number(field(name).replace(/\s*kB$/, '')) * 1024;
  return { name: field('Name'), rss: kib('VmRSS'), peakRss: kib('VmHWM') };
}

/** `pid` and all its descendants, parents first (from the ppid field of /proc/<pid>/stat). */
export async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name is in parentheses and may hold spaces: the ppid is the second field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isFinite(ppid)) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const visit = (p: number) => {
    tree.push(p);
    for (const c of parents.get(p) ?? []) visit(c);
  };
  visit(pid);
  return tree;
}
