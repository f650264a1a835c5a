import { MATH_RESULT_ID } from '../../blueprints/types.js';
import type { ActionTarget } from '../../config/types.js';
import type { Scope } from '../../discover/types.js';
import type { AlarmModel, CompositeAlarmModel, DashboardModel, LogGroupModel, MetricFilterModel } from '../../model/types.js';
import { assignNames } from '../../util/name-registry.js';
import { address, scopeKey } from './addresses.js';
import { attr, blank, block, expr, FunctionCall, LinePerItem, map, OneLine, quote } from './hcl.js';
import type { Block, BodyItem, HclValue } from './hcl.js';
import type { MetricStat } from '../../model/types.js';
import { bandAlarm } from '../../model/band.js';

export const ALARM = 'aws_cloudwatch_metric_alarm';
export const COMPOSITE = 'aws_cloudwatch_composite_alarm';
export const LOG_GROUP = 'aws_cloudwatch_log_group';
export const METRIC_FILTER = 'aws_cloudwatch_log_metric_filter';
export const DASHBOARD = 'aws_cloudwatch_dashboard';

/** Resource addresses of every object, by stable id. */
export interface Addresses {
  alarms: Map<string, string>;
  composites: Map<string, string>;
  logGroups: Map<string, string>;
  metricFilters: Map<string, string>;
  dashboards: Map<string, string>;
}

/**
 * Derives every address once, so references and outputs agree. Addresses are unique per
 * resource type by construction: two objects whose readable parts and hashes coincide (a hash
 * collision between two ids) are told apart by a longer hash of the later one's id.
 */
export function addressesFor(model: {
  alarms: AlarmModel[];
  composites: CompositeAlarmModel[];
  logGroups: LogGroupModel[];
  metricFilters: MetricFilterModel[];
  dashboards: DashboardModel[];
}): Addresses {
  const unique = (pairs: [id: string, address: string][]) =>
    assignNames(pairs.map(([id, name]) => ({ name, identity: id, exact: true })), { disambiguate: (name, hash) => `${name}_${hash}` });
  return {
    alarms: unique(model.alarms.map((a) => [a.id, address(`${a.resource.type}_${a.resource.name}_${a.alarmId}`, a.id)])),
    composites: unique(model.composites.map((c) => [c.id, address(`${c.app}_${c.id.split('/').pop()!}`, c.id)])),
    logGroups: unique(model.logGroups.map((l) => [l.id, address(l.name, l.id)])),
    metricFilters: unique(model.metricFilters.map((f) => [f.id, address(`${f.logGroupName}_${f.id.split('/').pop()!}`, f.id)])),
    dashboards: unique(model.dashboards.map((d) => [d.id, address(d.name, d.id)])),
  };
}

/** The `provider` (and `region`) arguments that place a resource in its scope, per the layout. */
export type Placement = (scope: Scope) => BodyItem[];

function actions(scope: Scope, target: ActionTarget): BodyItem[] {
  const list = expr(`try(var.alarm_actions[${quote(scopeKey(scope))}].${target}, [])`);
  return [
    attr('actions_enabled', expr('var.actions_enabled')),
    attr('alarm_actions', list),
    attr('ok_actions', expr(`var.notify_on_ok ? ${list.text} : []`)),
  ];
}

function dimensions(m: MetricStat): BodyItem[] {
  return m.dimensions.length > 0 ? [attr('dimensions', map(m.dimensions.map((d) => [d.name, d.value])))] : [];
}

function isPercentile(statistic: string): boolean {
  return /^p\d/.test(statistic);
}

/**
 * An `aws_cloudwatch_metric_alarm`: its threshold overridable through `var.threshold_overrides`,
 * or, for an anomaly detection alarm, the metric and its band as metric queries compared
 * through `threshold_metric_id` (no threshold, so the overrides do not apply).
 */
export function alarmBlock(a: AlarmModel, name: string, placement: Placement): Block {
  const band = bandAlarm(a);
  let compared: BodyItem[];
  let evaluated: BodyItem[];
  if (band) {
    compared = [attr('threshold_metric_id', band.bandId)];
    evaluated = [
      block('metric_query', [], [attr('id', band.bandId), attr('expression', band.expression), attr('label', band.label), attr('return_data', true)]),
      ...(band.filled ? [block('metric_query', [], [attr('id', band.filled.id), attr('expression', band.filled.expression), attr('label', band.filled.label), attr('return_data', true)])] : []),
      metricQuery(band.metricId, band.metric, a.period, !band.filled),
    ];
  } else if (a.metric.kind === 'single') {
    const m = a.metric.metric;
    compared = [overridableThreshold(a)];
    evaluated = [
      attr('namespace', m.namespace),
      attr('metric_name', m.name),
      attr(isPercentile(m.statistic) ? 'extended_statistic' : 'statistic', m.statistic),
      attr('period', a.period),
      ...(m.unit ? [attr('unit', m.unit)] : []),
      ...dimensions(m),
    ];
  } else {
    compared = [overridableThreshold(a)];
    evaluated = [
      block('metric_query', [], [attr('id', MATH_RESULT_ID), attr('expression', a.metric.expression), attr('label', a.metric.label), attr('return_data', true)]),
      ...a.metric.queries.map((q) => metricQuery(q.id, q.metric, a.period, false)),
    ];
  }
  return block('resource', [ALARM, name], [
    ...placement(a.scope),
    attr('alarm_name', a.name),
    attr('alarm_description', a.description),
    attr('comparison_operator', band ? band.comparison : a.comparison),
    attr('evaluation_periods', a.evaluationPeriods),
    attr('datapoints_to_alarm', a.datapointsToAlarm),
    ...compared,
    attr('treat_missing_data', a.treatMissingData),
    ...evaluated,
    // Who is notified, apart from what is measured: the blank line also keeps these lines out
    // of the `=` alignment above, which a one-line `dimensions` would otherwise widen.
    blank,
    // An SLO window notifies no one: the composite alarm pairing it does.
    ...(a.notify === false ? [attr('actions_enabled', expr('var.actions_enabled'))] : actions(a.scope, a.severity)),
    attr('tags', expr('var.tags')),
  ]);
}

