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
  /** What values the alarm's metric can take at all (a percentage: 0 to 100): tuning never goes beyond. */
  range?: { min?: number; max?: number };
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
  floor?: number;
  ceiling?: number;
  minDatapoints?: number;
  lookbackDays?: number;
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
