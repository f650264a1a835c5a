import type { TuningSpec } from '../blueprints/types.js';
import { rangeSeen } from '../blueprints/range.js';
import type { Config } from '../config/types.js';
import type { MatchedAlarm } from '../match/types.js';
import type { AlarmMetric, Resolved, ResolvedAlarm, ResolvedResource } from '../resolve/types.js';
import { sha256 } from '../util/hash.js';
import { formatNumber } from '../util/numbers.js';
import { Replays } from './backtest.js';
import { evaluationOf, orientation } from './breach-levels.js';
import type { Evaluation } from './breach-levels.js';
import { BAND_WIDTHS, sameBand } from './band.js';
import type { AnomalyBand } from './band.js';
import { checkCandidate } from './checks.js';
import { decide } from './decide.js';
import { tagReference } from './policies.js';
import { exact } from './round.js';
import { historyKey } from './history.js';
import type { HistorySeries } from './history.js';
import { summarise } from './stats.js';
import type { BandDecision, Decisions, PreviousDecision, PreviousDecisions, ThresholdDecision, TuningReport } from './types.js';

/** What threshold decisions draw on besides the resolved alarms. */
export interface TuningInputs {
  /** The series, in order: a later series of the same metric (key) wins over an earlier one. */
  history: Iterable<HistorySeries>;
  /** Scopes (`account/region`) whose history could not be read this run. */
  unavailable?: { has(scope: string): boolean };
  /**
   * Scopes whose history turned out unusable after some of it was read (a snapshot's file with
   * an error further down): what was read of it is not used, as if none had been.
   */
  unread?: { has(scope: string): boolean };
  /** The previous run's decisions, for hysteresis. */
  previous?: PreviousDecisions;
}

/** An alarm that tuning applies to, with what it needs (also used to fetch history live). */
export interface TunableAlarm {
  id: string;
  alarm: ResolvedAlarm;
  resource: ResolvedResource;
  tuning: TuningSpec;
  metric: AlarmMetric;
  period: number;
}

/** The tuning policy of an alarm: the config's for `<blueprint>/<alarm>`, else the blueprint's. */
export function tuningOf(a: MatchedAlarm, config: Config): TuningSpec | undefined {
  return config.tuning.policies.get(`${a.blueprint.id}/${a.spec.id}`) ?? a.spec.tuning;
}

/** The alarms whose threshold a tuning policy decides. */
export function tunableAlarms(resolved: Resolved, config: Config): TunableAlarm[] {
  if (!config.tuning.enabled) return [];
  const out: TunableAlarm[] = [];
  for (const resource of resolved.resources) {
    for (const alarm of resource.alarms) {
      const tuning = tuningOf(alarm.matched, config);
      if (!tuning || tuning.policy === 'static' || alarm.matched.thresholdOverride) continue;
      out.push({ id: alarm.id, alarm, resource, tuning, metric: alarm.metric, period: alarm.matched.spec.period });
    }
  }
  return out;
}

/**
 * Decides every alarm's threshold: an `obsgen:threshold:<id>` tag wins; then the alarm's
 * tuning policy over its metric's history (too little history, or no tag for a policy that
 * needs one, keeps the default and says why); then the blueprint's default. A tuned value
 * within the hysteresis band of the previous run's keeps the previous one, so nightly runs
 * do not move thresholds by small amounts.
 */
export function decideThresholds(resolved: Resolved, config: Config, inputs: TuningInputs = { history: [] }): Decisions {
  const tuning = new ThresholdTuning(resolved, config, inputs);
  for (const series of inputs.history) tuning.feed(series);
  return tuning.decisions();
}

/**
 * Whether an alarm's decision reads its metric's history: every tuning policy's but
 * relative-to-tag's, which reads it for an anomaly band (`band`) and, on a resource without its
 * tag, for the policy it falls back to (`withoutTag`). What the live source fetches history for.
 */
export function readsHistory(t: TunableAlarm): boolean {
  const { tuning } = t;
  if (tuning.policy !== 'relative-to-tag' || tuning.band !== undefined) return true;
  return tuning.withoutTag !== undefined && tagReference(tuning, t.resource.matched.resource.tags) === undefined;
}

function tunableById(resolved: Resolved, config: Config): Map<string, TunableAlarm> {
  return new Map(tunableAlarms(resolved, config).map((t) => [t.id, t]));
}

/**
 * Threshold decisions made as the history arrives, one series at a time, so that a run never
 * holds all of it: at 10,000 resources, 14 days at one minute of the 33,000 metrics tuning reads
 * are 5.3 GB as Float64Array, and a run that read them all before tuning was killed at 6 GB
 * (2,500 resources: 2.3 GB peak; 5,000: 4.5 GB). `feed` decides the alarms that watch a series'
 * metric, and the series can go; `decisions` decides the others (tags, defaults, tuned alarms
 * without history) and gives every alarm's decision, in resource order.
 */
