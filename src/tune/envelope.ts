import { daySpans, isoDay } from './days.js';
import type { Timeline } from './days.js';
import { madOf, percentileOf, percentileOfValues } from './stats.js';

/** How the envelope policy reached its threshold, in the oriented scale (see `orientation`). */
export interface Envelope {
  value: number;
  /** The normal peak it clears: the worst day's, once the worst day (a possible incident) is set aside. */
  base: number;
  margin: number;
  /** The median datapoint: where normal is. */
  center: number;
  /** Robust day-to-day variation of the daily peaks. */
  spread: number;
  /** Days with a peak, and the days set aside as possible incidents. */
  days: number;
  droppedDays: string[];
  /** The slots of the days set aside (1), for the checks that follow. */
  droppedSlots: Uint8Array;
  /** The peaks do not vary at all, and there is no whole-number step: no margin to give. */
  flat: boolean;
  /** The margin is the counting noise of the peak (2√peak), wider than the other rules give. */
  counting: boolean;
}

/** Where normal is (the median datapoint, oriented) and whether it is a whole-number metric (a count). */
export interface Normal {
  center: number;
  whole: boolean;
  /**
   * A count of events (a Sum or SampleCount of one metric): its datapoints vary at least as a
   * Poisson count does, by about √n around n, whatever two weeks happened to show. Decided by
   * the statistic, not by the values being whole: a rule that switched with the values would
   * move the threshold between nights for nothing.
   */
  events: boolean;
}

/** The median and kind of a history's datapoints outside the slots set aside; values are raw, the center oriented. */
export function normalOf(values: Float64Array, sign: 1 | -1, setAside: Uint8Array, counts = false): Normal {
  const clean = new Float64Array(values.length);
  let n = 0;
  let whole = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v || setAside[i]) continue;
    clean[n++] = sign * v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  return { center: percentileOfValues(clean.subarray(0, n), 50), whole, events: counts };
}

/** Days of history the envelope needs, whatever the period: enough to know a day's peak from an incident's. */
export const ENVELOPE_MIN_DAYS = 2;

/**
 * The envelope policy: the threshold just clear of normal, for this alarm's evaluation.
 *
 * Each day's peak is the tightest threshold that would have stayed quiet that day (the highest
 * breach level, see `breachLevels`), leaving out slots set aside as past incidents. The worst
 * day is set aside too, as a possible incident nobody was paged for, when it stands out from the
 * others; the highest remaining peak is the normal peak. The threshold clears it by a margin
 * that grows with how much peaks vary from day to day (two robust standard deviations: a month
 * of days seldom goes further), by at least a quarter of how far the peak is above the median
 * datapoint; for a whole-number metric (a count) the next whole number above the peak breaches
 * at least. A count of events clears its peak by at least its counting noise, 2√peak: two weeks
 * of a busy function's errors (0–3 a minute) show a worst minute of 1 or 2, and a month shows
 * a few more, as chance alone; a threshold one error above the fortnight's worst paged for them
 * (docs/alarm-quality.md, the busy and slow-burn error counts: 6.4 and 5.1 false alarms per
 * 30 days nightly before this rule, 0 after). A history whose peaks do not vary at all gives no
 * margin: `flat`.
 *
 * Levels are oriented: higher is closer to breaching.
 */
export function envelope(levels: Float64Array, normal: Normal, timeline: Timeline, setAside: Uint8Array, strict: boolean): Envelope | { reason: string } {
  const historyDays = (levels.length * timeline.period) / 86_400;
  const peaks: { day: number; peak: number; at: number }[] = [];
  for (const [day, from, to] of daySpans(timeline, levels.length)) {
    let peak = -Infinity;
    let at = from;
    for (let i = from; i < to; i++) {
      if (!setAside[i] && levels[i]! > peak && levels[i]! !== Infinity) {
        peak = levels[i]!;
        at = i;
      }
    }
    if (peak > -Infinity) peaks.push({ day, peak, at });
  }
  if (peaks.length < ENVELOPE_MIN_DAYS) {
    return { reason: `the alarm could fire on only ${peaks.length} day${peaks.length === 1 ? '' : 's'} of the history (needs ${ENVELOPE_MIN_DAYS})` };
  }
  const { center, whole } = normal;
  const byPeak = [...peaks].sort((a, b) => b.peak - a.peak);
  const fit = (kept: typeof peaks) => {
    const base = kept[0]!.peak;
    const sorted = Float64Array.from(kept.map((p) => p.peak)).sort();
    const spread = madOf(sorted, percentileOf(sorted, 50));
    // For a whole-number metric (a count), the next whole number above the peak breaches: `> peak`, or `>= peak + 1`.
    const other = Math.max(2 * spread, 0.25 * Math.max(0, base - center), whole && !strict ? 1 : 0);
    const noise = normal.events ? 2 * Math.sqrt(Math.abs(base)) : 0;
    return { base, spread, margin: Math.max(other, noise), counting: noise > other };
  };
  // The worst days are set aside as possible incidents when they stand out: when a threshold
  // fitted to the other days (two at least) would still page on each of them. About one event a
  // week of history at most (rounded up: two in 8 to 14 days), as many incidents as can hide in
  // it without being normal (see set-aside.ts for the same assumption); an event is a day,
  // with the day next to it when their peaks are within six hours (one incident across
  // midnight). They are judged together, so that two incidents in one lookback do not make each
  // other look normal, and never so that the days left are flat. Days that do not stand out are
  // normal, and count.
  const events: (typeof peaks)[] = [];
  for (const p of byPeak) {
    const same = events.find((e) => e.some((q) => Math.abs(q.day - p.day) === 1 && Math.abs(q.at - p.at) * timeline.period <= 6 * 3600));
    if (same && same.length === 1) same.push(p);
    else events.push([p]);
  }
  let dropped: typeof peaks = [];
  for (let k = Math.max(1, Math.ceil(historyDays / 7)); k >= 1 && dropped.length === 0; k--) {
    const candidate = events.slice(0, k).flat();
    const rest = byPeak.filter((p) => !candidate.includes(p));
    if (rest.length < 2) continue;
    const fitted = fit(rest);
    // Days left with no range at all cannot say what normal is: then the days set aside were
    // the normal variation (deploys, batches), not incidents.
    if (!(fitted.margin > 0) && !(whole && strict)) continue;
    if (events.slice(0, k).every((e) => Math.max(...e.map((q) => q.peak)) > fitted.base + fitted.margin)) dropped = candidate;
  }
  const { base, spread, margin, counting } = fit(byPeak.filter((p) => !dropped.includes(p)));
  const droppedSlots = new Uint8Array(levels.length);
  for (const [day, from, to] of daySpans(timeline, levels.length)) if (dropped.some((d) => d.day === day)) droppedSlots.fill(1, from, to);
  const flat = !(margin > 0) && !(whole && strict);
  return { value: base + margin, base, margin, center, spread, days: peaks.length, droppedDays: dropped.map((d) => isoDay(d.day)), droppedSlots, flat, counting };
}
