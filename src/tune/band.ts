import { formatNumber } from '../util/numbers.js';
import { backtest, evaluationRange } from './backtest.js';
import type { AlarmShape } from './backtest.js';
import type { Evaluation } from './breach-levels.js';
import { checkCandidate } from './checks.js';
import type { Timeline } from './days.js';
import { exact } from './round.js';
import { madOf, percentileOfValues } from './stats.js';
import { setAsidePaged } from './set-aside.js';

/** Which side of the band an anomaly detection alarm fires on. */
export type BandSide = 'upper' | 'lower' | 'both';

/** An anomaly detection alarm's band: `ANOMALY_DETECTION_BAND(m, width)`, and the side it fires on. */
export interface AnomalyBand {
  /** Standard deviations of the band (CloudWatch's second argument). */
  width: number;
  side: BandSide;
  /** The band is over `FILL(m1, fill)`: a period without datapoints counts as `fill` (`tuning.bandFill`). */
  fill?: number;
  /**
   * The stretches of the history tuning took for past incidents when it chose the width: the
   * CloudFormation anomaly detector leaves them out of CloudWatch's model too, so that the band
   * it draws is not widened by the incident the alarm should have caught.
   */
  excluded?: readonly TimeRange[];
}

/** A stretch of time, as CloudWatch's anomaly detector configuration takes it: UTC, `yyyy-MM-ddTHH:mm:ss`, no zone. */
export interface TimeRange {
  start: string;
  end: string;
}

/**
 * CloudWatch trains a detector's model on up to two weeks of the metric, but an excluded range
 * list may hold more: past this many, only the latest are kept (an incident more often than
 * this in two weeks is not a rare event to leave out).
 */
export const MAX_EXCLUDED_RANGES = 10;

/** The runs of set-aside slots as time ranges, latest MAX_EXCLUDED_RANGES, oldest first. */
export function excludedRanges(slots: Uint8Array, timeline: Timeline): TimeRange[] {
  const at = (i: number) => new Date((timeline.start + i * timeline.period) * 1000).toISOString().slice(0, 19);
  const ranges: TimeRange[] = [];
  for (let i = 0; i < slots.length; i++) {
    if (!slots[i]) continue;
    let j = i;
    while (j + 1 < slots.length && slots[j + 1]) j++;
    ranges.push({ start: at(i), end: at(j + 1) });
    i = j;
  }
  return ranges.slice(-MAX_EXCLUDED_RANGES);
}

/** CloudWatch's comparison operator for a band side. */
export const BAND_COMPARISON = {
  upper: 'GreaterThanUpperThreshold',
  lower: 'LessThanLowerThreshold',
  both: 'LessThanLowerOrGreaterThanUpperThreshold',
} as const satisfies Record<BandSide, string>;
export type BandComparison = (typeof BAND_COMPARISON)[BandSide];

/** Query id of the filled metric a band with `fill` is drawn over (`FILL(m1, fill)`). */
export const FILLED_ID = 'e1';

/** The expression of the filled metric a band with `fill` is drawn over. */
export function fillExpression(fill: number): string {
  return `FILL(m1, ${fill})`;
}

/**
 * The metric-math expression of a band over the alarm's metric `m1`, or over its filled form
 * `e1` when the band has `fill` (both targets, and drift).
 */
export function bandExpression(band: Pick<AnomalyBand, 'width' | 'fill'>): string {
  return `ANOMALY_DETECTION_BAND(${band.fill === undefined ? 'm1' : FILLED_ID}, ${band.width})`;
}

/** Whether two decisions have the same band (or none on both sides). */
export function sameBand(a: AnomalyBand | undefined, b: AnomalyBand | undefined): boolean {
  return a?.width === b?.width && a?.side === b?.side && a?.fill === b?.fill;
}