export class ThresholdTuning {
  private readonly tunable: Map<string, TunableAlarm>;
  /** The tunable alarms by history key, made when the first series comes (a run without history never needs it). */
  private byKeyMap: Map<string, TunableAlarm[]> | undefined;
  private readonly fed = new Map<string, ThresholdDecision>();
  private readonly hashOf = tuningHashes();

  constructor(
    private readonly resolved: Resolved,
    private readonly config: Config,
    private readonly inputs: Omit<TuningInputs, 'history'>,
  ) {
    this.tunable = tunableById(resolved, config);
  }

  private get byKey(): Map<string, TunableAlarm[]> {
    if (this.byKeyMap) return this.byKeyMap;
    const byKey = new Map<string, TunableAlarm[]>();
    for (const t of this.tunable.values()) {
      const key = historyKey(t.metric, t.period);
      const list = byKey.get(key);
      if (list) list.push(t);
      else byKey.set(key, [t]);
    }
    return (this.byKeyMap = byKey);
  }

  /**
   * Decides the alarms that watch this series' metric, in its scope when it has one (see
   * HistorySeries); a later series of the metric decides them again.
   */
  feed(series: HistorySeries): void {
    for (const t of this.byKey.get(series.key) ?? []) {
      if (series.scope !== undefined && series.scope !== `${t.resource.scope.account}/${t.resource.scope.region}`) continue;
      this.fed.set(t.id, tune(t, this.config, this.inputs, series, this.inputs.previous?.get(t.id), this.hashOf));
    }
  }

  private fedDecision(t: TunableAlarm): ThresholdDecision | undefined {
    const { account, region } = t.resource.scope;
    return this.inputs.unread?.has(`${account}/${region}`) ? undefined : this.fed.get(t.id);
  }

  /**
   * Every alarm's decision, in resource order, for `resolved`: by default what tuning began with;
   * a live run resolves its incomplete scopes again after the look-up, and the alarms of the
   * others (the same ids, from the same inputs) keep what they were decided as they were fed.
   */
  decisions(resolved: Resolved = this.resolved): Decisions {
    const out = new Map<string, ThresholdDecision>();
    const tunable = resolved === this.resolved ? this.tunable : tunableById(resolved, this.config);
    for (const resource of resolved.resources) {
      for (const alarm of resource.alarms) {
        const a = alarm.matched;
        const t = tunable.get(alarm.id);
        out.set(
          alarm.id,
          a.thresholdOverride
            ? { value: a.thresholdOverride.value, provenance: { kind: 'tag', tag: a.thresholdOverride.tag, defaultValue: a.spec.threshold } }
            : t
              ? (this.fedDecision(t) ?? tune(t, this.config, this.inputs, undefined, this.inputs.previous?.get(t.id), this.hashOf))
              : { value: a.spec.threshold, provenance: { kind: 'default', source: a.spec.source } },
        );
      }
    }
    return out;
  }
}

/**
 * The version of the decision rules: a decision recorded under other rules is made again, not
 * reused verbatim (2: candidates checked by replay, the envelope policy, honest history).
 */
const RULES_VERSION = 2;

/** What a tuned decision depends on besides the history itself. */
function tuningHash(t: TunableAlarm, lookbackDays: number): string {
  const spec = t.alarm.matched.spec;
  return sha256(JSON.stringify([RULES_VERSION, t.tuning, spec.threshold, spec.comparison, spec.evaluationPeriods, spec.datapointsToAlarm ?? null, spec.treatMissingData, spec.range ?? null, t.period, lookbackDays])).slice(0, 16);
}

/**
 * `tuningHash` made once per blueprint alarm and policy within one run: the alarms of a
 * blueprint alarm share its spec and policy objects, and within a run the period is the spec's
 * and the lookback the policy's (or the config's), so 45,000 alarms need a few dozen hashes.
 */
function tuningHashes(): (t: TunableAlarm, lookbackDays: number) => string {
  const memo = new Map<TuningSpec, Map<object, string>>();
  return (t, lookbackDays) => {
    const bySpec = memo.get(t.tuning) ?? memo.set(t.tuning, new Map()).get(t.tuning)!;
    let hash = bySpec.get(t.alarm.matched.spec);
    if (hash === undefined) bySpec.set(t.alarm.matched.spec, (hash = tuningHash(t, lookbackDays)));
    return hash;
  };
}

/** Statistics of one metric that count events: tuning gives them at least their counting noise. */
const COUNT_STATISTICS: ReadonlySet<string> = new Set(['Sum', 'SampleCount']);

/** How far a tuned threshold may loosen in one run: ×1.5 (÷1.5 for alarms on low values). */
export const MAX_LOOSENING = 1.5;

