/**
 * Evaluates one labelled series: each variant's alarm as obsgen emits it, tuned once on the
 * history (one-shot) and re-tuned every 24 hours of the replay on the trailing lookback with
 * the previous run's manifest (nightly), replayed through CloudWatch's rules and scored.
 */
import { bandEdges } from './band.js';
import { bestStaticThreshold } from './hindsight.js';
import { emitAlarm } from './obsgen.js';
import type { AlarmTarget, Emission, HistoryWindow, PreviousRun, TuningChoice } from './obsgen.js';
import { replay } from './replay.js';
import { alwaysOn, score, unreachable } from './score.js';
import type { Score, Window } from './score.js';
import { RUN_VARIANTS, tuningFor } from './variants.js';
import type { VariantId } from './variants.js';
import type { AlarmRule, DeployedAlarm } from './types.js';

/** What the evaluation needs of a series (from the corpus, or from public data). */
export interface EvalSeries {
  id: string;
  target: AlarmTarget;
  bounds: { min: number; max: number };
  /** Epoch seconds of slot 0. */
  start: number;
  period: number;
  values: Float64Array;
  /** First replayed slot; everything before is history. */
  replayFrom: number;
  incidents: readonly Window[];
}

export type Mode = 'oneShot' | 'nightly';
export const MODES: readonly Mode[] = ['oneShot', 'nightly'];

/** One variant in one mode on one series. */
export interface ModeResult {
  /** The threshold of each night (one-shot: the first night's, throughout). */
  thresholds: number[];
  /** Where the first night's threshold came from. */
  provenance: string;
  score: Score;
  unreachable: boolean;
  alwaysOn: boolean;
}

export interface SeriesResult {
  series: EvalSeries;
  /** The alarm as AWS static emits it (its rule is every variant's). */
  alarm: DeployedAlarm;
  results: Record<VariantId, Record<Mode, ModeResult>>;
}

const DAY = 86_400;
/** obsgen's default lookback (`tuning.lookbackDays`): what a nightly run fetches. */
export const LOOKBACK_DAYS = 14;

/** What tuning may not change of an alarm (it may change the threshold, and choose a longer M of N the blueprint allows). */
function sameRule(a: DeployedAlarm, b: DeployedAlarm): boolean {
  return a.comparison === b.comparison && a.treatMissingData === b.treatMissingData && a.period === b.period;
}

/** The history a run at slot `end` fetches: the trailing lookback (or what there is of it). */
function lookbackBefore(s: EvalSeries, end: number): HistoryWindow {
  const from = Math.max(0, end - (LOOKBACK_DAYS * DAY) / s.period);
  return { start: s.start + from * s.period, period: s.period, values: s.values.slice(from, end) };
}

/** The emissions of one variant: one per night of the replay, each fed the previous night's run. */
function nightlyEmissions(s: EvalSeries, variant: VariantId | TuningChoice, rule: DeployedAlarm): Emission[] {
  const perDay = DAY / s.period;
  const nights = Math.ceil((s.values.length - s.replayFrom) / perDay);
  const choice = typeof variant === 'string' ? tuningFor(variant, rule.comparison) : variant;
  const out: Emission[] = [];
  let previous: PreviousRun | undefined;
  for (let k = 0; k < nights; k++) {
    const e = emitAlarm(s.target, choice, lookbackBefore(s, s.replayFrom + k * perDay), previous);
    if (!sameRule(e.alarm, rule)) throw new Error(`${s.id}: ${typeof variant === 'string' ? variant : JSON.stringify(variant)} changed the alarm beyond its threshold and evaluation`);
    out.push(e);
    previous = e.run;
  }
  return out;
}

/** One way of tuning, scored as run once (the first night's threshold throughout) and nightly. */
function modes(s: EvalSeries, variant: VariantId | TuningChoice, rule: DeployedAlarm): Record<Mode, ModeResult> {
  const emissions = nightlyEmissions(s, variant, rule);
  const nights = emissions.map((e) => ({ threshold: e.alarm.threshold, rule: e.alarm, ...(e.alarm.band ? { band: e.alarm.band } : {}) }));
  return {
    oneShot: result(s, rule, [nights[0]!], emissions[0]!.provenance),
    nightly: result(s, rule, nights, emissions[0]!.provenance),
  };
}

