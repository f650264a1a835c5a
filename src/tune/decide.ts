import type { TuningPolicy, TuningSpec } from '../blueprints/types.js';
import { formatNumber } from '../util/numbers.js';
import { breachLevels, orientation } from './breach-levels.js';
import type { Evaluation } from './breach-levels.js';
import { reachable } from '../blueprints/range.js';
import type { ValueRange } from '../blueprints/range.js';
import { BAND_WIDTHS, decideBand, DEFAULT_BAND_WIDTH } from './band.js';
import type { AnomalyBand, BandCandidate, BandInput } from './band.js';
import type { Replay } from './backtest.js';
import { checkCandidate } from './checks.js';
import type { Timeline } from './days.js';
import { envelope, normalOf } from './envelope.js';
import { levelShift } from './level-shift.js';
import type { LevelShift } from './level-shift.js';
import { applyPolicy, tagReference } from './policies.js';
import { roundAway } from './round.js';
import { setAsidePaged } from './set-aside.js';
import { sortedValues } from './stats.js';

/** What one alarm's decision draws on. */
export interface DecisionInput {
  /** The metric's history over the lookback (one value per period, NaN for missing), when there is any. */
  history?: { values: Float64Array } & Timeline;
  evaluation: Evaluation;
  defaultThreshold: number;
  tuning: TuningSpec;
  /** What values the metric can take at all. */
  range?: ValueRange;
  tags: ReadonlyMap<string, string>;
  /** The previous run's tuned threshold, when it tuned this alarm: the reference for past incidents, and a candidate. */
  previousTuned?: number;
  /** The previous run's anomaly band: the reference for past incidents when a band is considered. */
  previousBand?: AnomalyBand;
  /** The metric counts events (a Sum or SampleCount of one metric): see `Normal.events`. */
  counts?: boolean;
  /** How the history is replayed through the alarm: a series' `Replays`, to share backtests with its report. */
  replay?: Replay;
}

/** A threshold considered, and what became of it. */
export interface Candidate {
  /** `policy` (what the tuning policy proposes), `previous` (the last run's), `default` (the blueprint's), `quietest` (just clear of everything normal did). */
  source: 'policy' | 'previous' | 'default' | 'quietest';
  value: number;
  chosen: boolean;
  /** Why it was chosen, or why it was rejected. */
  reason: string;
  /** False alarm episodes it would have had in normal operation, per 30 days. */
  falsePer30d?: number;
}

/** What tuning made of the history before deciding. */
export interface HistoryUse {
  /** Days of history used. */
  days: number;
  /** A lasting level shift: only the days since it were used. */
  levelShift?: Omit<LevelShift, 'from'>;
  /** Past incidents set aside: episodes of the reference threshold. */
  setAside: string;
  /** Days set aside as possible incidents by the envelope policy. */
  droppedDays?: string[];
}

/** The decision: a threshold (undefined: keep the default), and the reasoning behind it. */
export interface Decision {
  value?: number;
  /** A longer evaluation than the blueprint's, when the history's noise called for one the blueprint allows. */
  evaluation?: { evaluationPeriods: number; datapointsToAlarm: number };
  /** The chosen threshold's reason, or why the alarm keeps its default. */
  reason: string;
  /** The policy that made the decision, when not the tuning's own (relative-to-tag's `withoutTag`). */
  policy?: TuningPolicy;
  candidates: Candidate[];
  history?: HistoryUse;
  /** Of the chosen threshold (tuned or default), when history was replayed. */
  falsePer30d?: number;
  /** An anomaly detection band instead of the static threshold (`tuning.band`). */
  band?: AnomalyBand;
  /** Why the band was chosen, or why the static threshold was kept (with `tuning.band`). */
  bandReason?: string;
  bandCandidates?: BandCandidate[];
  /**
   * The honest history the decision was made on (current regime, slots set aside as past or
   * possible incidents), when there was one: for checking another threshold the same way
   * (thresholds.ts checks the one hysteresis would keep).
   */
  basis?: DecisionBasis;
}

