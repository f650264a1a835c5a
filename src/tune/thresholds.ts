import type { TuningSpec } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import type { MatchedAlarm } from '../match/types.js';
import type { AlarmMetric, Resolved, ResolvedAlarm, ResolvedResource } from '../resolve/types.js';
import { sha256 } from '../util/hash.js';
import { formatNumber } from '../util/numbers.js';
import { backtest } from './backtest.js';
import type { AlarmShape } from './backtest.js';
import { historyKey, MetricHistory } from './history.js';
import { applyPolicy } from './policies.js';
import { sortedValues, summarise } from './stats.js';
import type { Decisions, PreviousDecision, PreviousDecisions, ThresholdDecision } from './types.js';

/** What threshold decisions draw on besides the resolved alarms. */
export interface TuningInputs {
  history: MetricHistory;
  /** Scopes (`account/region`) whose history could not be read this run. */
  unavailable?: ReadonlySet<string>;
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
export function decideThresholds(resolved: Resolved, config: Config, inputs: TuningInputs = { history: new MetricHistory() }): Decisions {
  const tunable = new Map(tunableAlarms(resolved, config).map((t) => [t.id, t]));
  const out = new Map<string, ThresholdDecision>();
  for (const resource of resolved.resources) {
    for (const alarm of resource.alarms) {
      const a = alarm.matched;
      const t = tunable.get(alarm.id);
      out.set(
        alarm.id,
        a.thresholdOverride
          ? { value: a.thresholdOverride.value, provenance: { kind: 'tag', tag: a.thresholdOverride.tag, defaultValue: a.spec.threshold } }
          : t
            ? tune(t, config, inputs, inputs.previous?.get(t.id))
            : { value: a.spec.threshold, provenance: { kind: 'default', source: a.spec.source } },
      );
    }
  }
  return out;
}

/** What a tuned decision depends on besides the history itself. */
function tuningHash(t: TunableAlarm, lookbackDays: number): string {
  return sha256(JSON.stringify([t.tuning, t.alarm.matched.spec.threshold, t.alarm.matched.spec.comparison, t.alarm.matched.spec.evaluationPeriods, t.alarm.matched.spec.datapointsToAlarm ?? null, t.alarm.matched.spec.treatMissingData, t.period, lookbackDays])).slice(0, 16);
}

function tune(t: TunableAlarm, config: Config, inputs: TuningInputs, previous: PreviousDecision | undefined): ThresholdDecision {
  const spec = t.alarm.matched.spec;
  const lookbackDays = t.tuning.lookbackDays ?? config.tuning.lookbackDays;
  const tuning = tuningHash(t, lookbackDays);
  const wasTuned = previous && (previous.provenance.kind === 'tuned' || previous.provenance.kind === 'kept');
  // The previous decision as recorded, when it was made the same way: reusing it verbatim keeps
  // the generated files byte-identical while thresholds hold, whatever today's history adds.
  const same = previous && previous.tuning === tuning ? previous : undefined;
  const keep = (p: NonNullable<typeof same>, reason: string, tuned?: number): ThresholdDecision => ({
    value: p.threshold,
    provenance: p.provenance,
    ...(p.report ? { report: p.report } : {}),
    tuning,
    kept: { reason, ...(tuned !== undefined ? { tuned } : {}) },
  });
  if (wasTuned && inputs.unavailable?.has(`${t.resource.scope.account}/${t.resource.scope.region}`)) {
    // A failed history read must not swing thresholds back to their defaults.
    const reason = 'metric history could not be read this run';
    if (same) return keep(same, reason);
    return { value: previous.threshold, provenance: { kind: 'kept', policy: t.tuning.policy, reason, tuned: previous.threshold, defaultValue: spec.threshold }, tuning };
  }
  const history = inputs.history;
  const shape: Omit<AlarmShape, 'threshold'> = {
    comparison: spec.comparison,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
    treatMissingData: spec.treatMissingData,
  };
  const series = history.get(historyKey(t.metric, t.period));
  const values = series ? series.values.subarray(Math.max(0, series.values.length - Math.floor((lookbackDays * 86_400) / series.period))) : undefined;
  const sorted = values ? sortedValues(values) : undefined;
  const result = applyPolicy(t.tuning, values, shape, t.resource.matched.resource.tags, sorted);
  const report = values
    ? { summary: summarise(values, sorted), lookbackDays, episodes: { default: backtest(values, { ...shape, threshold: spec.threshold }).episodes, chosen: 0 } }
    : undefined;

  if (result.value === undefined) {
    if (same && same.provenance.kind === 'fallback') return keep(same, `still not tuned: ${result.reason}`);
    if (report) report.episodes.chosen = report.episodes.default;
    return { value: spec.threshold, provenance: { kind: 'fallback', policy: t.tuning.policy, reason: result.reason, defaultValue: spec.threshold }, ...(report ? { report } : {}), tuning };
  }
  const value = result.value;
  const band = config.tuning.hysteresis;
  if (same && wasTuned && Math.abs(same.threshold - value) <= band * Math.abs(value)) {
    return keep(same, value === same.threshold ? 'newly tuned to the same value' : `newly tuned ${formatNumber(value)} is within ±${Math.round(band * 100)}% of ${formatNumber(same.threshold)}`, value);
  }
  if (report) report.episodes.chosen = backtest(values!, { ...shape, threshold: value }).episodes;
  return { value, provenance: { kind: 'tuned', policy: t.tuning.policy, reason: result.reason, defaultValue: spec.threshold }, ...(report ? { report } : {}), tuning };
}
