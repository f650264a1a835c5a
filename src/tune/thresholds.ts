import type { TuningSpec } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Manifest } from '../state/manifest.js';
import type { Plan, PlannedAlarm, PlannedResource } from '../match/types.js';
import { alarmMetric } from '../model/alarm-metric.js';
import { formatNumber } from '../model/describe.js';
import { resourceKey } from '../model/names.js';
import { Renderer, resourceContext, withAlarm } from '../model/render.js';
import type { AlarmMetric } from '../model/types.js';
import { backtest } from './backtest.js';
import type { AlarmShape } from './backtest.js';
import { historyKey, MetricHistory } from './history.js';
import { applyPolicy } from './policies.js';
import { sortedValues, summarise } from './stats.js';
import type { ThresholdDecision, TunedAlarm, TunedPlan } from './types.js';
import { sha256 } from '../util/hash.js';

/** What threshold decisions draw on besides the plan. */
export interface TuningInputs {
  history: MetricHistory;
  /** Scopes (`account/region`) whose history could not be read this run. */
  unavailable?: ReadonlySet<string>;
  /** The previous run's manifest, for hysteresis. */
  previous?: Manifest;
}

/** An alarm that tuning applies to, with what it needs (also used to fetch history live). */
export interface TunableAlarm {
  id: string;
  planned: PlannedAlarm;
  resource: PlannedResource;
  tuning: TuningSpec;
  metric: AlarmMetric | undefined;
  period: number;
}

/** The tuning policy of an alarm: the config's for `<blueprint>/<alarm>`, else the blueprint's. */
export function tuningOf(a: PlannedAlarm, config: Config): TuningSpec | undefined {
  return config.tuning.policies.get(`${a.blueprint.id}/${a.spec.id}`) ?? a.spec.tuning;
}

/** The alarms whose threshold a tuning policy decides, with their metric identity. */
export function tunableAlarms(plan: Plan, config: Config): TunableAlarm[] {
  if (!config.tuning.enabled) return [];
  const renderer = new Renderer(new Diagnostics());
  const out: TunableAlarm[] = [];
  for (const p of plan.resources) {
    const r = p.resource;
    const context = resourceContext(r, p.app, p.env, config.naming.prefix);
    for (const a of p.alarms) {
      const tuning = tuningOf(a, config);
      if (!tuning || tuning.policy === 'static' || a.thresholdOverride) continue;
      const alarmContext = withAlarm(context, { id: a.spec.id, title: a.spec.title, severity: a.severity, threshold: a.spec.threshold });
      out.push({
        id: `${resourceKey({ partition: r.partition, account: r.account, region: r.region }, r.type, r.name)}/${a.spec.id}`,
        planned: a,
        resource: p,
        tuning,
        metric: alarmMetric(a.spec, a.filter?.filter, r, a.filter ? context : alarmContext, renderer),
        period: a.spec.period,
      });
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
export function decideThresholds(plan: Plan, config: Config, inputs: TuningInputs = { history: new MetricHistory() }): TunedPlan {
  const tunable = new Map(tunableAlarms(plan, config).map((t) => [t.planned, t]));
  const previous = new Map((inputs.previous?.alarms ?? []).map((a) => [a.id, a]));
  return {
    ...plan,
    resources: plan.resources.map((r) => ({
      ...r,
      alarms: r.alarms.map((a): TunedAlarm => {
        const t = tunable.get(a);
        const decision = a.thresholdOverride
          ? { value: a.thresholdOverride.value, provenance: { kind: 'tag' as const, tag: a.thresholdOverride.tag, defaultValue: a.spec.threshold } }
          : t
            ? tune(t, r, config, inputs, previous.get(t.id))
            : { value: a.spec.threshold, provenance: { kind: 'default' as const, source: a.spec.source } };
        return { ...a, threshold: decision };
      }),
    })),
  };
}

/** What a tuned decision depends on besides the history itself. */
function tuningHash(t: TunableAlarm, lookbackDays: number): string {
  return sha256(JSON.stringify([t.tuning, t.planned.spec.threshold, t.planned.spec.comparison, t.planned.spec.evaluationPeriods, t.planned.spec.datapointsToAlarm ?? null, t.planned.spec.treatMissingData, t.period, lookbackDays])).slice(0, 16);
}

function tune(t: TunableAlarm, r: PlannedResource, config: Config, inputs: TuningInputs, previous: Manifest['alarms'][number] | undefined): ThresholdDecision {
  const spec = t.planned.spec;
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
  if (wasTuned && inputs.unavailable?.has(`${r.resource.account}/${r.resource.region}`)) {
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
  const series = t.metric ? history.get(historyKey(t.metric, t.period)) : undefined;
  const values = series ? series.values.subarray(Math.max(0, series.values.length - Math.floor((lookbackDays * 86_400) / series.period))) : undefined;
  const sorted = values ? sortedValues(values) : undefined;
  const result = applyPolicy(t.tuning, values, shape, r.resource.tags, sorted);
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
