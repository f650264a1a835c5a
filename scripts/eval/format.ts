/** Number formats for the report: fixed, so that the same results always print the same. */
import type { Comparison } from './types.js';

/** A share as a whole percentage, or — when undefined (no incidents). */
export function percent(share: number, decimals = 0): string {
  return Number.isNaN(share) ? '—' : `${(100 * share).toFixed(decimals)}%`;
}

/** A number with one decimal. */
export function fixed1(v: number): string {
  return v.toFixed(1);
}

/** Minutes, rounded, or — when undefined. */
export function minutes(v: number): string {
  return Number.isNaN(v) ? '—' : `${Math.round(v)} min`;
}

/** A threshold as people write it: up to four significant digits, no trailing zeros. */
export function threshold(v: number): string {
  // NaN stands for an anomaly detection band: the alarm has no single number.
  if (Number.isNaN(v)) return 'band';
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const short = Number(v.toPrecision(4));
  // Rounded up to the next power of ten, a threshold could read as a bound: 99.996 as 100, which
  // a percentage never exceeds (0.99996 as a rate's 1). Such a value keeps up to six digits.
  const magnitude = (x: number) => Math.floor(Math.log10(Math.abs(x)));
  return String(magnitude(short) !== magnitude(v) ? Number(v.toPrecision(6)) : short);
}

const OPERATORS: Record<Comparison, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

/** `>`, `≥`, `<` or `≤`. */
export function operator(c: Comparison): string {
  return OPERATORS[c];
}

/** A Markdown table from a header and rows (cells must not contain `|`). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