/** What a decision judged candidates on: the history made honest. */
export type DecisionBasis = Omit<BandInput, 'evaluation' | 'side' | 'mode' | 'staticThreshold'>;

/** Days with data a policy needs (unless the tuning sets `minDatapoints`): two days of any period. */
const MIN_DAYS = 2;

/**
 * Decides one alarm's threshold from its history. Every candidate is replayed over the history
 * as CloudWatch would evaluate it, and rejected when it is unreachable (beyond the metric's
 * range), always on, or noisy (over the budget of one false episode per 30 days of normal
 * operation). The candidates, in order: the policy's, the previous run's, the blueprint's
 * default, and the quietest reachable one; the first that passes is chosen.
 *
 * The history is made honest first: only the current regime after a lasting level shift, and
 * without the windows the reference threshold (the previous run's, else the default) would have
 * paged for, of any length, which are taken for past incidents.
 */
export function decide(input: DecisionInput): Decision {
  const decision = decideStatic(input);
  const mode = input.tuning.band;
  if (!mode) return decision;
  const side = input.tuning.bandSide ?? (orientation(input.evaluation.comparison) === 1 ? 'upper' : 'lower');
  const fill = input.tuning.bandFill === undefined ? {} : { fill: input.tuning.bandFill };
  const { basis } = decision;
  if (!basis) {
    // No history to judge a band by: `always` takes CloudWatch's default width (its own model
    // trains on the metric regardless); `auto` keeps the static threshold.
    if (mode === 'auto') return decision;
    return { ...decision, band: { width: DEFAULT_BAND_WIDTH, side, ...fill }, bandReason: `anomaly band of CloudWatch's default ${DEFAULT_BAND_WIDTH} standard deviations (${decision.reason})` };
  }
  const bound = side === 'upper' ? input.tuning.floor : side === 'lower' ? input.tuning.ceiling : undefined;
  const band = decideBand({
    ...basis,
    evaluation: input.evaluation,
    side,
    ...fill,
    mode,
    staticThreshold: decision.value ?? input.defaultThreshold,
    ...(input.previousBand ? { previousBand: input.previousBand } : {}),
    ...(bound !== undefined ? { bound } : {}),
  });
  if (band.band) return { ...decision, band: band.band, bandReason: band.reason, bandCandidates: band.candidates };
  if (mode === 'auto') return { ...decision, bandReason: `static threshold kept: ${band.reason}`, ...(band.candidates.length ? { bandCandidates: band.candidates } : {}) };
  // `always`, and the history could not choose a width: the widest tried, said so.
  const width = band.candidates.length ? BAND_WIDTHS.at(-1)! : DEFAULT_BAND_WIDTH;
  return { ...decision, band: { width, side, ...fill }, bandReason: `anomaly band of ${width} standard deviations (${band.reason})`, ...(band.candidates.length ? { bandCandidates: band.candidates } : {}) };
}

