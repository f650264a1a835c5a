import { formatNumber } from '../util/numbers.js';
import type { Evaluation } from './breach-levels.js';
import { checkCandidate } from './checks.js';
import type { Timeline } from './days.js';
import { exact } from './round.js';
import { madOf, percentileOf } from './stats.js';
import { setAsidePaged } from './set-aside.js';

/** Which side of the band an anomaly detection alarm fires on. */
export type BandSide = 'upper' | 'lower' | 'both';

/** An anomaly detection alarm's band: `ANOMALY_DETECTION_BAND(m, width)`, and the side it fires on. */
export interface AnomalyBand {
  /** Standard deviations of the band (CloudWatch's second argument). */
  width: number;
  side: BandSide;
}

/** CloudWatch's comparison operator for a band side. */
export const BAND_COMPARISON = {
  upper: 'GreaterThanUpperThreshold',
  lower: 'LessThanLowerThreshold',
  both: 'LessThanLowerOrGreaterThanUpperThreshold',
} as const satisfies Record<BandSide, string>;
export type BandComparison = (typeof BAND_COMPARISON)[BandSide];

/** The metric-math expression of a band over the alarm's metric `m1` (both targets, and drift). */
export function bandExpression(width: number): string {
  return `ANOMALY_DETECTION_BAND(m1, ${width})`;
}

/** Whether two decisions have the same band (or none on both sides). */
export function sameBand(a: AnomalyBand | undefined, b: AnomalyBand | undefined): boolean {
  return a?.width === b?.width && a?.side === b?.side;
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
  const sorted = Float64Array.from(xs).sort();
  const median = percentileOf(sorted, 50);
  return { median, spread: madOf(sorted, median) };
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
 * Decides an anomaly detection band from the history: the narrowest width in BAND_WIDTHS that
 * stays within the noise budget, replayed as CloudWatch evaluates the alarm. With `auto`, the
 * band is chosen over the static threshold only when the hour of day explains at least half the
 * metric's variation (a rhythm no single number fits) and the band sits below the static
 * threshold for at least a quarter of the day (where it catches what the static one cannot).
 */
export function decideBand(input: BandInput): BandDecision {
  const { values, timeline, setAside, days, evaluation, side, mode } = input;
  if (days < BAND_MIN_DAYS) return { reason: `a band needs ${BAND_MIN_DAYS} days of history (there are ${exact(days, 3)})`, candidates: [] };
  const model = fitBandModel(values, timeline, setAside);
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
  for (const w of BAND_WIDTHS) {
    const check = checkCandidate(w, zEvaluation, z, excluded, undefined, days);
    candidates.push({ width: w, chosen: check.ok, reason: check.ok ? 'quiet over the history' : check.reason!, ...(check.falsePer30d !== undefined ? { falsePer30d: check.falsePer30d } : {}) });
    if (check.ok) {
      width = w;
      break;
    }
  }
  if (width === undefined) return { reason: `${rhythm}, but no band width up to ${BAND_WIDTHS.at(-1)} stays quiet over the history`, candidates, rhythm: model.rhythm };
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
    chosen.reason = `quiet over the history, and tighter than the static threshold ${formatNumber(input.staticThreshold)} in ${tighter} hours of the day`;
  }
  const rejected = candidates.filter((c) => !c.chosen).map((c) => `${c.width}: ${c.reason}`);
  return {
    band: { width, side },
    reason: `${mode === 'auto' ? `${rhythm}: ` : ''}anomaly band of ${width} standard deviations, ${chosen.reason}${rejected.length ? ` (narrower rejected: ${rejected.join('; ')})` : ''}`,
    candidates,
    rhythm: model.rhythm,
  };
}
