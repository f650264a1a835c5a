import { MATH_RESULT_ID } from '../../blueprints/types.js';
import type { ActionTarget } from '../../config/types.js';
import type { Scope } from '../../discover/types.js';
import type { AlarmModel, CompositeAlarmModel, DashboardModel, LogGroupModel, MetricFilterModel, Model } from '../../model/types.js';
import { assignNames } from '../../util/name-registry.js';
import { dashboardJson } from '../../util/json-layout.js';
import { logicalId } from './logical-ids.js';
import type { TemplateSyntax } from './serialize.js';
import type { MetricStat } from '../../model/types.js';
import { bandAlarm } from '../../model/band.js';
import type { BandAlarm } from '../../model/band.js';
import { canonical, digest } from '../render-key.js';
import { sha256 } from '../../util/hash.js';

/**
 * CloudFormation resources and outputs of one unit (a resource or an application), in emit
 * order, as serialised template entries.
 */
export interface CfnEntries {
  resources: string[];
  outputs: string[];
  /** Action parameters the unit's resources refer to. */
  actions: Set<ActionTarget>;
  /** Log groups that exist already: imported into the stack rather than created. */
  imports: { logicalId: string; logGroupName: string; asImported: Record<string, unknown> }[];
}

/**
 * A unit as stacks are laid out and keyed: what it takes from a stack's limits, known without
 * serialising it, its render key, and its entries, serialised when first asked for (a unit in a
 * stack that is kept as it is never is; see render-key.ts).
 */
export interface CfnUnit {
  id: string;
  scope: Scope;
  tier: 'alarms' | 'apps';
  /** How many resources and outputs its entries hold. */
  resourceCount: number;
  outputCount: number;
  /** Whether it holds a log group that exists already (its stack then has import files). */
  hasImports: boolean;
  /** The SHA-256 of everything its entries are serialised from (its items, their logical ids, the options). */
  key: string;
  entries(): CfnEntries;
  /** Forgets its entries (once its stack is written): they are made again if asked for. */
  release(): void;
}

/** The stack parameter holding the action ARNs (a list) for a severity or for applications. */
export function actionParameter(target: ActionTarget): string {
  return `${target[0]!.toUpperCase()}${target.slice(1)}AlarmAction`;
}

/** The condition that is true when that parameter is not empty. */
export function actionCondition(target: ActionTarget): string {
  return `Has${actionParameter(target)}`;
}

export const ACTIONS_ENABLED_PARAMETER = 'ActionsEnabled';

/** Serialises one template entry (a resource or an output) under its logical id. */
export type SerializeEntry = (logicalId: string, value: Record<string, unknown>) => string;

/** The objects of a model that become CloudFormation resources (all of them, or one scope's). */
export type ModelObjects = Pick<Model, 'units' | 'logGroups' | 'metricFilters' | 'alarms' | 'composites' | 'dashboards'>;

/** A unit's objects, each kind in model order. */
interface UnitObjects {
  logGroups: LogGroupModel[];
  metricFilters: MetricFilterModel[];
  alarms: AlarmModel[];
  composites: CompositeAlarmModel[];
  dashboards: DashboardModel[];
}

/**
 * Groups the model's objects into units of CloudFormation resources, in model order. A unit's
 * entries are serialised when first asked for, and then all at once: at tens of thousands of
 * alarms, holding every resource as an object tree until the stacks are laid out doubled the
 * heap. `tool` (the tool version) goes into each unit's key.
 */