function tune(t: TunableAlarm, config: Config, inputs: Omit<TuningInputs, 'history'>, series: HistorySeries | undefined, previous: PreviousDecision | undefined, hashOf: (t: TunableAlarm, lookbackDays: number) => string): ThresholdDecision {
  const spec = t.alarm.matched.spec;
  const lookbackDays = t.tuning.lookbackDays ?? config.tuning.lookbackDays;
  const tuning = hashOf(t, lookbackDays);
  const wasTuned = previous && (previous.provenance.kind === 'tuned' || previous.provenance.kind === 'kept');
  // The previous decision as recorded, when it was made the same way: reusing it verbatim keeps
  // the generated files byte-identical while thresholds hold, whatever today's history adds.
  const same = previous && previous.tuning === tuning ? previous : undefined;
  const own = evaluationOf(spec);
  const keep = (p: NonNullable<typeof same>, reason: string, tuned?: number): ThresholdDecision => ({
    value: p.threshold,
    ...(p.band ? { band: p.band } : {}),
    ...recordedEvaluation(p, own),
    provenance: p.provenance,
    ...(p.report ? { report: p.report } : {}),
    tuning,
    kept: { reason, ...(tuned !== undefined ? { tuned } : {}) },
  });
  if (wasTuned && inputs.unavailable?.has(`${t.resource.scope.account}/${t.resource.scope.region}`)) {
    // A failed history read must not swing thresholds back to their defaults.
    const reason = 'metric history could not be read this run';
    if (same) return keep(same, reason);
    // The policy that made the previous decision (a withoutTag fallback's, not relative-to-tag).
    const policy = previous.provenance.kind === 'tuned' || previous.provenance.kind === 'kept' ? previous.provenance.policy : t.tuning.policy;
    return { value: previous.threshold, ...(previous.band ? { band: previous.band } : {}), ...recordedEvaluation(previous, own), provenance: { kind: 'kept', policy, reason, tuned: previous.threshold, defaultValue: spec.threshold }, tuning };
  }
  const evaluation = own;
  const from = series ? Math.max(0, series.values.length - Math.floor((lookbackDays * 86_400) / series.period)) : 0;
  const values = series?.values.subarray(from);
  const range = rangeSeen(spec.range, values);
  // Bands are drawn on one metric: a config that asks one of a math alarm is not followed.
  const spec$ = t.metric.kind === 'single' || !t.tuning.band ? t.tuning : { ...t.tuning, band: undefined };
  const replays = values && new Replays(values);
  const decided = decide({
    ...(series && values ? { history: { values, start: series.start + from * series.period, period: series.period } } : {}),
    evaluation,
    defaultThreshold: spec.threshold,
    tuning: spec$,
    ...(range ? { range } : {}),
    tags: t.resource.matched.resource.tags,
    ...(wasTuned ? { previousTuned: previous.threshold } : {}),
    ...(previous?.band ? { previousBand: previous.band } : {}),
    counts: t.metric.kind === 'single' && COUNT_STATISTICS.has(t.metric.metric.statistic),
    ...(replays ? { replay: replays.replay } : {}),
  });
  const decision = { ...decided, band: steadyBand(decided.band, previous?.band) };
  // The policy that made the decision: relative-to-tag's own, or its withoutTag fallback's.
  const madeBy = decided.policy ?? t.tuning.policy;
  // The report, made only for a decision that is not the previous one kept verbatim (which
  // carries its own): on a nightly run where thresholds hold, that is most of them.
  const reportOf = (chosen: { threshold: number; evaluation?: Partial<Evaluation> }): TuningReport | undefined => {
    const report: TuningReport | undefined =
      values && replays
        ? {
            summary: summarise(values),
            lookbackDays,
            episodes: {
              default: replays.replay(values, { ...evaluation, threshold: spec.threshold }).result.episodes,
              chosen: replays.replay(values, { ...evaluation, ...chosen.evaluation, threshold: chosen.threshold }).result.episodes,
            },
            ...(decision.history ? { history: decision.history } : {}),
            ...(decision.candidates.length > 0 ? { candidates: decision.candidates } : {}),
          }
        : decision.candidates.length > 0
          ? { candidates: decision.candidates }
          : undefined;
    if (report && decided.bandReason !== undefined) report.band = { reason: decided.bandReason, ...(decided.bandCandidates?.length ? { candidates: decided.bandCandidates } : {}) };
    if (report && decision.falsePer30d !== undefined) report.falsePer30d = decision.falsePer30d;
    return report;
  };
  const chosenBand: BandDecision | undefined = decision.band && {
    ...decision.band,
    fromHistory: decided.bandCandidates !== undefined,
    reason:
      decision.band.width === decided.band?.width
        ? decided.bandReason!
        : decision.band.width > decided.band!.width
          ? `kept the previous width ${decision.band.width}: one step narrower is not worth a change (${decided.bandReason})`
          : `widened at most one step a run: ${previous!.band!.width} → ${decision.band.width} (${decided.bandReason})`,
  };
  // The previous record is reused verbatim only with the same band (or none on both runs).
  const kept = same && sameBand(same.band, chosenBand) ? same : undefined;
  // A band rides along the static decision, which stays what the alarm would have without it.
  const withBand = (d: Omit<ThresholdDecision, 'band'>): ThresholdDecision => (chosenBand ? { ...d, band: chosenBand } : d);

  if (decision.value === undefined) {
    if (kept && kept.provenance.kind === 'fallback') return keep(kept, `still not tuned: ${decision.reason}`);
    const report = reportOf({ threshold: spec.threshold });
    return withBand({ value: spec.threshold, provenance: { kind: 'fallback', policy: madeBy, reason: decision.reason, defaultValue: spec.threshold }, ...(report ? { report } : {}), tuning });
  }
  let value = decision.value;
  let reason = decision.reason;
  const hysteresis = config.tuning.hysteresis;
  if (kept && wasTuned && Math.abs(kept.threshold - value) <= hysteresis * Math.abs(value)) {
    // Kept only while it passes the checks every candidate passes, over this run's history: a
    // threshold loosened at most ×1.5 after a lasting rise sat just under the new normal, and
    // hysteresis held it there, flapping every afternoon (eval: level-shift-up-busy-cpu).
    const check = decision.basis && checkCandidate(kept.threshold, { ...own, ...recordedEvaluation(kept, own).evaluation }, decision.basis.values, decision.basis.setAside, range, decision.basis.days, replays?.replay);
    if (!check || check.ok) {
      return keep(kept, value === kept.threshold ? 'newly tuned to the same value' : `newly tuned ${formatNumber(value)} is within ±${Math.round(hysteresis * 100)}% of ${formatNumber(kept.threshold)}`, value);
    }
    reason = `${reason}; the previous ${formatNumber(kept.threshold)}, within ±${Math.round(hysteresis * 100)}%, is not kept: ${check.reason}`;
  }
  // A night's history may hold an incident nobody was paged for: a threshold loosens by at most
  // ×1.5 a run, so one bad night cannot move it out of reach (the next runs go on if it was normal).
  // A threshold a tag gives (relative-to-tag) owes nothing to history: a timeout tagged on a
  // function tuned from its history until then takes effect at once.
  if (wasTuned && madeBy !== 'relative-to-tag') {
    const sign = orientation(spec.comparison);
    const limit = exact(sign === 1 ? previous.threshold * MAX_LOOSENING : previous.threshold / MAX_LOOSENING);
    if (previous.threshold > 0 && sign * value > sign * limit) {
      reason = `${reason}; loosened at most ×${MAX_LOOSENING} a run: ${formatNumber(previous.threshold)} → ${formatNumber(limit)} (tuned ${formatNumber(value)})`;
      value = limit;
    }
  }
  const report = reportOf({ threshold: value, ...(decision.evaluation ? { evaluation: decision.evaluation } : {}) });
  return withBand({ value, ...(decision.evaluation ? { evaluation: decision.evaluation } : {}), provenance: { kind: 'tuned', policy: madeBy, reason, defaultValue: spec.threshold }, ...(report ? { report } : {}), tuning });
}

