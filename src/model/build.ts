import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { DocPath } from '../diagnostics/source-document.js';
import { resourceType } from '../services/registry.js';
import type { Resource, Scope } from '../discover/types.js';
import type { TunedAlarm, TunedPlan, TunedResource } from '../tune/types.js';
import { compare } from '../util/compare.js';
import { buildCompositeAlarms } from './composites.js';
import { buildDashboards, buildOverviewDashboards } from './dashboards.js';
import { formatNumber, operatorSymbol, shortProvenance } from './describe.js';
import { alarmMetric } from './alarm-metric.js';
import { ALARM_DESCRIPTION_MAX, resourceKey, safeAlarmName, truncateText } from './names.js';
import { Renderer, resourceContext, withAlarm } from './render.js';
import { dimensionValueProblem, logGroupNameProblem, metricNameProblem, namespaceProblem } from './valid-names.js';
import type { AlarmModel, LogGroupModel, MetricFilterModel, Model, ResourceRef, UnitModel } from './types.js';

/** Builds the model (alarms, composites, log groups, filters, dashboards) from a tuned plan. */
export function buildModel(plan: TunedPlan, config: Config, diags: Diagnostics): Model {
  const renderer = new Renderer(diags);
  const units: UnitModel[] = [];
  const alarms: AlarmModel[] = [];
  const logGroups: LogGroupModel[] = [];
  const metricFilters: MetricFilterModel[] = [];
  const alarmNames = new Map<string, string>();
  const existing = new Map(plan.existingLogGroups.map((g) => [`${g.account}/${g.region}/${g.name}`, g]));
  const logGroupNames = new Map<string, string>();

  for (const planned of plan.resources) {
    const r = planned.resource;
    const scope: Scope = { partition: r.partition, account: r.account, region: r.region };
    const unit = resourceKey(scope, r.type, r.name);
    units.push({ id: unit, kind: 'resource', scope, label: r.arn });
    const ref: ResourceRef = {
      arn: r.arn,
      type: r.type,
      typeLabel: resourceType(r.type)?.label ?? r.type,
      name: r.name,
      app: planned.app,
      ...(planned.env ? { env: planned.env } : {}),
    };
    const context = resourceContext(r, planned.app, planned.env, config.naming.prefix);

    // Log groups and their filters first: filter alarms refer to them.
    const filters = new Map<string, MetricFilterModel>();
    for (const { spec } of planned.logGroups) {
      const name = renderer.render(spec.name, context, spec.at, ['name'], r.arn);
      if (name === undefined) continue;
      if (!acceptName(logGroupNameProblem(name), `log group name ${JSON.stringify(name)}`, 'the log group and its metric filters', r.arn, diags)) continue;
      const id = `${unit}/logs/${spec.id}`;
      if (!checkUnique(logGroupNames, `${scope.account}/${scope.region}/${name}`, id, diags, `log group ${JSON.stringify(name)}`, r.arn)) continue;
      const current = existing.get(`${scope.account}/${scope.region}/${name}`);
      logGroups.push({
        id,
        unit,
        scope,
        resource: ref,
        name,
        retentionDays: retentionFor(spec.retentionDays, planned.env, config),
        exists: current !== undefined,
        ...(current?.retentionDays !== undefined ? { currentRetentionDays: current.retentionDays } : {}),
      });
      for (const f of spec.metricFilters) {
        const namespace = renderer.render(f.metric.namespace, context, f.at, ['metric', 'namespace'], r.arn);
        const metricName = renderer.render(f.metric.name, context, f.at, ['metric', 'name'], r.arn);
        if (namespace === undefined || metricName === undefined) continue;
        const skipped = `metric filter ${f.id} and its alarm`;
        if (!acceptName(namespaceProblem(namespace), `metric namespace ${JSON.stringify(namespace)}`, skipped, r.arn, diags)) continue;
        if (!acceptName(metricNameProblem(metricName), `metric name ${JSON.stringify(metricName)}`, skipped, r.arn, diags)) continue;
        const filter: MetricFilterModel = {
          id: `${id}/${f.id}`,
          unit,
          scope,
          logGroupId: id,
          logGroupName: name,
          filterName: `${config.naming.prefix}${f.id}`,
          pattern: f.pattern,
          metric: { ...f.metric, namespace, name: metricName },
        };
        filters.set(`${spec.id}/${f.id}`, filter);
        metricFilters.push(filter);
      }
    }

    for (const a of planned.alarms) {
      const model = buildAlarm(a, planned, r, scope, unit, ref, context, renderer, config, filters);
      if (!model) continue;
      if (!checkUnique(alarmNames, `${scope.account}/${scope.region}/${model.name}`, model.id, diags, `alarm name ${JSON.stringify(model.name)}`, r.arn)) continue;
      alarms.push(model);
    }
  }

  const composites = buildCompositeAlarms(alarms, config);
  const appDashboards = buildDashboards(plan, alarms, config, renderer);
  const dashboards = [...appDashboards, ...buildOverviewDashboards(plan, alarms, composites, appDashboards, config)];
  const appUnits = new Map<string, UnitModel>();
  for (const o of [...composites, ...dashboards]) {
    if (!appUnits.has(o.unit)) appUnits.set(o.unit, { id: o.unit, kind: 'application', scope: o.scope, label: o.app || 'overview' });
  }
  units.push(...appUnits.values());

  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => compare(a.id, b.id));
  const scopes = plan.scopes.map(({ partition, account, region }) => ({ partition, account, region }));
  return {
    scopes,
    units: byId(units),
    alarms: byId(alarms),
    composites: byId(composites),
    logGroups: byId(logGroups),
    metricFilters: byId(metricFilters),
    dashboards: byId(dashboards),
  };
}

