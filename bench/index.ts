/**
 * `npm run bench`: every benchmark case in one run, on loopback only; `npm run bench -- <case>`
 * runs the cases whose file name contains <case> (`single-image`, `render-gallery`, `upload`,
 * `memory-store`, `rss`, `render-scaling`). Each case module exports `run()`; the ratios it holds
 * to targets are measured within the same run. The summary table at the end lists every check;
 * the exit code is non-zero when a case failed or a check misses its target by more than 25%.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FAIL_MARGIN, formatValue, table, verdict, type BenchReport } from './lib/report.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = (await readdir(dir)).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_')).sort();
const files = all.filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.log(`no case matches ${only.join(' ')}; cases: ${all.map((f) => f.replace(/\.ts$/, '')).join(', ')}`);
  process.exit(2);
}

const summary = [['case', 'check', 'measured', 'target', 'verdict']];
let failed = 0;
const runStarted = Date.now();
for (const file of files) {
  const mod = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<BenchReport> };
  if (typeof mod.run !== 'function') continue;
  const name = file.replace(/\.ts$/, '');
  const started = Date.now();
  try {
    const report = await mod.run();
    console.log(`\n## ${report.name}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const line of report.lines) console.log(`  ${line}`);
    for (const check of report.checks ?? []) {
      const v = verdict(check);
      if (v === 'FAILS') failed++;
      summary.push([name, check.label, formatValue(check.value, check.unit), `${check.op} ${formatValue(check.target, check.unit)}`, v]);
    }
  } catch (err) {
    failed++;
    summary.push([name, '(the case did not finish)', '-', '-', 'FAILS']);
    console.log(`\n## ${file} FAILED: ${(err as Error).stack ?? String(err)}`);
  }
}
console.log(`\n## summary (${((Date.now() - runStarted) / 1000).toFixed(0)} s; FAILS = worse than the target by more than ${FAIL_MARGIN * 100}%)`);
for (const line of table(summary)) console.log(`  ${line}`);
process.exit(failed ? 1 : 0);