/**
 * Band widths, night to night: a width one step narrower than the previous night's is not worth
 * a change (the previous one is quieter still, and was fine); a wider one loosens at most one
 * step (×1.5 or less, as thresholds do), so one bad night cannot blind the alarm.
 */
function steadyBand(band: AnomalyBand | undefined, previous: AnomalyBand | undefined): AnomalyBand | undefined {
  if (!band || !previous || band.side !== previous.side) return band;
  const at = (w: number) => BAND_WIDTHS.indexOf(w as (typeof BAND_WIDTHS)[number]);
  const now = at(band.width);
  const before = at(previous.width);
  if (now < 0 || before < 0) return band;
  if (now === before - 1) return previous;
  if (now > before + 1) return { ...band, width: BAND_WIDTHS[before + 1]! };
  return band;
}

/** The evaluation a previous decision recorded, when it was not the blueprint's own (a longer one tuning chose). */
function recordedEvaluation(p: PreviousDecision, own: Evaluation): Pick<ThresholdDecision, 'evaluation'> {
  const { evaluationPeriods, datapointsToAlarm } = p;
  if (evaluationPeriods === undefined || datapointsToAlarm === undefined) return {};
  return evaluationPeriods !== own.evaluationPeriods || datapointsToAlarm !== own.datapointsToAlarm ? { evaluation: { evaluationPeriods, datapointsToAlarm } } : {};
}