/** The static threshold's decision; with the honest history it was made on, for the band. */
function decideStatic(input: DecisionInput): Decision {
  const t = input.tuning;
  const { evaluation, range } = input;
  const sign = orientation(evaluation.comparison);

  if (t.policy === 'relative-to-tag' && t.withoutTag !== undefined && tagReference(t, input.tags) === undefined) {
    // No tag to be relative to (a Lambda function's timeout is in no listing, and seldom in a
    // tag): the history says what is normal for this resource, where the default is a guess that
    // may sit far above it (5 s for a function whose p90 is 140 ms: eval, untagged-duration). A
    // tag that is not a number counts as none (the tune stage warns of it).
    const fromHistory = decideStatic({ ...input, tuning: { ...t, policy: t.withoutTag } });
    const raw = input.tags.get(t.tag!);
    const why = raw === undefined ? `no ${t.tag} tag` : `tag ${t.tag} is not a number (${JSON.stringify(raw.trim())})`;
    return { ...fromHistory, policy: t.withoutTag, reason: `${why}, so from the history: ${fromHistory.reason}` };
  }
  if (t.policy === 'relative-to-tag') {
    const proposed = applyPolicy(t, undefined, evaluation, input.tags);
    // A band (`tuning.band`) still judges by the history, when there is one (only then is it made honest).
    const h = t.band && input.history && honestHistory(input, input.history, proposed.value ?? input.defaultThreshold);
    const basis = h && !('reason' in h) ? { basis: { values: h.values, timeline: h.timeline, setAside: h.aside.slots, days: h.days } } : {};
    if (proposed.value === undefined) return { reason: proposed.reason, candidates: [], ...basis };
    const unreachable = reachable(proposed.value, evaluation.comparison, range);
    return unreachable
      ? { reason: `${proposed.reason} is ${unreachable}`, candidates: [{ source: 'policy', value: proposed.value, chosen: false, reason: unreachable }], ...basis }
      : { value: proposed.value, reason: proposed.reason, candidates: [{ source: 'policy', value: proposed.value, chosen: true, reason: proposed.reason }], ...basis };
  }
  if (!input.history) return { reason: 'no metric history', candidates: [] };
  const honest = honestHistory(input, input.history, input.previousTuned ?? input.defaultThreshold);
  if ('reason' in honest) return { reason: honest.reason, candidates: [] };
  const { values, timeline, days, shift, aside } = honest;

  // The policy's candidate.
  let proposal: { value: number; reason: string } | { value?: undefined; reason: string };
  let droppedDays: string[] | undefined;
  // What the checks leave out: past incidents, and the days the envelope set aside as possible ones.
  let excluded = aside.slots;
  // The evaluation the policy's candidate is checked with (a longer one the blueprint allows, when chosen).
  let chosenEvaluation = evaluation;
  let lengthened: string | undefined;
  if (t.policy === 'envelope') {
    const normal = normalOf(values, sign, aside.slots, input.counts);
    const strict = evaluation.comparison === 'GreaterThanThreshold' || evaluation.comparison === 'LessThanThreshold';
    let env = envelope(breachLevels(values, evaluation), normal, timeline, aside.slots, strict);
    // A longer evaluation the blueprint allows is taken only when it lets the threshold sit at
    // least twice as close to normal: the shorter one was clearing brief spikes, not the level.
    if (!('reason' in env) && !env.flat && env.value - env.center > 0) {
      const excess = env.value - env.center;
      for (const option of [...(t.evaluations ?? [])].sort((a, b) => a.evaluationPeriods - b.evaluationPeriods)) {
        const alternative = { ...evaluation, ...option };
        const alt = envelope(breachLevels(values, alternative), normal, timeline, aside.slots, strict);
        if ('reason' in alt || alt.flat || alt.value - alt.center > excess / 2) continue;
        lengthened = `${option.datapointsToAlarm} of ${option.evaluationPeriods} instead of ${evaluation.datapointsToAlarm} of ${evaluation.evaluationPeriods}: the threshold over normal ${num(excess)} → ${num(alt.value - alt.center)}`;
        chosenEvaluation = alternative;
        env = alt;
        break;
      }
    }
    if ('reason' in env) proposal = { reason: env.reason };
    else {
      droppedDays = env.droppedDays;
      excluded = env.droppedSlots.map((d, i) => d | aside.slots[i]!);
      const asideText = env.droppedDays.length ? `, set aside as a possible incident: ${env.droppedDays.join(', ')}` : '';
      if (env.flat) {
        // A flat history says nothing about how far normal goes; the blueprint's documented bound
        // for tuned values (its floor, for alarms on high values) is then the tightest safe choice.
        const bound = sign === 1 ? t.floor : t.ceiling;
        proposal =
          bound !== undefined && sign * bound > env.base
            ? { value: bound, reason: `the history stays at ${num(sign * env.base)}${asideText ? ` (${asideText.slice(2)})` : ''}, which shows no normal range: the ${sign === 1 ? 'floor' : 'ceiling'} ${num(bound)} applies` }
            : { reason: `the history stays at ${num(sign * env.base)}: it shows no normal range to tune from` };
      } else {
        let value = env.value;
        let why = `normal peak ${num(sign * env.base)} (the worst day of ${env.days}${asideText})${env.margin > 0 ? ` ${sign === 1 ? '+' : '−'} margin ${num(env.margin)}${env.counting ? ` (2√${num(Math.abs(env.base))}: a count of events varies by its square root)` : ''}` : ': any higher count breaches'}`;
        // Headroom: room for the normal itself to grow by this factor (a heavier release, more
        // traffic) before the alarm fires, for metrics whose level follows the load.
        const headroom = t.headroom ?? 1;
        const roomy = sign === 1 ? env.base * headroom : env.base / headroom;
        if (headroom !== 1 && sign * env.base > 0 && roomy > value) {
          value = roomy;
          why = `normal peak ${num(sign * env.base)} (the worst day of ${env.days}${asideText}) × headroom ${headroom}: room for the normal to grow`;
        }
        // On a bounded metric, at least half the room between the normal peak and the bound is
        // left for incidents to show in: a threshold next to the bound is one they seldom cross.
        const bound = sign === 1 ? range?.max : range?.min;
        if (bound !== undefined && env.base < sign * bound && value > (env.base + sign * bound) / 2) {
          value = (env.base + sign * bound) / 2;
          why = `normal peak ${num(sign * env.base)}${asideText ? ` (${asideText.slice(2)})` : ''}, halfway to the metric's ${sign === 1 ? 'maximum' : 'minimum'} ${num(bound)}`;
        }
        proposal = { value: sign * value, reason: why };
      }
    }
  } else {
    const proposed = applyPolicy(t, values, evaluation, input.tags, sortedValues(values));
    proposal = proposed;
  }

  const candidates: Candidate[] = [];
  // The candidates rejected only for being noisy, with the evaluation each was replayed with.
  const noisy = new Map<Candidate, Evaluation>();
  const consider = (source: Candidate['source'], value: number, why: string, rule: Evaluation = evaluation): boolean => {
    if (candidates.some((c) => c.value === value && rule === evaluation)) return false;
    const check = checkCandidate(value, rule, values, excluded, range, days, input.replay);
    const candidate = { source, value, chosen: check.ok, reason: check.ok ? why : check.reason!, ...(check.falsePer30d !== undefined ? { falsePer30d: check.falsePer30d } : {}) };
    candidates.push(candidate);
    if (check.rejected === 'noisy') noisy.set(candidate, rule);
    return check.ok;
  };
  const history: HistoryUse = {
    days: Math.round(days * 10) / 10,
    ...(shift ? { levelShift: { since: shift.since, before: shift.before, after: shift.after } } : {}),
    setAside: aside.why,
    ...(droppedDays?.length ? { droppedDays } : {}),
  };
  const basis = { values, timeline, setAside: excluded, days };
  // The reason lists the candidates rejected before the chosen one, unless the policy's own passed.
  const done = (source: Candidate['source'], listRejected = source !== 'policy') => {
    const chosen = candidates.find((c) => c.chosen)!;
    return {
      ...(source === 'default' ? {} : { value: chosen.value }),
      reason: !listRejected ? chosen.reason : `${chosen.reason}; ${candidates.filter((c) => !c.chosen).map((c) => `${c.source} ${num(c.value)} rejected (${c.reason})`).join('; ') || proposal.reason}`,
      candidates,
      history,
      ...(chosen.falsePer30d !== undefined ? { falsePer30d: chosen.falsePer30d } : {}),
      basis,
    };
  };

  if (proposal.value !== undefined) {
    const rounded = roundShortOfBound(proposal.value, sign, evaluation.comparison, range, 3);
    const value = bounded(rounded, t);
    // The blueprint's documented bounds for tuned values, when they moved it, are part of the reason.
    const bound = value === rounded ? '' : `; ${value === t.floor ? 'floor' : 'ceiling'} ${num(value)} applies`;
    const reason = `${proposal.reason}${bound}${lengthened ? `; evaluated ${lengthened}` : ''}`;
    if (consider('policy', value, reason, chosenEvaluation)) {
      return { ...done('policy'), ...(chosenEvaluation !== evaluation ? { evaluation: { evaluationPeriods: chosenEvaluation.evaluationPeriods, datapointsToAlarm: chosenEvaluation.datapointsToAlarm } } : {}) };
    }
  }
  if (input.previousTuned !== undefined && consider('previous', input.previousTuned, 'the previous threshold still fits')) return done('previous');
  if (consider('default', input.defaultThreshold, 'the default fits this history')) return done('default');
  const quietest = quietestReachable(values, evaluation, excluded, range);
  if (quietest !== undefined && consider('quietest', bounded(roundShortOfBound(quietest, sign, evaluation.comparison, range, 4), t), 'the quietest reachable threshold (every other candidate was rejected)')) return done('quietest');
  // None passed. A candidate that is only noisy still fires and stops; the one that would have
  // paged least in normal operation is chosen when it pages less than the default, which is
  // kept otherwise. Keeping a default that pages more, or never stops, or never fires, made the
  // alarm worse than the tuning it replaced: forced onto throttle counts, the robust policy's
  // 10.9 (2.1 false episodes per 30 days) was rejected for the default 0 (15 per 30 days).
  const least = [...noisy.keys()].reduce<Candidate | undefined>((best, c) => (best === undefined || c.falsePer30d! < best.falsePer30d! ? c : best), undefined);
  const byDefault = candidates.find((c) => c.value === input.defaultThreshold);
  if (least && least.value !== input.defaultThreshold && (!byDefault || !noisy.has(byDefault) || least.falsePer30d! < byDefault.falsePer30d!)) {
    least.chosen = true;
    least.reason = `the least noisy candidate, none passing (${least.reason})`;
    const rule = noisy.get(least)!;
    return { ...done(least.source, true), ...(rule !== evaluation ? { evaluation: { evaluationPeriods: rule.evaluationPeriods, datapointsToAlarm: rule.datapointsToAlarm } } : {}) };
  }
  return {
    reason: `no threshold passed (${proposal.value === undefined ? `${t.policy}: ${proposal.reason}; ` : ''}${candidates.map((c) => `${c.source} ${num(c.value)}: ${c.reason}`).join('; ')}); the default is kept`,
    candidates,
    history,
    basis,
  };
}

