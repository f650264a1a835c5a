import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { DocPath } from '../diagnostics/source-document.js';
import type { ExistingLogGroup } from '../discover/types.js';
import { compileTemplate } from '../blueprints/template.js';
import { DEFAULT_ALARM_NAME } from '../config/defaults.js';
import { Renderer, withAlarm } from '../resolve/render.js';
import type { InsteadOfMissingTag } from '../resolve/render.js';
import type { Resolved, ResolvedAlarm, ResolvedResource } from '../resolve/types.js';
import type { Decisions, ThresholdDecision } from '../tune/types.js';
import { compare } from '../util/compare.js';
import { isHttpsUrl } from '../util/markdown.js';
import { formatNumber } from '../util/numbers.js';
import { alarmNameKeys, buildCompositeAlarms } from './composites.js';
import { buildSloComposites } from './slo-composites.js';
import { buildDashboards, buildOverviewDashboards, overviewName } from './dashboards.js';
import { bandCondition } from './band.js';
import { keepLogIdentities } from './log-identity.js';
import { operatorSymbol, shortProvenance } from './describe.js';
import { monitoringPages, pageUrl } from './pages.js';
import { ALARM_DESCRIPTION_MAX, ALARM_NAME_MAX, DASHBOARD_NAME_MAX, METRIC_FILTER_NAME_MAX, safeAlarmName, truncateText, withSuffix } from './names.js';
import type { AlarmModel, DashboardModel, LogGroupModel, MetricFilterModel, Model, ResourceRef, UnitModel } from './types.js';
import { alarmIdentity, alarmNamespace, logGroupKey, metricFilterNamespace } from '../resolve/identity.js';
import { NO_PREVIOUS_NAMES } from '../resolve/types.js';
import type { PreviousNames } from '../resolve/types.js';
import { assignNames, namespacedKey } from '../util/name-registry.js';

/**
 * Builds the model (alarms, composites, log groups, filters, dashboards) from the resolved
 * resources, each alarm's threshold decision, and the log groups that exist already.
 */
export function buildModel(
  resolved: Resolved,
  decisions: Decisions,
  existingLogGroups: readonly ExistingLogGroup[],
  config: Config,
  diags: Diagnostics,
  previous: PreviousNames = NO_PREVIOUS_NAMES,
): Model {
  const renderer = new Renderer(diags);
  const units: UnitModel[] = [];
  const alarms: { model: AlarmModel; rawName: string; condition: string }[] = [];
  const logGroups = buildLogGroups(resolved, existingLogGroups, config);
  const unitOfLogGroup = new Map(logGroups.map((l) => [l.id, l.unit]));
  const metricFilters: MetricFilterModel[] = [];

  for (const resource of resolved.resources) {
    const { unit, scope, ref } = resource;
    units.push({ id: unit, kind: 'resource', scope, label: ref.arn });
    for (const f of resource.metricFilters) {
      metricFilters.push({
        id: f.id,
        // With its log group: in CloudFormation a filter refers to its log group in the same stack.
        unit: unitOfLogGroup.get(f.logGroupId)!,
        scope,
        logGroupId: f.logGroupId,
        logGroupName: f.logGroupName,
        filterName: `${config.naming.prefix}${f.spec.id}`,
        pattern: f.spec.pattern,
        metric: { ...f.spec.metric, namespace: f.namespace, name: f.metricName },
      });
    }
    for (const a of resource.alarms) {
      const built = buildAlarm(a, decisions.get(a.id)!, resource, renderer, config, previous);
      if (built) alarms.push(built);
    }
  }
  // Each description points to its application's page, which needs every application's name.
  const pageOf = monitoringPages(alarms.map((a) => a.model.resource.app));
  // With output.browseUrl, each page's link: the alarms and composite alarms of an application link to it.
  const links = new Map([...pageOf].map(([app, page]) => [app, pageUrl(page, config.output.browseUrl)]));
  const linkOf = (app: string) => links.get(app);
  for (const a of alarms) a.model.description = describeAlarm(a.model, a.condition, pageOf.get(a.model.resource.app)!, linkOf(a.model.resource.app));
  const filters = distinctFilters(metricFilters, previous);
  // An alarm on a filter merged into an identical one watches that one (the same metric).
  const named = nameAlarms(alarms, previous).map((a) => {
    const into = a.metricFilterId === undefined ? undefined : filters.mergedInto.get(a.metricFilterId);
    return into === undefined ? a : { ...a, metricFilterId: into };
  });
  // Log groups and filters AWS knows by the same names as last run keep last run's ids.
  const kept = keepLogIdentities(logGroups, filters.filters, named, units, previous);
  const alarmModels = kept.alarms;

  const applicationComposites = buildCompositeAlarms(alarmModels, config, previous, linkOf);
  const composites = [...applicationComposites, ...buildSloComposites(alarmModels, previous, [...alarmNameKeys(alarmModels), ...alarmNameKeys(applicationComposites)], linkOf)];
  const appDashboards = nameDashboards(buildDashboards(resolved, alarmModels, config, renderer), config);
  const dashboards = [...appDashboards, ...buildOverviewDashboards(resolved, alarmModels, composites, appDashboards, config)];
  const appUnits = new Map<string, UnitModel>();
  for (const o of [...composites, ...dashboards]) {
    if (!appUnits.has(o.unit)) appUnits.set(o.unit, { id: o.unit, kind: 'application', scope: o.scope, label: o.app || 'overview' });
  }
  const allUnits = [...kept.units, ...appUnits.values()];

  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => compare(a.id, b.id));
  const scopes = resolved.scopes.map(({ partition, account, region }) => ({ partition, account, region }));
  return {
    scopes,
    units: byId(allUnits),
    alarms: byId(alarmModels),
    composites: byId(composites),
    logGroups: byId(kept.logGroups),
    metricFilters: byId(kept.filters),
    dashboards: byId(dashboards),
  };
}

