import type { Comparison, Severity, SloKind, SloWindow, TreatMissingData } from '../blueprints/types.js';
import type { ActionTarget } from '../config/types.js';
import type { Scope } from '../discover/types.js';
import type { AlarmMetric, ResourceRef } from '../resolve/types.js';

export type { AlarmMetric, MetricStat, ResourceRef } from '../resolve/types.js';
import type { ThresholdDecision } from '../tune/types.js';

/**
 * The intermediate representation every emitter reads. Plain data, sorted by id; ids are
 * stable (derived from resource identity and blueprint ids, never from list positions).
 */
export interface Model {
  scopes: Scope[];
  units: UnitModel[];
  alarms: AlarmModel[];
  composites: CompositeAlarmModel[];
  logGroups: LogGroupModel[];
  metricFilters: MetricFilterModel[];
  dashboards: DashboardModel[];
}

/**
 * What stays together in one stack: a resource's alarms, log groups and filters, or an
 * application's composite alarms and dashboards.
 */
export interface UnitModel {
  id: string;
  kind: 'resource' | 'application';
  scope: Scope;
  /** Resource ARN or application name. */
  label: string;
}

export interface AlarmModel {
  id: string;
  unit: string;
  scope: Scope;
  resource: ResourceRef;
  blueprintId: string;
  alarmId: string;
  title: string;
  name: string;
  /** The full AlarmDescription (≤ 1024 characters). */
  description: string;
  meaning: string;
  firstCheck?: string;
  runbook?: string;
  source: string;
  severity: Severity;
  metric: AlarmMetric;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  comparison: Comparison;
  treatMissingData: TreatMissingData;
  threshold: ThresholdDecision;
  /** For a metric filter's alarm: the filter it watches. */
  metricFilterId?: string;
  /** `false`: no actions (an SLO window alarm: the composite alarm pairing it notifies). */
  notify?: false;
  /** For an SLO window alarm: its objective and burn-rate pair. */
  slo?: SloWindow;
}

export interface CompositeAlarmModel {
  id: string;
  unit: string;
  scope: Scope;
  app: string;
  name: string;
  description: string;
  rule: string;
  /** Names of the alarms the rule references. */
  children: string[];
  /** Whose actions it takes: the application's (an application's composite), or a severity's (an SLO's). */
  target: ActionTarget;
  /** For an SLO composite: the objective's kind, whether it pages or opens a ticket, and the resource. */
  slo?: { kind: SloKind; notice: 'page' | 'ticket'; resource: string };
}

export interface LogGroupModel {
  id: string;
  unit: string;
  scope: Scope;
  resource: ResourceRef;
  name: string;
  retentionDays: number;
  /** The log group exists already (the service created it): import it instead of creating it. */
  exists: boolean;
  /** Its retention today, when it exists (absent: never expires). */
  currentRetentionDays?: number;
  /** Kept in AWS, with its logs, when it leaves the output: imported, or `logs.removalPolicy: retain`. */
  retain: boolean;
  /**
   * When its id is one another resource's unit gave it (its owner then went: see
   * log-identity.ts), that unit's type and name (`type/name`), which its CloudFormation logical
   * id is read after, as it was; absent when it is named after its owner.
   */
  namedAfter?: string;
  /**
   * Other resources that name this log group (it is `resource`'s, its owner's): their metric
   * filters are attached to it. Absent when it is not shared.
   */
  sharedBy?: ResourceRef[];
}

export interface MetricFilterModel {
  id: string;
  /** Its log group's unit (a shared log group's filters live with it). */
  unit: string;
  scope: Scope;
  logGroupId: string;
  logGroupName: string;
  filterName: string;
  pattern: string;
  metric: { namespace: string; name: string; value: string; defaultValue?: number; unit?: string };
}

export interface DashboardModel {
  id: string;
  unit: string;
  scope: Scope;
  app: string;
  name: string;
  body: DashboardBody;
}

export interface DashboardBody {
  start: string;
  periodOverride: 'auto' | 'inherit';
  widgets: DashboardWidget[];
}

export interface DashboardWidget {
  type: 'metric' | 'text' | 'alarm' | 'log';
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}
