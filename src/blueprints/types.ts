import type { DocPath, SourceDocument } from '../diagnostics/source-document.js';

export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export type Comparison =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** Where in a blueprint file something was written, for diagnostics at render time. */
export interface SpecRef {
  doc: SourceDocument;
  path: DocPath;
}

/** A metric as a blueprint names it; namespace and dimensions default to the resource's. */
export interface MetricSpec {
  namespace?: string;
  name: string;
  statistic: string;
  /** Extra or replacing dimensions; values are templates. */
  dimensions?: Record<string, string>;
  unit?: string;
  label?: string;
}

/** Query id of a metric-math expression's result; blueprints may not use it for a metric. */
export const MATH_RESULT_ID = 'result';

export interface MathSpec {
  expression: string;
  label: string;
  /** By query id (`^[a-z][A-Za-z0-9_]*$`). */
  metrics: Record<string, MetricSpec>;
}

/** An alarm definition as written in a blueprint (templates unrendered). */
export interface AlarmSpec {
  id: string;
  title: string;
  description: string;
  firstCheck?: string;
  source: string;
  severity: Severity;
  metric?: MetricSpec;
  math?: MathSpec;
  /** Only for a metric filter's alarm: statistic of the filter's metric. */
  statistic?: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  comparison: Comparison;
  threshold: number;
  treatMissingData: TreatMissingData;
  runbook?: string;
  tuning?: TuningSpec;
  /** Off unless the resource opts in (tag `obsgen:enable`, or the config's `enable` rules). */
  optIn?: boolean;
  /** `false`: the alarm notifies no one (an SLO window: the composite alarm pairing it does). */
  notify?: false;
  /** For an SLO window alarm (made by obsgen from a blueprint's `slo`, never written in one): its place. */
  slo?: SloWindow;
  /** What values the alarm's metric can take at all (a percentage: 0 to 100): tuning never goes beyond. */
  range?: { min?: number; max?: number; softMax?: number };
  at: SpecRef;
}

export type TuningPolicy = 'static' | 'envelope' | 'percentile' | 'robust' | 'noise-budget' | 'relative-to-tag';

/** How an alarm's threshold follows the metric's history (see the blueprint schema). */
export interface TuningSpec {
  policy: TuningPolicy;
  percentile?: number;
  k?: number;
  maxEpisodes?: number;
  headroom?: number;
  tag?: string;
  fraction?: number;
  /** relative-to-tag: the policy that tunes from history on a resource without the tag. */
  withoutTag?: Exclude<TuningPolicy, 'static' | 'relative-to-tag'>;
  floor?: number;
  ceiling?: number;
  minDatapoints?: number;
  lookbackDays?: number;
  /** Days after which a changed level short of the default threshold is the new normal (default 3: `levelShift`). */
  newNormalAfterDays?: number;
  /** Longer evaluations (M of N) tuning may choose instead of the alarm's own, when the history's noise calls for one. */
  evaluations?: { datapointsToAlarm: number; evaluationPeriods: number }[];
  /** An anomaly detection band instead of a static threshold: when the history calls for one (`auto`), or always. */
  band?: 'auto' | 'always';
  /** Which side of the band fires; default: the side the comparison watches. */
  bandSide?: 'upper' | 'lower' | 'both';
  /** The band is drawn over `FILL(metric, bandFill)`: a period without datapoints counts as this value. */
  bandFill?: number;
}

export interface MetricFilterSpec {
  id: string;
  pattern: string;
  metric: { namespace: string; name: string; value: string; defaultValue?: number; unit?: string };
  alarm?: AlarmSpec;
  at: SpecRef;
}

export interface LogGroupSpec {
  id: string;
  name: string;
  retentionDays?: number;
  metricFilters: MetricFilterSpec[];
  at: SpecRef;
}

export interface WidgetSpec {
  title: string;
  metrics?: MetricSpec[];
  math?: MathSpec;
  /** Alarm ids whose thresholds are drawn on the graph. */
  alarms: string[];
  view: 'timeSeries' | 'singleValue';
  stacked?: boolean;
  period?: number;
  width: number;
  height: number;
  at: SpecRef;
}

/** Which resources a blueprint applies to, besides their type. */
export interface MatchSpec {
  tags: TagPredicate[];
  namePattern?: RegExp;
  excludeNamePattern?: RegExp;
  /** Resource attribute → allowed values. */
  attributes?: Record<string, string[]>;
}

export interface TagPredicate {
  tag: string;
  values?: string[];
  absent?: boolean;
}

/** The kinds of service level objective: requests that succeed, or that are fast enough. */
export type SloKind = 'availability' | 'latency';

/**
 * A resource type's service level indicators (a blueprint's `slo`): what counts as a request,
 * and as a failed or a slow one. Several metrics in a list are added up.
 */
export interface SloSpec {
  availability?: { errors: MetricSpec[]; requests: MetricSpec[] };
  /** `metric`: the latency metric (percentile rank `PR(:t)` is taken of it); `unit`: of its values. */
  latency?: { metric: Omit<MetricSpec, 'statistic'>; requests: MetricSpec[]; unit: 'milliseconds' | 'seconds' };
  at: SpecRef;
}

/** Where an SLO window alarm belongs: its objective and burn-rate pair (see match/slo-alarms.ts). */
export interface SloWindow {
  kind: SloKind;
  /** The objective, in percent of requests. */
  objective: number;
  /** For latency: the threshold a good request takes at most, in milliseconds. */
  thresholdMs?: number;
  /** Where the objective was declared: a config rule or a tag. */
  from: string;
  pair: 'fast' | 'slow' | 'ticket';
  burn: number;
  role: 'long' | 'short';
  /** Seconds. */
  window: number;
}

/** A validated blueprint. */
export interface Blueprint {
  id: string;
  file: string;
  resourceType: string;
  description: string;
  match: MatchSpec;
  alarms: AlarmSpec[];
  logGroups: LogGroupSpec[];
  widgets: WidgetSpec[];
  /** Service level indicators, for objectives declared in the config or by tags. */
  slo?: SloSpec;
  /** Whether it was shipped with obsgen (as opposed to a user folder). */
  builtin: boolean;
  /** Hash of the file's text, for the inputs fingerprint. */
  sha256: string;
}

/** Every alarm of a blueprint, including metric filters' alarms. */
export function allAlarmSpecs(blueprint: Blueprint): AlarmSpec[] {
  const out = [...blueprint.alarms];
  for (const lg of blueprint.logGroups) for (const f of lg.metricFilters) if (f.alarm) out.push(f.alarm);
  return out;
}