/**
 * The log groups to generate: one per name in a scope. A log group several resources name is
 * generated once, by its owner (see `resolve`), and lists the others as `sharedBy`.
 */
function buildLogGroups(resolved: Resolved, existingLogGroups: readonly ExistingLogGroup[], config: Config): LogGroupModel[] {
  const existing = new Map(existingLogGroups.map((g) => [logGroupKey(g, g.name), g]));
  const out = new Map<string, LogGroupModel>();
  const sharers = new Map<string, ResourceRef[]>();
  for (const resource of resolved.resources) {
    const { unit, scope, ref } = resource;
    for (const lg of resource.logGroups) {
      if (lg.owner !== undefined) {
        const list = sharers.get(lg.owner);
        if (list) list.push(ref);
        else sharers.set(lg.owner, [ref]);
        continue;
      }
      const current = existing.get(logGroupKey(scope, lg.name));
      out.set(lg.id, {
        id: lg.id,
        unit,
        scope,
        resource: ref,
        name: lg.name,
        retentionDays: retentionFor(lg.spec.retentionDays, resource.matched.env, config),
        exists: current !== undefined,
        retain: current !== undefined || config.logs.removalPolicy === 'retain',
        ...(current?.retentionDays !== undefined ? { currentRetentionDays: current.retentionDays } : {}),
      });
    }
  }
  for (const [id, refs] of sharers) {
    const owner = out.get(id)!;
    // A resource whose blueprints name one log group twice shares it with itself: not worth saying.
    const others = [...new Map(refs.filter((r) => r.arn !== owner.resource.arn).map((r) => [r.arn, r])).values()].sort((a, b) => compare(a.arn, b.arn));
    if (others.length > 0) owner.sharedBy = others;
  }
  return [...out.values()];
}

/**
 * The metric filters of each log group, each once: a filter identical to another on the same
 * log group (same pattern and metric: resources that share the log group and a blueprint)
 * would count every event twice, so only the first is kept. Filter names are unique per log
 * group: of filters that would share one, all but one get a hash of their id.
 */
function distinctFilters(filters: MetricFilterModel[], previous: PreviousNames): { filters: MetricFilterModel[]; mergedInto: Map<string, string> } {
  const first = new Map<string, string>();
  const mergedInto = new Map<string, string>();
  const kept: MetricFilterModel[] = [];
  // Owners' filters first (their id is their log group's), then by id.
  const ownFirst = [...filters].sort((a, b) => Number(!a.id.startsWith(`${a.logGroupId}/`)) - Number(!b.id.startsWith(`${b.logGroupId}/`)) || compare(a.id, b.id));
  for (const f of ownFirst) {
    const { namespace, name, value, defaultValue, unit } = f.metric;
    const key = JSON.stringify([f.scope.account, f.scope.region, f.logGroupName, f.pattern, namespace, name, value, defaultValue ?? null, unit ?? null]);
    const same = first.get(key);
    if (same !== undefined) {
      mergedInto.set(f.id, same);
      continue;
    }
    first.set(key, f.id);
    kept.push(f);
  }
  const names = assignNames(
    kept.map((f) => ({ name: f.filterName, namespace: metricFilterNamespace(f.scope, f.logGroupName), identity: f.id, exact: true })),
    { incumbents: previous.metricFilters, disambiguate: (name, hash) => withSuffix(name, `-${hash}`, METRIC_FILTER_NAME_MAX) },
  );
  return { filters: kept.map((f) => ({ ...f, filterName: names.get(f.id)! })), mergedInto };
}

/**
 * Alarm names, unique per account and region by construction: a name only one alarm renders
 * is kept as it is; of alarms that render the same name, the one that had it last run keeps
 * it (else one whose name needed no cleaning, else the first by resource ARN), and the others
 * get a hash of their resource's ARN and alarm id.
 */
