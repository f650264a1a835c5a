import quickselect from 'quickselect';

/** Summary of a metric's history, as THRESHOLDS.md shows it. */
export interface HistorySummary {
  /** Slots in the lookback. */
  slots: number;
  /** Real datapoints among them. */
  n: number;
  missingPercent: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The finite values of a series, in their order (a new typed array). */
export function finiteValues(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) out[j++] = v;
  }
  return out;
}

/** The finite values of a series, sorted ascending (a new typed array). */
export function sortedValues(values: Float64Array): Float64Array {
  return finiteValues(values).sort();
}

/** The p-th percentile (0-100) of sorted values, interpolating linearly between ranks. */
export function percentileOf(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/**
 * The p-th percentiles (0-100, ascending) of finite values in any order: what `percentileOf`
 * gives for the same values sorted, to the bit (the sign of a zero included), by selection
 * rather than sorting. Rearranges `values`.
 *
 * Why not sort: tuning takes medians of every series, its days and its hours (two weeks of
 * minutes is 20,160 values). Measured on such series, a selection costs 0.17–0.32 ms where
 * `Float64Array.prototype.sort` costs 0.54–1.4 ms; with history, sorts were 29% of a
 * 2,500-resource run's CPU.
 */
export function percentilesOf(values: Float64Array, ps: readonly number[]): number[] {
  const at = ranks(values);
  return ps.map((p) => interpolated(at, values.length, p));
}

/** The p-th percentile from the sorted values' ranks, as `percentileOf` computes it. */
function interpolated(at: (k: number) => number, n: number, p: number): number {
  if (n === 0) return NaN;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const a = at(lo);
  return a + (at(Math.ceil(rank)) - a) * (rank - lo);
}

/**
 * The sorted values' k-th, for any k, by selection. Each rank selected splits the values (all
 * before it are not larger, all after not smaller), so a later one is selected only between the
 * nearest ranks already in place: ranks asked in ascending order cost one pass over what is left
 * above the last. Rearranges `values`.
 */
function ranks(values: Float64Array): (k: number) => number {
  // quickselect's types say T[]; it only indexes and swaps, which a typed array does the same.
  const arr = values as unknown as number[];
  const last = values.length - 1;
  /** Ranks in place, ascending. */
  const placed: number[] = [];
  // Values that sort before +0 (negatives and −0): selection sees −0 and +0 as equal, the sort
  // puts every −0 first, so a zero at rank k is −0 when k is below this count. Counted once, when
  // a zero is first selected.
  let belowZero = -1;
  return (k) => {
    let i = 0;
    while (i < placed.length && placed[i]! < k) i++;
    if (placed[i] !== k) {
      const left = i > 0 ? placed[i - 1]! + 1 : 0;
      const right = i < placed.length ? placed[i]! - 1 : last;
      // At either end of its range (the least or greatest value, or the rank next to one in
      // place, as an interpolated percentile asks), one scan finds it.
      if (k === left) swap(values, k, extreme(values, left, right, -1));
      else if (k === right) swap(values, k, extreme(values, left, right, 1));
      else quickselect(arr, k, left, right, ascending);
      placed.splice(i, 0, k);
    }
    const v = arr[k]!;
    if (v !== 0) return v;
    if (belowZero < 0) {
      belowZero = 0;
      for (let j = 0; j <= last; j++) if (arr[j]! < 0 || Object.is(arr[j], -0)) belowZero++;
    }
    return k < belowZero ? -0 : 0;
  };
}

/** The p-th percentile of finite values in any order: see `percentilesOf`. Rearranges `values`. */
export function percentileOfValues(values: Float64Array, p: number): number {
  return percentilesOf(values, [p])[0]!;
}

/** Where the least (`sign` −1) or greatest (+1) of `values[left..right]` is. */
function extreme(values: Float64Array, left: number, right: number, sign: 1 | -1): number {
  let at = left;
  for (let i = left + 1; i <= right; i++) if (sign * values[i]! > sign * values[at]!) at = i;
  return at;
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}

function ascending(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Median absolute deviation, scaled by 1.4826 so that it estimates σ for normal data. The
 * values may be in any order.
 */
export function madOf(values: Float64Array, median: number): number {
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs(values[i]! - median);
  return 1.4826 * percentileOfValues(deviations, 50);
}

export function summarise(values: Float64Array): HistorySummary {
  const finite = finiteValues(values);
  const n = finite.length;
  const at = ranks(finite);
  // Ranks asked in ascending order: each selection works on what is left above the last.
  const min = n ? at(0) : NaN;
  const [p50, p90, p99] = [50, 90, 99].map((p) => interpolated(at, n, p));
  return {
    slots: values.length,
    n,
    missingPercent: values.length === 0 ? 100 : round(100 * (1 - n / values.length), 1),
    min,
    p50: p50!,
    p90: p90!,
    p99: p99!,
    max: n ? at(n - 1) : NaN,
  };
}

/**
 * Rounds to a number of significant digits, for numbers people read. Through the decimal text,
 * so that the result prints exactly (93700000, never 93700000.00000001).
 */
export function roundSignificant(v: number, digits = 3): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(digits));
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}