export function cloudFormationUnits(model: ModelObjects, notifyOnOk: boolean, serialize: SerializeEntry, syntax: TemplateSyntax, tool: string): CfnUnit[] {
  const objects = new Map<string, UnitObjects>();
  for (const u of model.units) objects.set(u.id, { logGroups: [], metricFilters: [], alarms: [], composites: [], dashboards: [] });
  const of = (id: string) => objects.get(id)!;
  for (const lg of model.logGroups) of(lg.unit).logGroups.push(lg);
  for (const f of model.metricFilters) of(f.unit).metricFilters.push(f);
  for (const a of model.alarms) of(a.unit).alarms.push(a);
  for (const c of model.composites) of(c.unit).composites.push(c);
  for (const d of model.dashboards) of(d.unit).dashboards.push(d);
  const ids = logicalIds(model);
  const id = (kind: string, item: { id: string }) => ids.get(`${kind} ${item.id}`)!;

  const units: CfnUnit[] = [];
  for (const u of model.units) {
    const o = of(u.id);
    const bands = o.alarms.filter((a) => bandAlarm(a)).length;
    const resourceCount = o.logGroups.length + o.metricFilters.length + o.alarms.length + bands + o.composites.length + o.dashboards.length;
    if (resourceCount === 0) continue;
    // Everything `serializeUnit` reads besides module constants: each object with its logical
    // id (and a filter's log group's, a band alarm's detector's), the options and the unit.
    const args = {
      tool,
      syntax,
      notifyOnOk,
      unit: [u.id, u.kind, u.scope],
      logGroups: o.logGroups.map((lg) => [digest(lg), id('LogGroup', lg)]),
      metricFilters: o.metricFilters.map((f) => [digest(f), id('MetricFilter', f), ids.get(`LogGroup ${f.logGroupId}`)!]),
      alarms: o.alarms.map((a) => [digest(a), id('Alarm', a), bandAlarm(a) ? id('AnomalyDetector', a) : null]),
      composites: o.composites.map((c) => [digest(c), id('CompositeAlarm', c)]),
      dashboards: o.dashboards.map((d) => [digest(d), id('Dashboard', d)]),
    };
    let entries: CfnEntries | undefined;
    units.push({
      id: u.id,
      scope: u.scope,
      tier: u.kind === 'resource' ? 'alarms' : 'apps',
      resourceCount,
      outputCount: o.alarms.length + o.composites.length + o.dashboards.length,
      hasImports: o.logGroups.some((lg) => lg.exists),
      key: sha256(canonical(args)),
      entries: () => (entries ??= serializeUnit(o, ids, notifyOnOk, serialize, syntax)),
      release: () => void (entries = undefined),
    });
  }
  return units;
}

/** A unit's template entries, in emit order: log groups, metric filters, alarms, composite alarms, dashboards. */
function serializeUnit(o: UnitObjects, ids: ReadonlyMap<string, string>, notifyOnOk: boolean, serialize: SerializeEntry, syntax: TemplateSyntax): CfnEntries {
  const u: CfnEntries = { resources: [], outputs: [], actions: new Set(), imports: [] };
  for (const lg of o.logGroups) {
    const id = ids.get(`LogGroup ${lg.id}`)!;
    u.resources.push(serialize(id, logGroup(lg)));
    if (lg.exists) u.imports.push({ logicalId: id, logGroupName: lg.name, asImported: logGroup(lg, true) });
  }
  for (const f of o.metricFilters) {
    const id = ids.get(`MetricFilter ${f.id}`)!;
    u.resources.push(serialize(id, metricFilter(f, ids.get(`LogGroup ${f.logGroupId}`)!)));
  }
  for (const a of o.alarms) {
    const id = ids.get(`Alarm ${a.id}`)!;
    const band = bandAlarm(a);
    const detectorId = band && ids.get(`AnomalyDetector ${a.id}`)!;
    if (band) u.resources.push(serialize(detectorId!, anomalyDetector(band, a.period)));
    u.resources.push(serialize(id, alarm(a, notifyOnOk, u.actions, detectorId)));
    u.outputs.push(serialize(`${id}Name`, { Description: `Alarm name of ${a.id}`, Value: { Ref: id } }));
  }
  for (const c of o.composites) {
    const id = ids.get(`CompositeAlarm ${c.id}`)!;
    u.resources.push(serialize(id, composite(c, notifyOnOk, u.actions)));
    u.outputs.push(serialize(`${id}Name`, { Description: `Composite alarm name of ${c.id}`, Value: { Ref: id } }));
  }
  for (const d of o.dashboards) {
    const id = ids.get(`Dashboard ${d.id}`)!;
    u.resources.push(serialize(id, dashboard(d, syntax)));
    u.outputs.push(serialize(`${id}Name`, { Description: `Dashboard name of ${d.id}`, Value: { Ref: id } }));
  }
  return u;
}

/**
 * Every object's logical id, by `<Kind> <stable id>`: unique among all of them by construction
 * (so within every template), a longer hash telling apart two whose readable parts and hashes
 * coincide.
 */