interface HonestHistory {
  values: Float64Array;
  timeline: Timeline;
  days: number;
  shift: LevelShift | undefined;
  aside: ReturnType<typeof setAsidePaged>;
}

/**
 * The history made honest: enough of it, only the current regime after a lasting level shift,
 * and the windows the reference threshold (the previous run's, else the default) would have
 * paged for set aside as past incidents.
 */
function honestHistory(input: DecisionInput, history: NonNullable<DecisionInput['history']>, referenceThreshold: number): { reason: string } | HonestHistory {
  let { values, start } = history;
  const period = history.period;
  const enough = enoughHistory(values, { start, period }, input.tuning);
  if (enough) return { reason: enough };
  const { newNormalAfterDays } = input.tuning;
  const sooner = newNormalAfterDays === undefined ? undefined : { afterDays: newNormalAfterDays, sign: orientation(input.evaluation.comparison), short: input.defaultThreshold };
  const shift = levelShift(values, { start, period }, sooner);
  if (shift) {
    values = values.subarray(shift.from);
    start += shift.from * period;
  }
  const timeline = { start, period };
  const days = (values.length * period) / 86_400;
  const reference = `${input.previousTuned !== undefined ? 'previous threshold' : 'default threshold'} (${formatNumber(referenceThreshold)})`;
  const aside = setAsidePaged(values, { ...input.evaluation, threshold: referenceThreshold }, reference, days, input.replay);
  return { values, timeline, days, shift, aside };
}

