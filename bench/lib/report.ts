/**
 * What every bench case returns, and how a measured ratio is held to its target. A ratio that
 * misses its target is reported; one that misses it by more than FAIL_MARGIN (worse than the
 * target by 25%) fails the run, so a regression shows as a non-zero exit of `npm run bench`
 * while ordinary noise does not.
 */
export const FAIL_MARGIN = 0.25;

export interface Check {
  /** What is measured, e.g. `uncached / bare Yoga req/s`. */
  label: string;
  value: number;
  /** `>=`: higher is better; `<=`: lower is better. */
  op: '>=' | '<=';
  target: number;
  /** How the value is printed. @default 'x' */
  unit?: 'x' | 'MiB';
}

export interface BenchReport {
  name: string;
  lines: string[];
  checks?: Check[];
}

export type Verdict = 'meets' | 'misses' | 'FAILS';

export function verdict(check: Check): Verdict {
  const { value, op, target } = check;
  if (op === '>=' ? value >= target : value <= target) return 'meets';
  const failsAt = op === '>=' ? target * (1 - FAIL_MARGIN) : target * (1 + FAIL_MARGIN);
  return (op === '>=' ? value < failsAt : value > failsAt) ? 'FAILS' : 'misses';
}

export function formatValue(value: number, unit: Check['unit'] = 'x'): string {
  return unit === 'MiB' ? `${value.toFixed(1)} MiB` : `${value.toFixed(2)}x`;
}

/** One line per check: the ratio, the target it is held to and the verdict. */
export function checkLine(check: Check): string {
  return `${check.label}: ${formatValue(check.value, check.unit)}  (target ${check.op} ${formatValue(check.target, check.unit)}: ${verdict(check)})`;
}

export const mib = (bytes: number): number => bytes / 1024 / 1024;

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Left-aligned text columns. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