function logicalIds(model: ModelObjects): Map<string, string> {
  const claims = [
    ...model.logGroups.map((lg) => ['LogGroup', lg.id, `${lg.namedAfter ?? `${lg.resource.type}-${lg.resource.name}`}-${lg.id.split('/').pop()!}`]),
    ...model.metricFilters.map((f) => ['MetricFilter', f.id, `${f.logGroupName}-${f.id.split('/').pop()!}`]),
    ...model.alarms.map((a) => ['Alarm', a.id, `${a.resource.type}-${a.resource.name}-${a.alarmId}`]),
    ...model.alarms.filter((a) => bandAlarm(a)).map((a) => ['AnomalyDetector', a.id, `${a.resource.type}-${a.resource.name}-${a.alarmId}-band`]),
    ...model.composites.map((c) => ['CompositeAlarm', c.id, `${c.app}-${c.id.split('/').pop()!}`]),
    ...model.dashboards.map((d) => ['Dashboard', d.id, `${d.app}-${d.id.split('/').pop()!}`]),
  ].map(([kind, id, readable]) => ({ name: logicalId(kind!, readable!, id!), identity: `${kind!} ${id!}`, exact: true }));
  // Logical ids are alphanumeric: the hash is appended as it is, in upper case.
  return assignNames(claims, { disambiguate: (name, hash) => `${name}${hash.toUpperCase()}` });
}

function actions(target: ActionTarget, notifyOnOk: boolean, used: Set<ActionTarget>): Record<string, unknown> {
  used.add(target);
  const value = { 'Fn::If': [actionCondition(target), { Ref: actionParameter(target) }, { Ref: 'AWS::NoValue' }] };
  return {
    ActionsEnabled: { Ref: ACTIONS_ENABLED_PARAMETER },
    AlarmActions: value,
    ...(notifyOnOk ? { OKActions: value } : {}),
  };
}

function dimensions(m: MetricStat): Record<string, unknown> {
  return m.dimensions.length > 0 ? { Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })) } : {};
}

function isPercentile(statistic: string): boolean {
  return /^p\d/.test(statistic);
}

function alarm(a: AlarmModel, notifyOnOk: boolean, used: Set<ActionTarget>, detectorId: string | undefined): Record<string, unknown> {
  const { evaluated, compared } = comparedWith(a);
  return {
    Type: 'AWS::CloudWatch::Alarm',
    ...(detectorId ? { DependsOn: detectorId } : {}),
    Properties: {
      AlarmName: a.name,
      AlarmDescription: a.description,
      // An SLO window notifies no one: the composite alarm pairing it does.
      ...(a.notify === false ? { ActionsEnabled: { Ref: ACTIONS_ENABLED_PARAMETER } } : actions(a.severity, notifyOnOk, used)),
      ...evaluated,
      EvaluationPeriods: a.evaluationPeriods,
      DatapointsToAlarm: a.datapointsToAlarm,
      ...compared,
      TreatMissingData: a.treatMissingData,
    },
  };
}

/**
 * What an alarm evaluates and what it compares it with: one metric, or a metric-math
 * expression, against the threshold; or, for an anomaly detection alarm, the metric and its
 * band as queries, compared through ThresholdMetricId (no Threshold).
 */
function comparedWith(a: AlarmModel): { evaluated: Record<string, unknown>; compared: Record<string, unknown> } {
  const band = bandAlarm(a);
  if (band) {
    return {
      evaluated: {
        Metrics: [
          { Id: band.bandId, Expression: band.expression, Label: band.label, ReturnData: true },
          ...(band.filled ? [{ Id: band.filled.id, Expression: band.filled.expression, Label: band.filled.label, ReturnData: true }] : []),
          metricQuery(band.metricId, band.metric, a.period, !band.filled),
        ],
        ThresholdMetricId: band.bandId,
      },
      compared: { ComparisonOperator: band.comparison },
    };
  }
  const compared = { Threshold: a.threshold.value, ComparisonOperator: a.comparison };
  if (a.metric.kind === 'single') {
    const m = a.metric.metric;
    return {
      evaluated: {
        Namespace: m.namespace,
        MetricName: m.name,
        ...dimensions(m),
        ...(isPercentile(m.statistic) ? { ExtendedStatistic: m.statistic } : { Statistic: m.statistic }),
        ...(m.unit ? { Unit: m.unit } : {}),
        Period: a.period,
      },
      compared,
    };
  }
  return {
    evaluated: {
      Metrics: [
        { Id: MATH_RESULT_ID, Expression: a.metric.expression, Label: a.metric.label, ReturnData: true },
        ...a.metric.queries.map((q) => metricQuery(q.id, q.metric, a.period, false)),
      ],
    },
    compared,
  };
}