/**
 * The history as a band with `fill` sees it: CloudWatch's FILL replaces the missing datapoints
 * of a query that has some, but makes nothing of a query without any, which stays missing data
 * (the alarm's treatMissingData). Approximated per slot: a missing datapoint reads as `fill`
 * when the evaluation range ending there (`range` slots) holds a real one; otherwise it stays
 * missing. A long silence therefore reaches treatMissingData a few periods later than in
 * CloudWatch, but it reaches it, so the noise checks still count it.
 */
export function filledHistory(values: Float64Array, fill: number, range: number): Float64Array {
  const out = new Float64Array(values.length);
  let lastReal = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) lastReal = i;
    out[i] = v === v ? v : i - lastReal < range ? fill : NaN;
  }
  return out;
}

/** CloudWatch's default band width, used when there is no history to choose one from. */
export const DEFAULT_BAND_WIDTH = 2;

/** Band widths tried, narrowest first: the first that stays quiet over the history is chosen. */
export const BAND_WIDTHS = [2, 3, 4, 5, 6, 8, 10] as const;

/** Days of history a band decision needs: a week shows the daily rhythm seven times over. */
export const BAND_MIN_DAYS = 7;

/** With `auto`: the share of the variation the hour of day must explain for a band to be considered. */
export const MIN_RHYTHM = 0.5;

/** With `auto`: hours of the day in which the band must sit below the static threshold for it to be chosen. */
export const MIN_TIGHTER_HOURS = 6;

const HOURS = 24;

/**
 * obsgen's approximation of CloudWatch's anomaly detection model, which AWS does not publish.
 * What AWS documents is that the model is trained on up to two weeks of the metric, follows
 * hourly, daily and weekly patterns, and draws a band `width` standard deviations either side
 * of the expected value. The approximation: for each hour of the UTC day, the expected value is
 * the median of that hour's datapoints over the history and the standard deviation is 1.4826 ×
 * their median absolute deviation (robust, so a past incident barely moves either), with a
 * floor of a quarter of the typical hour's, so that a quiet hour does not get a band of zero
 * width. Weekdays and weekends have separate profiles (the weekly pattern, coarsely); a history
 * without a weekend uses the weekdays' for both.
 */
export interface BandModel {
  /** Expected value by bucket: hour of the UTC day on weekdays (0–23), at weekends (24–47). */
  center: Float64Array;
  /** Standard deviation by bucket (> 0). */
  spread: Float64Array;
  /** Share of the variation the hour of day explains: 1 − (MAD of the residuals / MAD of the values)². */
  rhythm: number;
}

/** The hour of the UTC day slot i falls in. */
export function hourOf(t: Timeline, i: number): number {
  return Math.floor((t.start + i * t.period) / 3600) % HOURS;
}

/** Whether slot i falls on a Saturday or Sunday (UTC). Day 0 of the epoch was a Thursday. */
function weekendOf(t: Timeline, i: number): boolean {
  const weekday = (Math.floor((t.start + i * t.period) / 86_400) + 4) % 7;
  return weekday === 0 || weekday === 6;
}

/** The model's bucket of slot i: its hour of the day, on weekdays (0–23) or at weekends (24–47). */
function bucketOf(t: Timeline, i: number): number {
  return hourOf(t, i) + (weekendOf(t, i) ? HOURS : 0);
}

/** The median of some values and their spread (1.4826 × MAD, an estimate of σ), as tuning measures them everywhere. */
function medianAndSpread(xs: ArrayLike<number>): { median: number; spread: number } {
  const values = Float64Array.from(xs);
  const median = percentileOfValues(values, 50);
  return { median, spread: madOf(values, median) };
}

