import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { DocPath } from '../diagnostics/source-document.js';
import type { ExistingLogGroup } from '../discover/types.js';
import { Renderer, withAlarm } from '../resolve/render.js';
import type { Resolved, ResolvedAlarm, ResolvedResource } from '../resolve/types.js';
import type { Decisions, ThresholdDecision } from '../tune/types.js';
import { compare } from '../util/compare.js';
import { isHttpsUrl } from '../util/markdown.js';
import { formatNumber } from '../util/numbers.js';
import { buildCompositeAlarms } from './composites.js';
import { buildDashboards, buildOverviewDashboards } from './dashboards.js';
import { operatorSymbol, shortProvenance } from './describe.js';
import { ALARM_DESCRIPTION_MAX, safeAlarmName, truncateText } from './names.js';
import type { AlarmModel, LogGroupModel, MetricFilterModel, Model, UnitModel } from './types.js';

/**
 * Builds the model (alarms, composites, log groups, filters, dashboards) from the resolved
 * resources, each alarm's threshold decision, and the log groups that exist already.
 */
export function buildModel(resolved: Resolved, decisions: Decisions, existingLogGroups: readonly ExistingLogGroup[], config: Config, diags: Diagnostics): Model {
  const renderer = new Renderer(diags);
  const units: UnitModel[] = [];
  const alarms: AlarmModel[] = [];
  const logGroups: LogGroupModel[] = [];
  const metricFilters: MetricFilterModel[] = [];
  const alarmNames = new Map<string, string>();
  const existing = new Map(existingLogGroups.map((g) => [`${g.account}/${g.region}/${g.name}`, g]));

  for (const resource of resolved.resources) {
    const { unit, scope, ref } = resource;
    units.push({ id: unit, kind: 'resource', scope, label: ref.arn });
    for (const lg of resource.logGroups) {
      const current = existing.get(`${scope.account}/${scope.region}/${lg.name}`);
      logGroups.push({
        id: lg.id,
        unit,
        scope,
        resource: ref,
        name: lg.name,
        retentionDays: retentionFor(lg.spec.retentionDays, resource.matched.env, config),
        exists: current !== undefined,
        ...(current?.retentionDays !== undefined ? { currentRetentionDays: current.retentionDays } : {}),
      });
    }
    for (const f of resource.metricFilters) {
      metricFilters.push({
        id: f.id,
        unit,
        scope,
        logGroupId: f.logGroupId,
        logGroupName: f.logGroupName,
        filterName: `${config.naming.prefix}${f.spec.id}`,
        pattern: f.spec.pattern,
        metric: { ...f.spec.metric, namespace: f.namespace, name: f.metricName },
      });
    }
    for (const a of resource.alarms) {
      const model = buildAlarm(a, decisions.get(a.id)!, resource, renderer, config);
      if (!model) continue;
      if (!checkUnique(alarmNames, `${scope.account}/${scope.region}/${model.name}`, model.id, diags, `alarm name ${JSON.stringify(model.name)}`, ref.arn)) continue;
      alarms.push(model);
    }
  }

  const composites = buildCompositeAlarms(alarms, config);
  const appDashboards = buildDashboards(resolved, alarms, config, renderer);
  const dashboards = [...appDashboards, ...buildOverviewDashboards(resolved, alarms, composites, appDashboards, config)];
  const appUnits = new Map<string, UnitModel>();
  for (const o of [...composites, ...dashboards]) {
    if (!appUnits.has(o.unit)) appUnits.set(o.unit, { id: o.unit, kind: 'application', scope: o.scope, label: o.app || 'overview' });
  }
  units.push(...appUnits.values());

  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => compare(a.id, b.id));
  const scopes = resolved.scopes.map(({ partition, account, region }) => ({ partition, account, region }));
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

