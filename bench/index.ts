/**
 * `npm run bench`: every benchmark side by side in one run, on loopback only. Each module
 * exports `run()` returning report lines; ratios are measured within the same run.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface BenchReport {
  name: string;
  lines: string[];
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  const mod = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<BenchReport> };
  if (typeof mod.run !== 'function') continue;
  const started = Date.now();
  try {
    const report = await mod.run();
    console.log(`\n## ${report.name}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const line of report.lines) console.log(`  ${line}`);
  } catch (err) {
    failed++;
    console.log(`\n## ${file} FAILED: ${(err as Error).stack ?? String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