/** Fits the model to a history, leaving out the slots set aside as incidents; a reason when it cannot. */
export function fitBandModel(values: Float64Array, timeline: Timeline, setAside?: Uint8Array): BandModel | { reason: string } {
  const buckets: number[][] = Array.from({ length: 2 * HOURS }, () => []);
  const all: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v || setAside?.[i]) continue;
    buckets[bucketOf(timeline, i)]!.push(v);
    all.push(v);
  }
  // Hours with no datapoints at weekends (a history without one) take the weekdays'.
  for (let h = 0; h < HOURS; h++) if (buckets[HOURS + h]!.length === 0) buckets[HOURS + h] = buckets[h]!;
  if (buckets.some((b) => b.length === 0)) return { reason: 'some hours of the day have no datapoints' };
  const center = new Float64Array(2 * HOURS);
  const raw = new Float64Array(2 * HOURS);
  for (let b = 0; b < 2 * HOURS; b++) {
    const m = medianAndSpread(buckets[b]!);
    center[b] = m.median;
    raw[b] = m.spread;
  }
  const typical = medianAndSpread(raw).median;
  if (!(typical > 0)) return { reason: 'the history barely varies within the hour: there is no spread to draw a band from' };
  const spread = raw.map((x) => Math.max(x, typical / 4));
  const overall = medianAndSpread(all).spread;
  const residuals: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v && !setAside?.[i]) residuals.push(v - center[bucketOf(timeline, i)]!);
  }
  const rest = medianAndSpread(residuals).spread;
  const rhythm = overall > 0 ? Math.max(0, 1 - (rest / overall) ** 2) : 0;
  return { center, spread, rhythm };
}

/**
 * The history in standard deviations from the model's expected value, turned so that the alarm
 * breaches where it exceeds the band width: above the band (upper), below it (lower), or either.
 * `v > center + width × spread` is exactly `z > width`, so a band alarm backtests as a static
 * one on `z` with threshold `width`, with the same M of N and missing data.
 */
export function bandScores(values: Float64Array, timeline: Timeline, model: BandModel, side: BandSide): Float64Array {
  const z = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) {
      z[i] = NaN;
      continue;
    }
    const b = bucketOf(timeline, i);
    const d = (v - model.center[b]!) / model.spread[b]!;
    z[i] = side === 'upper' ? d : side === 'lower' ? -d : Math.abs(d);
  }
  return z;
}

/** A band width considered, and what became of it. */
export interface BandCandidate {
  width: number;
  chosen: boolean;
  reason: string;
  falsePer30d?: number;
}

export interface BandInput {
  /** The honest history (current regime), with the slots set aside as past incidents. */
  values: Float64Array;
  timeline: Timeline;
  setAside: Uint8Array;
  days: number;
  evaluation: Evaluation;
  side: BandSide;
  /** The band is over the metric with its gaps filled with this (`tuning.bandFill`). */
  fill?: number;
  /** `auto`: a band only where the history has a daily rhythm and the band beats `staticThreshold`. */
  mode: 'auto' | 'always';
  /** The static threshold the band competes with (`auto`). */
  staticThreshold?: number;
  /** The previous run's band: the windows it paged for are past incidents, not normal. */
  previousBand?: AnomalyBand;
  /**
   * The tuning's bound on the side the band fires (its floor for upper, ceiling for lower): what
   * is never worth paging for. A band whose edge goes beyond it in any hour is not chosen.
   */
  bound?: number;
}