/** Why there is not enough history to tune from, or undefined. */
function enoughHistory(values: Float64Array, timeline: Timeline, t: TuningSpec): string | undefined {
  if (t.minDatapoints !== undefined) {
    const n = values.reduce((k, v) => (v === v ? k + 1 : k), 0);
    return n < t.minDatapoints ? `only ${n} datapoints of history (needs ${t.minDatapoints})` : undefined;
  }
  // Metrics that publish only when something happens (throttles, errors) are sparse by nature:
  // what counts is how long the history runs, from its first datapoint to its last.
  let first = -1;
  let last = -1;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== values[i]) continue;
    if (first < 0) first = i;
    last = i;
  }
  const span = first < 0 ? 0 : ((last - first + 1) * timeline.period) / 86_400;
  if (span >= MIN_DAYS) return undefined;
  // Rounded down: 1.996 days must not read as "2 days (needs 2)".
  const shown = Math.floor(span * 100) / 100;
  return `only ${shown} day${shown === 1 ? '' : 's'} of history (needs ${MIN_DAYS})`;
}

/** The policy's floor and ceiling (the blueprint's documented bounds for tuned values). */
function bounded(value: number, t: TuningSpec): number {
  let out = value;
  if (t.floor !== undefined && out < t.floor) out = t.floor;
  if (t.ceiling !== undefined && out > t.ceiling) out = t.ceiling;
  return out;
}