function buildAlarm(
  a: TunedAlarm,
  planned: TunedResource,
  r: Resource,
  scope: Scope,
  unit: string,
  ref: ResourceRef,
  resourceCtx: Record<string, unknown>,
  renderer: Renderer,
  config: Config,
  filters: Map<string, MetricFilterModel>,
): AlarmModel | undefined {
  const spec = a.spec;
  const context = withAlarm(resourceCtx, { id: spec.id, title: spec.title, severity: a.severity, threshold: a.threshold.value });
  const render = (source: string, field: DocPath) => renderer.render(source, context, spec.at, field, r.arn);

  // A metric filter's alarm watches the filter's metric, rendered with the resource's context.
  const metricFilterId = a.filter ? filters.get(`${a.filter.logGroup.id}/${a.filter.filter.id}`)?.id : undefined;
  if (a.filter && metricFilterId === undefined) return undefined;
  const metric = alarmMetric(spec, a.filter?.filter, r, a.filter ? resourceCtx : context, renderer);
  if (!metric) return undefined;
  const metrics = metric.kind === 'single' ? [metric.metric] : metric.queries.map((q) => q.metric);
  for (const d of metrics.flatMap((m) => m.dimensions)) {
    if (!acceptName(dimensionValueProblem(d.value), `dimension ${d.name}=${JSON.stringify(d.value)}`, `alarm ${spec.id}`, r.arn, renderer.diags)) return undefined;
  }

  const rawName = renderer.render(config.naming.alarmName, context, spec.at, ['id'], r.arn);
  const meaning = render(spec.description, ['description']);
  const firstCheck = spec.firstCheck === undefined ? undefined : render(spec.firstCheck, ['firstCheck']);
  const runbook = spec.runbook === undefined ? undefined : render(spec.runbook, ['runbook']);
  if (rawName === undefined || meaning === undefined || (spec.firstCheck && firstCheck === undefined) || (spec.runbook && runbook === undefined)) {
    return undefined;
  }
  const datapointsToAlarm = spec.datapointsToAlarm ?? spec.evaluationPeriods;
  const condition = `${operatorSymbol(spec.comparison)} ${formatNumber(a.threshold.value)} for ${datapointsToAlarm} of ${spec.evaluationPeriods} periods of ${spec.period} s`;
  const description = truncateText(
    [
      meaning.trim(),
      firstCheck ? `First check: ${firstCheck.trim()}` : undefined,
      runbook ? `Runbook: ${runbook.trim()}` : undefined,
      `Condition: ${condition} (${shortProvenance(a.threshold.provenance)}).`,
      `Severity: ${a.severity}. Resource: ${r.arn}. Application: ${planned.app}.`,
      `Managed by obsgen (blueprint ${a.blueprint.id}, alarm ${spec.id}); change blueprints, config or tags, not this alarm.`,
    ]
      .filter((line): line is string => line !== undefined)
      .join('\n'),
    ALARM_DESCRIPTION_MAX,
  );

  return {
    id: `${unit}/${spec.id}`,
    unit,
    scope,
    resource: ref,
    blueprintId: a.blueprint.id,
    alarmId: spec.id,
    title: spec.title,
    name: safeAlarmName(rawName),
    description,
    meaning: meaning.trim(),
    ...(firstCheck ? { firstCheck: firstCheck.trim() } : {}),
    ...(runbook ? { runbook: runbook.trim() } : {}),
    source: spec.source,
    severity: a.severity,
    metric,
    period: spec.period,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm,
    comparison: spec.comparison,
    treatMissingData: spec.treatMissingData,
    threshold: a.threshold,
    ...(metricFilterId ? { metricFilterId } : {}),
  };
}

function retentionFor(blueprintDays: number | undefined, env: string | undefined, config: Config): number {
  const byEnv = env === undefined ? undefined : config.logs.retentionByEnvironment.get(env);
  return byEnv ?? blueprintDays ?? config.logs.retentionDays;
}

/** A rendered name CloudWatch would reject skips the object, with a warning naming the resource. */
function acceptName(problem: string | undefined, what: string, skipped: string, arn: string, diags: Diagnostics): boolean {
  if (problem === undefined) return true;
  diags.warning(`${what} is not valid (${problem}); ${skipped} skipped`, { arn });
  return false;
}

/** Names must be unique per account and region; a clash is reported with both owners. */
function checkUnique(seen: Map<string, string>, key: string, id: string, diags: Diagnostics, what: string, arn: string): boolean {
  const owner = seen.get(key);
  if (owner !== undefined) {
    diags.error(`${what} is generated twice: for ${owner} and for ${id}; make the name template include what tells them apart`, { arn });
    return false;
  }
  seen.set(key, id);
  return true;
}