export interface BandDecision {
  band?: AnomalyBand;
  reason: string;
  candidates: BandCandidate[];
  rhythm?: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * When every episode a band of this width has outside the slots already set aside starts on
 * the same UTC day: that day (as a date) and the set-aside slots with it added.
 */
function soleEpisodeDay(z: Float64Array, shape: AlarmShape, excluded: Uint8Array, timeline: Timeline): { label: string; slots: Uint8Array } | undefined {
  const starts = backtest(z, shape).episodeStarts.filter((i) => !excluded[i]);
  const dayOf = (i: number) => Math.floor((timeline.start + i * timeline.period) / 86_400);
  const day = starts.length > 0 ? dayOf(starts[0]!) : undefined;
  if (day === undefined || starts.some((i) => dayOf(i) !== day)) return undefined;
  const slots = Uint8Array.from(excluded, (x, i) => (dayOf(i) === day ? 1 : x));
  return { label: new Date(day * 86_400_000).toISOString().slice(0, 10), slots };
}

/**
 * Decides an anomaly detection band from the history: the narrowest width in BAND_WIDTHS that
 * stays within the noise budget, replayed as CloudWatch evaluates the alarm. With `auto`, the
 * band is chosen over the static threshold only when the hour of day explains at least half the
 * metric's variation (a rhythm no single number fits) and the band sits below the static
 * threshold for at least a quarter of the day (where it catches what the static one cannot).
 */
export function decideBand(input: BandInput): BandDecision {
  const { timeline, setAside, days, evaluation, side, mode } = input;
  // With `fill`, CloudWatch's model trains on FILL(m1, x) over two weeks, a query that has data:
  // every gap is x. An evaluation's query may have none (see filledHistory).
  const fillValue = input.fill;
  const training = fillValue === undefined ? input.values : input.values.map((v) => (v === v ? v : fillValue));
  const values = fillValue === undefined ? input.values : filledHistory(input.values, fillValue, evaluationRange(evaluation.evaluationPeriods));
  const fill = fillValue === undefined ? {} : { fill: fillValue };
  if (days < BAND_MIN_DAYS) return { reason: `a band needs ${BAND_MIN_DAYS} days of history (there are ${exact(days, 3)})`, candidates: [] };
  const model = fitBandModel(training, timeline, setAside);
  if ('reason' in model) return { reason: model.reason, candidates: [] };
  const rhythm = `the hour of day explains ${pct(model.rhythm)} of the variation`;
  if (mode === 'auto' && model.rhythm < MIN_RHYTHM) return { reason: `no daily rhythm to follow: ${rhythm} (a band needs ${pct(MIN_RHYTHM)})`, candidates: [], rhythm: model.rhythm };
  const z = bandScores(values, timeline, model, side);
  const zEvaluation: Evaluation = { ...evaluation, comparison: 'GreaterThanThreshold' };
  // As for thresholds: where the previous band paged were incidents (a nightly re-tune must not
  // widen the band to take them for normal).
  let excluded = setAside;
  if (input.previousBand && input.previousBand.side === side) {
    const paged = setAsidePaged(z, { ...zEvaluation, threshold: input.previousBand.width }, `previous band (${input.previousBand.width})`, days);
    if (paged.episodes > 0) excluded = setAside.map((x, i) => x | paged.slots[i]!);
  }
  const candidates: BandCandidate[] = [];
  let width: number | undefined;
  // What the chosen width's check left out as past incidents.
  let left = excluded;
  for (const w of BAND_WIDTHS) {
    let check = checkCandidate(w, zEvaluation, z, excluded, undefined, days);
    left = excluded;
    let why = 'quiet over the history';
    if (!check.ok) {
      // A past incident nobody set aside (a first run has no previous band to mark one) must
      // not widen the band for good: when all of a width's episodes fall on one UTC day, that
      // day is set aside as a possible incident, as the envelope policy sets aside its worst day.
      const day = soleEpisodeDay(z, { ...zEvaluation, threshold: w }, excluded, timeline);
      if (day) {
        const retry = checkCandidate(w, zEvaluation, z, day.slots, undefined, days);
        if (retry.ok) {
          check = retry;
          left = day.slots;
          why = `quiet over the history, ${day.label} set aside as a possible incident`;
        }
      }
    }
    candidates.push({ width: w, chosen: check.ok, reason: check.ok ? why : check.reason!, ...(check.falsePer30d !== undefined ? { falsePer30d: check.falsePer30d } : {}) });
    if (check.ok) {
      width = w;
      break;
    }
  }
  if (width === undefined) return { reason: `${rhythm}, but no band width up to ${BAND_WIDTHS.at(-1)} stays quiet over the history`, candidates, rhythm: model.rhythm };
  // One step of margin: two weeks show each hour of a weekday ten times and of a weekend four,
  // too few to show the rarer normal days (a Sunday a fifth quieter than the last two) that a
  // band which only just stayed quiet would page on. A wider band is quieter still.
  // The quiet candidate is the last one tried; the next width, if any, is one step wider.
  const wider = BAND_WIDTHS[candidates.length];
  if (wider !== undefined) {
    const narrowest = candidates.at(-1)!;
    const quiet = narrowest.reason;
    narrowest.chosen = false;
    narrowest.reason = `${quiet}, but with no margin for the days two weeks do not show`;
    candidates.push({ width: wider, chosen: true, reason: `one step wider than ${width}, the narrowest ${quiet}` });
    width = wider;
  }
  const chosen = candidates.at(-1)!;
  if (input.bound !== undefined && side !== 'both') {
    const sign = side === 'upper' ? 1 : -1;
    let below = 0;
    for (let b = 0; b < 2 * HOURS; b++) if (sign * (model.center[b]! + sign * width * model.spread[b]!) < sign * input.bound) below++;
    if (below > 0) {
      chosen.chosen = false;
      chosen.reason = `quiet, but its edge is ${side === 'upper' ? 'below the floor' : 'above the ceiling'} ${formatNumber(input.bound)} (what is never worth paging for) in ${below} of the 48 weekday and weekend hours`;
      return { reason: `${rhythm}; a band of ${width} is ${chosen.reason}`, candidates, rhythm: model.rhythm };
    }
  }
  if (mode === 'auto' && input.staticThreshold !== undefined && side !== 'both') {
    const sign = side === 'upper' ? 1 : -1;
    // Counted on weekdays' hours: where most of the traffic, and most incidents, are.
    let tighter = 0;
    for (let h = 0; h < HOURS; h++) if (sign * (model.center[h]! + sign * width * model.spread[h]!) < sign * input.staticThreshold) tighter++;
    if (tighter < MIN_TIGHTER_HOURS) {
      chosen.chosen = false;
      chosen.reason = `quiet, but tighter than the static threshold ${formatNumber(input.staticThreshold)} in only ${tighter} hour${tighter === 1 ? '' : 's'} of the day (needs ${MIN_TIGHTER_HOURS})`;
      return { reason: `${rhythm}; a band of ${width} is ${chosen.reason}`, candidates, rhythm: model.rhythm };
    }
    chosen.reason = `${chosen.reason}, and tighter than the static threshold ${formatNumber(input.staticThreshold)} in ${tighter} hours of the day`;
  }
  // A lower band over a count with gaps filled: where the usual level is within the band's
  // width of the fill value (a quiet night), even silence is no drop, and the alarm cannot fire.
  // Said, so that an on-call engineer knows which hours it watches.
  if (side === 'lower' && input.fill !== undefined) {
    let watched = 0;
    for (let h = 0; h < HOURS; h++) if (model.center[h]! - width * model.spread[h]! > input.fill) watched++;
    chosen.reason += watched === HOURS ? '; it watches every hour of the day' : `; it watches ${watched} of 24 weekday hours (in the others the usual level is too close to ${input.fill} for a drop to show)`;
  }
  const rejected = candidates.filter((c) => !c.chosen).map((c) => `${c.width}: ${c.reason}`);
  const ranges = excludedRanges(left, timeline);
  return {
    band: { width, side, ...fill, ...(ranges.length > 0 ? { excluded: ranges } : {}) },
    reason: `${mode === 'auto' ? `${rhythm}: ` : ''}anomaly band of ${width} standard deviations, ${chosen.reason}${rejected.length ? ` (narrower rejected: ${rejected.join('; ')})` : ''}`,
    candidates,
    rhythm: model.rhythm,
  };
}