/**
 * The anomaly detector a band alarm draws its band from. CloudWatch would create one on the
 * alarm's first evaluation without it, but then nothing deletes it with the stack, and its
 * model would train on the past incidents tuning set aside. Declared here: the same metric (or
 * the same queries, for a band over FILL) as the alarm, so that PutAnomalyDetector, an upsert
 * keyed on them, configures the very detector the alarm uses; the alarm depends on it so that
 * its first evaluation finds it configured. Terraform's AWS provider (5.x) has no detector
 * resource: there CloudWatch creates it, without the excluded ranges.
 */
function anomalyDetector(band: BandAlarm, period: number): Record<string, unknown> {
  const m = band.metric;
  const identity = band.filled
    ? {
        MetricMathAnomalyDetector: {
          MetricDataQueries: [
            { Id: band.filled.id, Expression: band.filled.expression, Label: band.filled.label, ReturnData: true },
            metricQuery(band.metricId, m, period, false),
          ],
        },
      }
    : { SingleMetricAnomalyDetector: { Namespace: m.namespace, MetricName: m.name, ...dimensions(m), Stat: m.statistic } };
  const excluded = band.excluded.map((r) => ({ StartTime: r.start, EndTime: r.end }));
  return {
    Type: 'AWS::CloudWatch::AnomalyDetector',
    Properties: { ...identity, ...(excluded.length > 0 ? { Configuration: { ExcludedTimeRanges: excluded } } : {}) },
  };
}

/** One metric of an alarm's `Metrics`. */
function metricQuery(id: string, m: MetricStat, period: number, returnData: boolean): Record<string, unknown> {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: m.namespace, MetricName: m.name, ...dimensions(m) },
      Period: period,
      Stat: m.statistic,
      ...(m.unit ? { Unit: m.unit } : {}),
    },
    ReturnData: returnData,
  };
}

function composite(c: CompositeAlarmModel, notifyOnOk: boolean, used: Set<ActionTarget>): Record<string, unknown> {
  return {
    Type: 'AWS::CloudWatch::CompositeAlarm',
    Properties: {
      AlarmName: c.name,
      AlarmDescription: c.description,
      AlarmRule: c.rule,
      ...actions(c.target, notifyOnOk, used),
    },
  };
}

/**
 * A log group. One the service already created is imported, and must survive the stack; one
 * obsgen creates survives it too unless `logs.removalPolicy` is `delete` (said explicitly then,
 * so a reader, and cfn-lint's I3011, sees the choice).
 * `asImported` describes it as it is today (its current retention), for the IMPORT change
 * set: the later deployment then sees the new retention as a change and applies it.
 */
function logGroup(lg: LogGroupModel, asImported = false): Record<string, unknown> {
  const retention = asImported ? lg.currentRetentionDays : lg.retentionDays;
  return {
    Type: 'AWS::Logs::LogGroup',
    ...(lg.retain ? { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' } : { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' }),
    Properties: { LogGroupName: lg.name, ...(retention !== undefined ? { RetentionInDays: retention } : {}) },
  };
}

function metricFilter(f: MetricFilterModel, logGroupLogicalId: string): Record<string, unknown> {
  return {
    Type: 'AWS::Logs::MetricFilter',
    Properties: {
      LogGroupName: { Ref: logGroupLogicalId },
      FilterName: f.filterName,
      FilterPattern: f.pattern,
      MetricTransformations: [
        {
          MetricNamespace: f.metric.namespace,
          MetricName: f.metric.name,
          MetricValue: f.metric.value,
          ...(f.metric.defaultValue !== undefined ? { DefaultValue: f.metric.defaultValue } : {}),
          ...(f.metric.unit ? { Unit: f.metric.unit } : {}),
        },
      ],
    },
  };
}

/**
 * A dashboard. Its body is a JSON string (CloudFormation takes no other form without a
 * transform). In YAML it is laid out one setting per line (util/json-layout.ts) and written as
 * a block literal a reviewer can diff: one line of compact JSON made a threshold change a
 * 12 KB rewrite. A JSON template has no multi-line strings, so there the layout would only add
 * escaped whitespace: it keeps the compact body. The JSON value is the same either way.
 */
function dashboard(d: DashboardModel, syntax: TemplateSyntax): Record<string, unknown> {
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: { DashboardName: d.name, DashboardBody: syntax === 'yaml' ? dashboardJson(d.body) : JSON.stringify(d.body) },
  };
}