function nameAlarms(alarms: readonly { model: AlarmModel; rawName: string }[], previous: PreviousNames): AlarmModel[] {
  const identity = (a: AlarmModel) => alarmIdentity(a.resource.arn, a.alarmId);
  const names = assignNames(
    alarms.map(({ model, rawName }) => ({ name: model.name, namespace: alarmNamespace(model.scope), identity: identity(model), exact: model.name === rawName })),
    { incumbents: previous.alarms, disambiguate: (name, hash) => withSuffix(name, `-${hash}`, ALARM_NAME_MAX) },
  );
  return alarms.map(({ model }) => {
    const name = names.get(identity(model))!;
    return name === model.name ? model : { ...model, name };
  });
}

/**
 * Application dashboard names, unique per account (dashboards are not regional) by
 * construction, and never an overview dashboard's name (an application called `overview`).
 */
function nameDashboards(dashboards: DashboardModel[], config: Config): DashboardModel[] {
  const taken = dashboards.map((d) => namespacedKey(d.scope.account, overviewName(config, d.scope)));
  const names = assignNames(
    dashboards.map((d) => ({ name: d.name, namespace: d.scope.account, identity: d.id, exact: true })),
    { taken, disambiguate: (name, hash) => withSuffix(name, `-${hash}`, DASHBOARD_NAME_MAX) },
  );
  return dashboards.map((d) => ({ ...d, name: names.get(d.id)! }));
}

/** An alarm's name and description (which may use its threshold) and everything else it has. */
function buildAlarm(
  a: ResolvedAlarm,
  threshold: ThresholdDecision,
  resource: ResolvedResource,
  renderer: Renderer,
  config: Config,
  previous: PreviousNames,
): { model: AlarmModel; rawName: string; condition: string } | undefined {
  const { spec, severity, blueprint } = a.matched;
  const { unit, scope, ref } = resource;
  const context = withAlarm(resource.context, { id: spec.id, title: spec.title, severity, threshold: threshold.value });
  const render = (source: string, field: DocPath) => renderer.render(source, context, spec.at, field, ref.arn);

  const rawName = renderer.render(config.naming.alarmName, context, spec.at, ['id'], ref.arn, nameWithoutTags(context, previous.alarmNames.get(alarmIdentity(ref.arn, spec.id))));
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
  const compared = threshold.band ? bandCondition(threshold.band) : `${operatorSymbol(spec.comparison)} ${formatNumber(threshold.value)}`;
  const from = threshold.band ? (threshold.band.fromHistory ? 'band width chosen from history' : "CloudWatch's default band width") : shortProvenance(threshold.provenance);
  const condition = `${compared} for ${datapointsToAlarm} of ${evaluationPeriods} periods of ${spec.period} s (${from})`;

  const model: AlarmModel = {
    id: a.id,
    unit,
    scope,
    resource: ref,
    blueprintId: blueprint.id,
    alarmId: spec.id,
    title: spec.title,
    name: safeAlarmName(rawName),
    // Written once every application's page is known (see `describeAlarm`).
    description: '',
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
    ...(spec.notify === false ? { notify: false as const } : {}),
    ...(spec.slo ? { slo: spec.slo } : {}),
  };
  return { model, rawName, condition };
}

/**
 * The AlarmDescription: what the on-call engineer needs on the notification (what it means,
 * the condition and where its threshold came from, the severity, the runbook) and where the
 * rest is. What every alarm of a blueprint repeats (the first check, the resource and its
 * application, the blueprint and alarm ids, "managed by obsgen") is on the application's page
 * under `monitoring/`, one row per alarm, instead of in each of 10,000s of descriptions. The
 * page is a link where the config says where the output is read (`output.browseUrl`), else its
 * path in the output.
 */
function describeAlarm(a: AlarmModel, condition: string, page: string, url: string | undefined): string {
  const text = (pageRef: string) =>
    [
      a.meaning,
      `Condition: ${condition}. ${a.notify === false ? `No actions: a window of an SLO; its composite alarm (${a.severity}) notifies` : `Severity: ${a.severity}`}.`,
      a.runbook ? `Runbook: ${a.runbook}` : undefined,
      `Managed by obsgen; first check and details: ${pageRef}`,
    ]
      .filter((line): line is string => line !== undefined)
      .join('\n');
  // A link ends the text (no full stop after it, which some mail clients would take into the
  // link); one that would not fit whole gives way to the page's path, which may be cut.
  const linked = url === undefined ? undefined : text(url);
  return linked !== undefined && linked.length <= ALARM_DESCRIPTION_MAX ? linked : truncateText(text(`${page} in its output.`), ALARM_DESCRIPTION_MAX);
}

/**
 * An alarm's name when the naming template reads a tag its resource does not have: the name
 * it had last run (so that it is not replaced), else the default name, which reads no tags.
 */
function nameWithoutTags(context: Record<string, unknown>, previousName: string | undefined): InsteadOfMissingTag {
  return {
    value: () => previousName ?? compileTemplate(DEFAULT_ALARM_NAME).render(context),
    says: `its alarms keep the name they had last run, or new ones get the default name (${JSON.stringify(DEFAULT_ALARM_NAME)})`,
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
