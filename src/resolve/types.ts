import type { LogGroupSpec, MetricFilterSpec } from '../blueprints/types.js';
import type { Dimension, Scope, ScopeStatus } from '../discover/types.js';
import type { MatchedAlarm, MatchedResource, Unmonitored } from '../match/types.js';

/** Identity of the monitored resource an object belongs to. */
export interface ResourceRef {
  arn: string;
  type: string;
  typeLabel: string;
  name: string;
  app: string;
  env?: string;
}

export interface MetricStat {
  namespace: string;
  name: string;
  dimensions: Dimension[];
  statistic: string;
  unit?: string;
  label?: string;
}

export type AlarmMetric =
  | { kind: 'single'; metric: MetricStat }
  | { kind: 'math'; expression: string; label: string; queries: { id: string; metric: MetricStat }[] };

/**
 * A matched resource with its identity and everything its blueprints' templates give that does
 * not depend on a threshold: resolved once, then read by tuning, the model and the live source.
 */
export interface ResolvedResource {
  matched: MatchedResource;
  /** Stable id (account/region/type/name): the unit its monitoring is grouped and stacked by. */
  unit: string;
  scope: Scope;
  ref: ResourceRef;
  /** The template context: resource, tags, app, env, prefix. */
  context: Record<string, unknown>;
  logGroups: ResolvedLogGroup[];
  metricFilters: ResolvedMetricFilter[];
  alarms: ResolvedAlarm[];
}

export interface ResolvedLogGroup {
  /** Stable id: the unit, `logs` and the blueprint's log group id. */
  id: string;
  spec: LogGroupSpec;
  name: string;
  /**
   * When another resource names the same log group (state machines may share one): the id of
   * the log group that is generated, its owner's. This one is then not generated itself.
   */
  owner?: string;
}

export interface ResolvedMetricFilter {
  /** Stable id: the log group's and the blueprint's filter id. */
  id: string;
  /** The log group it is attached to: its own, or the owner's when the log group is shared. */
  logGroupId: string;
  logGroupName: string;
  spec: MetricFilterSpec;
  namespace: string;
  metricName: string;
}

/** An alarm with its stable id and what it evaluates. */
export interface ResolvedAlarm {
  /** Stable id: the unit and the blueprint's alarm id. Names, addresses, logical ids and the manifest derive from it. */
  id: string;
  matched: MatchedAlarm;
  metric: AlarmMetric;
  /** For a metric filter's alarm: the filter it watches. */
  metricFilterId?: string;
}

/** The matched resources, resolved; the rest of what matching found, as it was. */
export interface Resolved {
  /** Sorted by ARN. */
  resources: ResolvedResource[];
  unmonitored: Unmonitored[];
  scopes: ScopeStatus[];
}

/**
 * What the previous run named, read from its manifest: a name a claimant had keeps being its
 * own when a newcomer claims the same (see `assignNames`), so the nightly run renames nothing
 * that was already deployed. Keys are `namespacedKey(namespace, name)`.
 */
export interface PreviousNames {
  /** Resource unit ids (namespace ''): the ARN each was for. */
  units: ReadonlyMap<string, string>;
  /** The log groups generated, by what AWS knows a log group by (`logGroupKey`): the id each had (the owner of a shared one stays its owner). */
  logGroupIds: ReadonlyMap<string, string>;
  /** Alarm names (namespace `account/region`): the alarm's identity (`alarmIdentity`). */
  alarms: ReadonlyMap<string, string>;
  /** The other way round: each alarm's name by its identity. */
  alarmNames: ReadonlyMap<string, string>;
  /** Composite alarm names (namespace `account/region`): the composite's id. */
  composites: ReadonlyMap<string, string>;
  /** Metric filter names (namespace `account/region/log group`): the filter's id. */
  metricFilters: ReadonlyMap<string, string>;
}

export const NO_PREVIOUS_NAMES: PreviousNames = { units: new Map(), logGroupIds: new Map(), alarms: new Map(), alarmNames: new Map(), composites: new Map(), metricFilters: new Map() };
