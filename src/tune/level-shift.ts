import { daySpans, isoDay } from './days.js';
import type { Timeline } from './days.js';
import { madOf, percentileOf, percentileOfValues } from './stats.js';

/** A lasting change of the metric's level: where the current regime starts, and the levels either side. */
export interface LevelShift {
  /** First slot of the current regime. */
  from: number;
  /** Its first day, as an ISO date. */
  since: string;
  /** Median of the daily medians before and after. */
  before: number;
  after: number;
}

/** Days a regime must have lasted, on both sides, before the change counts: a weekend is two days, and must not count. */
const MIN_DAYS = 3;

/**
 * Finds the most recent lasting level shift in a history (a deploy that changed the normal, a
 * client that moved away), so that tuning uses only the current regime. Works on daily medians,
 * which a daily rhythm does not move: a shift is a split of the days where every day after it
 * lies on the far side of the midpoint between the two levels, every day before on the near
 * side, at least three days each, and the levels differ by more than four times the day-to-day
 * variation and by more than a tenth. A weekly rhythm (two quiet weekend days) and a one-day
 * incident are not shifts; a slow ramp has no clean split.
 *
 * `sooner` lets a change that has lasted fewer days count (its `afterDays`, at least one), but
 * only while the new level stays short of `short` (oriented by `sign`: below it for an alarm on
 * high values): for an alarm tuned well below its default, such as CPU with a low floor, a rise
 * that lasts a whole day and stays short of saturation is a new normal (a heavier release), and
 * waiting three days kept the alarm on, or flapping, for those days. Measured on NAB's
 * realAWSCloudwatch CPU series, nightly, with the CPU alarms' floor at 10: time in ALARM outside
 * the labelled windows 7.8% -> 2.5%, false episodes 3.9 -> 0.9 per 30 days, recall 40% both. The
 * built-in CPU alarms use it with their floor at half of AWS's value: on the eval corpus's five
 * CPU scenarios, nightly, recall 94% -> 98% and false episodes 6.3 -> 2.1 per 30 days.
 * A change past `short` (saturation) keeps the three days: it keeps paging. The earlier days must
 * still all lie on the near side, so a first weekend or holiday is a shift only in a history
 * without an earlier one.
 */
export function levelShift(values: Float64Array, timeline: Timeline, sooner?: { afterDays: number; sign: 1 | -1; short: number }): LevelShift | undefined {
  const days: { from: number; median: number; day: number }[] = [];
  const buffer = new Float64Array(Math.ceil(86_400 / timeline.period) + 1);
  for (const [day, from, to] of daySpans(timeline, values.length)) {
    let n = 0;
    for (let i = from; i < to; i++) if (values[i] === values[i]) buffer[n++] = values[i]!;
    // A day mostly without data says little about its level.
    if (n < 0.25 * (to - from)) continue;
    days.push({ from, day, median: percentileOfValues(buffer.subarray(0, n), 50) });
  }
  const fewest = Math.max(1, Math.min(MIN_DAYS, sooner?.afterDays ?? MIN_DAYS));
  for (let s = days.length - fewest; s >= MIN_DAYS; s--) {
    const before = Float64Array.from(days.slice(0, s).map((d) => d.median)).sort();
    const after = Float64Array.from(days.slice(s).map((d) => d.median)).sort();
    const mb = percentileOf(before, 50);
    const ma = percentileOf(after, 50);
    const residuals = Float64Array.from([...before.map((m) => m - mb), ...after.map((m) => m - ma)]).sort();
    const spread = madOf(residuals, 0);
    const gap = Math.abs(ma - mb);
    if (gap <= 4 * spread || gap <= 0.1 * Math.max(Math.abs(ma), Math.abs(mb))) continue;
    const mid = (ma + mb) / 2;
    const far = (m: number) => (ma > mb ? m > mid : m < mid);
    if (days.length - s < MIN_DAYS && !(sooner && sooner.sign * ma < sooner.sign * sooner.short)) continue;
    if (after.every(far) && before.every((m) => !far(m))) return { from: days[s]!.from, since: isoDay(days[s]!.day), before: mb, after: ma };
  }
  return undefined;
}