/** The alarm's threshold, unless `var.threshold_overrides` names it. */
function overridableThreshold(a: AlarmModel): BodyItem {
  return attr('threshold', expr(`lookup(var.threshold_overrides, ${quote(a.id)}, ${numberText(a.threshold.value)})`));
}

/** One metric of an alarm's `metric_query` blocks. */
function metricQuery(id: string, m: MetricStat, period: number, returnData: boolean): Block {
  return block('metric_query', [], [
    attr('id', id),
    attr('return_data', returnData),
    block('metric', [], [
      attr('namespace', m.namespace),
      attr('metric_name', m.name),
      attr('stat', m.statistic),
      attr('period', period),
      ...(m.unit ? [attr('unit', m.unit)] : []),
      ...dimensions(m),
    ]),
  ]);
}

function numberText(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** An `aws_cloudwatch_composite_alarm`, created after the alarms its rule names. */
export function compositeBlock(c: CompositeAlarmModel, name: string, childAddresses: string[], placement: Placement): Block {
  return block('resource', [COMPOSITE, name], [
    ...placement(c.scope),
    attr('alarm_name', c.name),
    attr('alarm_description', c.description),
    attr('alarm_rule', c.rule),
    ...actions(c.scope, c.target),
    attr('tags', expr('var.tags')),
    blank,
    // The rule names its children as text; the dependency makes Terraform create them first.
    attr('depends_on', childAddresses.map((a) => expr(`${ALARM}.${a}`))),
  ]);
}

/** An `aws_cloudwatch_log_group`; kept (with its logs) when destroyed if imported or `logs.removalPolicy: retain`. */
export function logGroupBlock(l: LogGroupModel, name: string, placement: Placement): Block {
  return block('resource', [LOG_GROUP, name], [
    ...placement(l.scope),
    attr('name', l.name),
    attr('retention_in_days', l.retentionDays),
    ...(l.retain ? [attr('skip_destroy', true)] : []),
    attr('tags', expr('var.tags')),
  ]);
}

export function metricFilterBlock(f: MetricFilterModel, name: string, logGroupAddress: string, placement: Placement): Block {
  return block('resource', [METRIC_FILTER, name], [
    ...placement(f.scope),
    attr('name', f.filterName),
    attr('log_group_name', expr(`${LOG_GROUP}.${logGroupAddress}.name`)),
    attr('pattern', f.pattern),
    blank,
    block('metric_transformation', [], [
      attr('namespace', f.metric.namespace),
      attr('name', f.metric.name),
      attr('value', f.metric.value),
      ...(f.metric.defaultValue !== undefined ? [attr('default_value', numberText(f.metric.defaultValue))] : []),
      ...(f.metric.unit ? [attr('unit', f.metric.unit)] : []),
    ]),
  ]);
}

/**
 * An `aws_cloudwatch_dashboard` whose body is written as HCL and encoded with `jsonencode`, so
 * that Terraform type-checks it: its settings one per line and each widget on a line of its
 * own, as the CloudFormation bodies are (one setting per line made the body 1.5 times its
 * JSON). A widget's threshold annotations go one per line: a threshold change, a dashboard's
 * most common change, then stays a short one-line change, not a rewrite of the widget's line.
 */
export function dashboardBlock(d: DashboardModel, name: string, placement: Placement): Block {
  const body = map(Object.entries(d.body).map(([k, v]) => [k, k === 'widgets' ? d.body.widgets.map((w) => new OneLine(toHcl(w, ANNOTATIONS))) : toHcl(v)]));
  return block('resource', [DASHBOARD, name], [
    ...placement(d.scope),
    attr('dashboard_name', d.name),
    attr('dashboard_body', new FunctionCall('jsonencode', body)),
  ]);
}

/** Where in a widget its threshold annotations are. */
const ANNOTATIONS = new Set(['properties.annotations.horizontal', 'properties.annotations.vertical']);

/**
 * Plain JSON-like data as HCL values (objects keep their key order); the lists at the given
 * paths (keys joined by dots) are written an item per line.
 */
export function toHcl(value: unknown, perLine: ReadonlySet<string> = NONE, path = ''): HclValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const items = value.map((x) => toHcl(x));
    return perLine.has(path) ? new LinePerItem(items) : items;
  }
  if (typeof value === 'object') {
    return map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toHcl(v, perLine, path === '' ? k : `${path}.${k}`)]));
  }
  throw new Error(`internal error: cannot write ${typeof value} to HCL`);
}

const NONE: ReadonlySet<string> = new Set();