/**
 * For a metric with a bound on the side it alarms: halfway between the highest level normal
 * operation reached (set-aside slots excepted) and the bound. Undefined when normal reaches the
 * bound, or the metric has no bound there.
 */
function quietestReachable(values: Float64Array, evaluation: Evaluation, setAside: Uint8Array, range: ValueRange | undefined): number | undefined {
  const sign = orientation(evaluation.comparison);
  const bound = sign === 1 ? range?.max : range?.min;
  if (bound === undefined) return undefined;
  const levels = breachLevels(values, evaluation);
  let top = -Infinity;
  for (let i = 0; i < levels.length; i++) if (!setAside[i] && levels[i]! !== Infinity && levels[i]! > top) top = levels[i]!;
  if (top === -Infinity || !(top < sign * bound)) return undefined;
  return sign * ((top + sign * bound) / 2);
}

/**
 * A candidate rounded away from normal, to `digits` significant digits or as many more as keep it
 * short of the metric's bound when it is short of it. The envelope's threshold on a bounded
 * metric and the quietest one lie halfway between normal's highest level and the bound, and
 * rounding must not carry them onto it: normal at 99.9% put the envelope's at 99.95, which is
 * 100 at 3 digits, a threshold a CPU percentage never exceeds. Rejected as unreachable, it left
 * the fallback to choose, and (the quietest rounded the same way) the default was kept, which
 * that history showed in ALARM all the time. A candidate past the bound is rounded as it is, and
 * rejected.
 */
function roundShortOfBound(value: number, sign: 1 | -1, comparison: Evaluation['comparison'], range: ValueRange | undefined, digits: number): number {
  // `reachable` gives the reason a threshold is unreachable, undefined when it is reachable.
  const unreachable = (v: number) => reachable(v, comparison, range) !== undefined;
  if (unreachable(value)) return roundAway(value, sign, digits);
  for (let d = digits; d <= 12; d++) {
    const rounded = roundAway(value, sign, d);
    if (!unreachable(rounded)) return rounded;
  }
  return value;
}

function num(v: number): string {
  return formatNumber(Number(v.toPrecision(4)));
}