/** An alarm's name and description (which may use its threshold) and everything else it has. */
function buildAlarm(a: ResolvedAlarm, threshold: ThresholdDecision, resource: ResolvedResource, renderer: Renderer, config: Config): AlarmModel | undefined {
  const { spec, severity, blueprint } = a.matched;
  const { unit, scope, ref } = resource;
  const context = withAlarm(resource.context, { id: spec.id, title: spec.title, severity, threshold: threshold.value });
  const render = (source: string, field: DocPath) => renderer.render(source, context, spec.at, field, ref.arn);

  const rawName = renderer.render(config.naming.alarmName, context, spec.at, ['id'], ref.arn);
  const meaning = render(spec.description, ['description']);
  const firstCheck = spec.firstCheck === undefined ? undefined : render(spec.firstCheck, ['firstCheck']);
  const renderedRunbook = spec.runbook === undefined ? undefined : render(spec.runbook, ['runbook']);
  if (rawName === undefined || meaning === undefined || (spec.firstCheck && firstCheck === undefined) || (spec.runbook && renderedRunbook === undefined)) {
    return undefined;
  }
  const runbook = httpsRunbook(renderedRunbook?.trim(), spec.runbook, ref.arn, `blueprint ${blueprint.id}, alarm ${spec.id}`, renderer.diags);
  // Tuning may have chosen a longer evaluation the blueprint allows.
  const evaluationPeriods = threshold.evaluation?.evaluationPeriods ?? spec.evaluationPeriods;
  const datapointsToAlarm = threshold.evaluation?.datapointsToAlarm ?? spec.datapointsToAlarm ?? spec.evaluationPeriods;
  const condition = `${operatorSymbol(spec.comparison)} ${formatNumber(threshold.value)} for ${datapointsToAlarm} of ${evaluationPeriods} periods of ${spec.period} s`;
  const description = truncateText(
    [
      meaning.trim(),
      firstCheck ? `First check: ${firstCheck.trim()}` : undefined,
      runbook ? `Runbook: ${runbook}` : undefined,
      `Condition: ${condition} (${shortProvenance(threshold.provenance)}).`,
      `Severity: ${severity}. Resource: ${ref.arn}. Application: ${ref.app}.`,
      `Managed by obsgen (blueprint ${blueprint.id}, alarm ${spec.id}); change blueprints, config or tags, not this alarm.`,
    ]
      .filter((line): line is string => line !== undefined)
      .join('\n'),
    ALARM_DESCRIPTION_MAX,
  );

  return {
    id: a.id,
    unit,
    scope,
    resource: ref,
    blueprintId: blueprint.id,
    alarmId: spec.id,
    title: spec.title,
    name: safeAlarmName(rawName),
    description,
    meaning: meaning.trim(),
    ...(firstCheck ? { firstCheck: firstCheck.trim() } : {}),
    ...(runbook ? { runbook } : {}),
    source: spec.source,
    severity,
    metric: a.metric,
    period: spec.period,
    evaluationPeriods,
    datapointsToAlarm,
    comparison: spec.comparison,
    treatMissingData: spec.treatMissingData,
    threshold,
    ...(a.metricFilterId ? { metricFilterId: a.metricFilterId } : {}),
  };
}

/**
 * The runbook when it is an https URL. One filled in from tags may be anything a tagger wrote
 * (`javascript:…`, `data:…`): it is dropped, with a finding on the resource, and the alarm and
 * its docs go without a runbook. A fixed one that is not https was reported with its blueprint.
 */
function httpsRunbook(runbook: string | undefined, template: string | undefined, arn: string, where: string, diags: Diagnostics): string | undefined {
  if (!runbook || isHttpsUrl(runbook)) return runbook || undefined;
  if (template?.includes('{{')) {
    diags.warning(`runbook ${JSON.stringify(runbook)} (the template ${JSON.stringify(template)} of ${where}, filled in from this resource's tags) is not an https URL; the alarm gets no runbook`, { arn });
  }
  return undefined;
}

function retentionFor(blueprintDays: number | undefined, env: string | undefined, config: Config): number {
  const byEnv = env === undefined ? undefined : config.logs.retentionByEnvironment.get(env);
  return byEnv ?? blueprintDays ?? config.logs.retentionDays;
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
