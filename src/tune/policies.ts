import type { Comparison, TuningSpec } from '../blueprints/types.js';
import { backtest } from './backtest.js';
import type { AlarmShape } from './backtest.js';
import { madOf, percentileOf, roundSignificant, sortedValues } from './stats.js';
import { numberInTag } from '../util/numbers.js';

export const DEFAULT_LOOKBACK_DAYS = 14;

/** A policy's answer: a threshold and why, or no threshold and why not. */
export type PolicyResult = { value: number; reason: string } | { value?: undefined; reason: string };

function upper(comparison: Comparison): boolean {
  return comparison.startsWith('Greater');
}

/**
 * The number a relative-to-tag tuning's tag gives on a resource: undefined when the resource has
 * no such tag or its value is not a number (which counts as no tag: see `withoutTag`).
 */
export function tagReference(t: TuningSpec, tags: ReadonlyMap<string, string>): number | undefined {
  const raw = tags.get(t.tag!);
  return raw === undefined ? undefined : numberInTag(raw);
}

/**
 * Applies a tuning policy to a metric's history (already cut to the lookback). Headroom
 * moves the threshold away from normal: up for alarms on high values, down for alarms on
 * low ones. Floor and ceiling bound the result, which is rounded to three significant digits.
 */
export function applyPolicy(
  t: TuningSpec,
  values: Float64Array | undefined,
  shape: Omit<AlarmShape, 'threshold'>,
  tags: ReadonlyMap<string, string>,
  sortedHistory?: Float64Array,
): PolicyResult {
  const result = policyThreshold(t, values, shape, tags, sortedHistory);
  // Tags and metric history are data: a tag of 1.7e308 times a fraction above 1, or headroom on
  // values near the largest double, overflows. No output can hold the result, so it is no
  // threshold (the default stays), never a number the writers refuse.
  if (result.value !== undefined && !Number.isFinite(result.value)) return { reason: `${result.reason}: too large to be a threshold` };
  return result;
}

function policyThreshold(
  t: TuningSpec,
  values: Float64Array | undefined,
  shape: Omit<AlarmShape, 'threshold'>,
  tags: ReadonlyMap<string, string>,
  sortedHistory?: Float64Array,
): PolicyResult {
  const isUpper = upper(shape.comparison);
  const headroom = t.headroom ?? 1;
  const away = (v: number) => (isUpper ? v * headroom : v / headroom);
  const bound = (v: number) => {
    let out = roundSignificant(v);
    if (t.floor !== undefined && out < t.floor) out = t.floor;
    if (t.ceiling !== undefined && out > t.ceiling) out = t.ceiling;
    return out;
  };
  const bounds = `${t.floor !== undefined ? `, floor ${t.floor}` : ''}${t.ceiling !== undefined ? `, ceiling ${t.ceiling}` : ''}`;

  if (t.policy === 'relative-to-tag') {
    const raw = tags.get(t.tag!)?.trim();
    if (raw === undefined) return { reason: `no ${t.tag} tag on the resource` };
    const n = numberInTag(raw);
    if (n === undefined) return { reason: `tag ${t.tag} is not a number (${JSON.stringify(raw)})` };
    return { value: bound(n * t.fraction!), reason: `${t.fraction} × ${t.tag} (${raw})${bounds}` };
  }
  if (t.policy === 'static') return { reason: 'static policy' };

  if (!values) return { reason: 'no metric history' };
  const sorted = sortedHistory ?? sortedValues(values);
  // How much history is enough is decided before a policy runs (see decide.ts).
  if (sorted.length === 0) return { reason: 'no datapoints in the history' };
  const h = headroom !== 1 ? ` × ${isUpper ? '' : '1/'}${headroom} headroom` : '';

  switch (t.policy) {
    case 'percentile': {
      const p = t.percentile!;
      const { kept, dropped } = withoutIncidents(sorted);
      const q = percentileOf(kept, p);
      const without = dropped > 0 ? ` without ${dropped} outlying datapoint${dropped === 1 ? '' : 's'} (past incidents)` : '';
      return { value: bound(away(q)), reason: `p${p} of history${without} (${roundSignificant(q)})${h}${bounds}` };
    }
    case 'robust': {
      const median = percentileOf(sorted, 50);
      const mad = madOf(sorted, median);
      const base = isUpper ? median + t.k! * mad : median - t.k! * mad;
      return { value: bound(away(base)), reason: `median ${roundSignificant(median)} ${isUpper ? '+' : '−'} ${t.k} × MAD ${roundSignificant(mad)}${h}${bounds}` };
    }
    case 'noise-budget': {
      const found = tightestWithin(values, sorted, shape, t.maxEpisodes!);
      return {
        value: bound(away(found)),
        reason: `tightest threshold with at most ${t.maxEpisodes} episode${t.maxEpisodes === 1 ? '' : 's'} over the lookback (${roundSignificant(found)})${h}${bounds}`,
      };
    }
  }
  return { reason: 'unknown policy' };
}

/**
 * History usually contains past incidents, and a high percentile of it would learn them as
 * normal (a one-hour backlog is 0.3% of two weeks of minutes, above p99.9). Values further
 * than 10 MADs from the median are set aside as incidents, as long as they are rare (at most
 * 1% of the datapoints); otherwise they are part of normal and all values are kept.
 */
export function withoutIncidents(sorted: Float64Array): { kept: Float64Array; dropped: number } {
  const median = percentileOf(sorted, 50);
  const limit = 10 * Math.max(madOf(sorted, median), 1e-12);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi && median - sorted[lo]! > limit) lo++;
  while (hi > lo && sorted[hi - 1]! - median > limit) hi--;
  const dropped = sorted.length - (hi - lo);
  if (dropped === 0 || dropped > 0.01 * sorted.length) return { kept: sorted, dropped: 0 };
  return { kept: sorted.subarray(lo, hi), dropped };
}

/**
 * The tightest threshold (lowest for alarms on high values, highest for low ones) whose
 * backtest has at most `budget` episodes. Episodes do not strictly decrease as the threshold
 * loosens (an episode can split in two), so this bisects over the observed values and then
 * steps on while the budget is still exceeded.
 */
function tightestWithin(values: Float64Array, sorted: Float64Array, shape: Omit<AlarmShape, 'threshold'>, budget: number): number {
  const isUpper = upper(shape.comparison);
  // Candidates from tightest to loosest, ending beyond every value (which never breaches).
  const unique = [...new Set(sorted)];
  if (!isUpper) unique.reverse();
  const last = unique[unique.length - 1]!;
  unique.push(last + (isUpper ? 1 : -1) * (Math.abs(last) * 1e-6 + 1e-9));
  const fits = (i: number) => backtest(values, { ...shape, threshold: unique[i]! }).episodes <= budget;
  let lo = 0;
  let hi = unique.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  while (lo < unique.length - 1 && !fits(lo)) lo++;
  return unique[lo]!;
}