/**
 * An evaluated series scored with one more tuning (a recipe a user can put in the config), one-shot
 * and nightly, under the same alarm rule as its variants: for checks that show it beside them,
 * such as the NAB section.
 */
export function evaluateChoice(r: SeriesResult, choice: TuningChoice): Record<Mode, ModeResult> {
  return modes(r.series, choice, r.alarm);
}

/** Replays the series' replayed part with the threshold (and M of N) of each night, and scores it. */
function result(s: EvalSeries, rule: AlarmRule, nights: { threshold: number; rule: AlarmRule; band?: DeployedAlarm['band'] }[], provenance: string): ModeResult {
  const perDay = DAY / s.period;
  const perSlot = new Float64Array(s.values.length);
  const rules: AlarmRule[] = [];
  // A band alarm compares each datapoint with the band's edge there (the stand-in model's).
  const edges = new Map<string, Float64Array>();
  const edgeOf = (band: NonNullable<DeployedAlarm['band']>): Float64Array => {
    if (band.side === 'both') throw new Error(`${s.id}: the replay compares with one edge of a band; this alarm fires on both`);
    const key = `${band.side}/${band.width}/${band.fill}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = bandEdges(s.values, s.start, s.period, s.replayFrom, band.width, band.side, band.fill)));
    return e;
  };
  for (let i = 0; i < perSlot.length; i++) {
    const night = nights[Math.min(nights.length - 1, Math.max(0, Math.floor((i - s.replayFrom) / perDay)))]!;
    if (night.band) {
      perSlot[i] = edgeOf(night.band)[i]!;
      // Outside the band is strictly beyond its edge (GreaterThanUpperThreshold, LessThanLowerThreshold).
      rules.push({ ...night.rule, comparison: night.band.side === 'upper' ? 'GreaterThanThreshold' : 'LessThanThreshold', ...(night.band.fill === undefined ? {} : { fill: night.band.fill }) });
    } else {
      perSlot[i] = night.threshold;
      rules.push(night.rule);
    }
  }
  const states = replay(s.values, rule, perSlot, { from: s.replayFrom, rules });
  // Detection allows for the longest evaluation any night used.
  const evaluationPeriods = Math.max(...nights.map((n) => n.rule.evaluationPeriods));
  const sc = score({ states, from: s.replayFrom, period: s.period, evaluationPeriods, incidents: s.incidents });
  // A band has no number to show or to be out of reach: NaN in the thresholds, never unreachable.
  const thresholds = nights.map((n) => (n.band ? NaN : n.threshold));
  return { thresholds, provenance, score: sc, unreachable: thresholds.some((t) => !Number.isNaN(t) && unreachable(t, rule.comparison, s.bounds)), alwaysOn: alwaysOn(sc) };
}

/** Every variant in both modes on one series. */
export function evaluateSeries(s: EvalSeries): SeriesResult {
  const results = {} as SeriesResult['results'];
  // The alarm's rule (comparison, M of N, missing data, period) as AWS static emits it; the
  // variants change only its threshold, which nightlyEmissions checks.
  const rule = emitAlarm(s.target, { kind: 'off' }, lookbackBefore(s, s.replayFrom)).alarm;
  for (const variant of RUN_VARIANTS) results[variant] = modes(s, variant, rule);
  const best = bestStaticThreshold(s.values, rule, s.replayFrom, s.period, s.incidents);
  const hindsight: ModeResult = { thresholds: [best.threshold], provenance: 'chosen on the replayed part', score: best.score, unreachable: unreachable(best.threshold, rule.comparison, s.bounds), alwaysOn: alwaysOn(best.score) };
  results.hindsight = { oneShot: hindsight, nightly: hindsight };
  return { series: s, alarm: rule, results };
}
