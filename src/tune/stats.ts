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

/** The finite values of a series, sorted ascending (a new typed array). */
export function sortedValues(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) out[j++] = v;
  }
  return out.sort();
}

/** The p-th percentile (0-100) of sorted values, interpolating linearly between ranks. */
export function percentileOf(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Median absolute deviation, scaled by 1.4826 so that it estimates σ for normal data. */
export function madOf(sorted: Float64Array, median: number): number {
  const deviations = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) deviations[i] = Math.abs(sorted[i]! - median);
  deviations.sort();
  return 1.4826 * percentileOf(deviations, 50);
}

export function summarise(values: Float64Array, sorted: Float64Array = sortedValues(values)): HistorySummary {
  const n = sorted.length;
  return {
    slots: values.length,
    n,
    missingPercent: values.length === 0 ? 100 : round(100 * (1 - n / values.length), 1),
    min: n ? sorted[0]! : NaN,
    p50: percentileOf(sorted, 50),
    p90: percentileOf(sorted, 90),
    p99: percentileOf(sorted, 99),
    max: n ? sorted[n - 1]! : NaN,
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
