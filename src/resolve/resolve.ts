import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Scope } from '../discover/types.js';
import type { Matched, MatchedResource } from '../match/types.js';
import { alarmMetric } from './alarm-metric.js';
import { alarmKey, logGroupIdOf, logGroupKey, resourceKey } from './identity.js';
import { Renderer, resourceContext, withAlarm } from './render.js';
import { NO_PREVIOUS_NAMES } from './types.js';
import type { PreviousNames, Resolved, ResolvedAlarm, ResolvedLogGroup, ResolvedMetricFilter, ResolvedResource, ResourceRef } from './types.js';
import { assignNames } from '../util/name-registry.js';
import { compare } from '../util/compare.js';
import { dimensionValueProblem, logGroupNameProblem, metricNameProblem, namespaceProblem } from './valid-names.js';
import { exact } from '../util/exact.js';

/**
 * Gives every matched resource its identity and renders what its blueprints say that does not
 * depend on a threshold: log group names, metric filters, and each alarm's stable id and metric.
 * Everything downstream (tuning, the model, the live source's look-ups) reads these instead of
 * rendering them again. A name CloudWatch would reject drops its object with a warning naming
 * the resource; a template reading a tag the resource lacks is a finding about the resource
 * (see Renderer), and any other failing template is an error at the template.
 *
 * An alarm's metric is resolved before its threshold is decided, so `alarm.threshold` in a
 * metric template is the blueprint's default.
 */
export function resolve(matched: Matched, config: Config, diags: Diagnostics, previous: PreviousNames = NO_PREVIOUS_NAMES): Resolved {
  const renderer = new Renderer(diags);
  const units = resourceUnits(matched.resources, previous);
  const resources = matched.resources.map((m) => resolveResource(m, units.get(m.resource.arn)!, config, renderer));
  shareLogGroups(resources, previous);
  return { resources, unmonitored: matched.unmonitored, scopes: matched.scopes };
}

/**
 * Each resource's unit id, distinct by construction: `resourceKey`, or for a resource whose
 * key another has too (two REST APIs of one name), that with a hash of its ARN. The one that
 * had the key last run keeps it, else the first by ARN.
 */
function resourceUnits(resources: readonly MatchedResource[], previous: PreviousNames): Map<string, string> {
  const claims = resources.map(({ resource: r }) => ({ name: resourceKey(r, r.type, r.name), identity: r.arn, exact: true }));
  return assignNames(claims, { incumbents: previous.units });
}

/**
 * Resources that name the same log group (several state machines may log to one) share it:
 * it is generated once, by one owner (the one that owned it last run, else the first by ARN),
 * and the others' metric filters are attached to it.
 */
function shareLogGroups(resources: readonly ResolvedResource[], previous: PreviousNames): void {
  const byName = new Map<string, { resource: ResolvedResource; logGroup: ResolvedLogGroup }[]>();
  for (const resource of resources) {
    for (const logGroup of resource.logGroups) {
      const key = logGroupKey(resource.scope, logGroup.name);
      const claimants = byName.get(key);
      if (claimants) claimants.push({ resource, logGroup });
      else byName.set(key, [{ resource, logGroup }]);
    }
  }
  const generated = new Set(previous.logGroupIds.values());
  for (const claimants of byName.values()) {
    if (claimants.length < 2) continue;
    const owner = claimants.find((c) => generated.has(c.logGroup.id)) ?? claimants.sort((a, b) => compare(a.resource.ref.arn, b.resource.ref.arn) || compare(a.logGroup.id, b.logGroup.id))[0]!;
    for (const { resource, logGroup } of claimants) {
      if (logGroup === owner.logGroup) continue;
      logGroup.owner = owner.logGroup.id;
      for (const f of resource.metricFilters) if (f.logGroupId === logGroup.id) f.logGroupId = owner.logGroup.id;
    }
  }
}

function resolveResource(matched: MatchedResource, unit: string, config: Config, renderer: Renderer): ResolvedResource {
  const r = matched.resource;
  const scope: Scope = { partition: r.partition, account: r.account, region: r.region };
  const ref: ResourceRef = {
    arn: r.arn,
    type: r.type,
    typeLabel: config.resourceTypes.get(r.type)?.label ?? r.type,
    name: r.name,
    app: matched.app,
    ...(matched.env ? { env: matched.env } : {}),
  };
  const context = resourceContext(r, matched.app, matched.env, config.naming.prefix, ref.typeLabel);
  const diags = renderer.diags;

  // Log groups and their filters first: filter alarms refer to them.
  const logGroups: ResolvedLogGroup[] = [];
  const metricFilters: ResolvedMetricFilter[] = [];
  const filterIds = new Map<string, string>();
  for (const { spec } of matched.logGroups) {
    const name = renderer.render(spec.name, context, spec.at, ['name'], r.arn);
    if (name === undefined) continue;
    if (!acceptName(logGroupNameProblem(name), `log group name ${JSON.stringify(name)}`, 'the log group and its metric filters', r.arn, diags)) continue;
    const id = logGroupIdOf(unit, spec.id);
    logGroups.push({ id, spec, name });
    for (const f of spec.metricFilters) {
      const namespace = renderer.render(f.metric.namespace, context, f.at, ['metric', 'namespace'], r.arn);
      const metricName = renderer.render(f.metric.name, context, f.at, ['metric', 'name'], r.arn);
      if (namespace === undefined || metricName === undefined) continue;
      const skipped = `metric filter ${f.id} and its alarm`;
      if (!acceptName(namespaceProblem(namespace), `metric namespace ${JSON.stringify(namespace)}`, skipped, r.arn, diags)) continue;
      if (!acceptName(metricNameProblem(metricName), `metric name ${JSON.stringify(metricName)}`, skipped, r.arn, diags)) continue;
      const filter: ResolvedMetricFilter = { id: `${id}/${f.id}`, logGroupId: id, logGroupName: name, spec: f, namespace, metricName };
      filterIds.set(`${spec.id}/${f.id}`, filter.id);
      metricFilters.push(filter);
    }
  }

  const alarms: ResolvedAlarm[] = [];
  for (const a of matched.alarms) {
    const spec = a.spec;
    // A metric filter's alarm exists only with its filter, and watches the filter's metric.
    const metricFilterId = a.filter ? filterIds.get(`${a.filter.logGroup.id}/${a.filter.filter.id}`) : undefined;
    if (a.filter && metricFilterId === undefined) continue;
    const metricContext = a.filter ? context : withAlarm(context, { id: spec.id, title: spec.title, severity: a.severity, threshold: spec.threshold });
    const metric = alarmMetric(spec, a.filter?.filter, r, metricContext, renderer);
    if (!metric) continue;
    const dimensions = (metric.kind === 'single' ? [metric.metric] : metric.queries.map((q) => q.metric)).flatMap((m) => m.dimensions);
    if (dimensions.some((d) => !acceptName(dimensionValueProblem(d.value), `dimension ${d.name}=${JSON.stringify(d.value)}`, `alarm ${spec.id}`, r.arn, diags))) continue;
    alarms.push({ id: alarmKey(unit, spec.id), matched: a, metric, ...(metricFilterId ? { metricFilterId } : {}) });
  }
  return { matched, unit, scope, ref, context, logGroups: exact(logGroups), metricFilters: exact(metricFilters), alarms: exact(alarms) };
}

/** A rendered name CloudWatch would reject skips the object, with a warning naming the resource. */
function acceptName(problem: string | undefined, what: string, skipped: string, arn: string, diags: Diagnostics): boolean {
  if (problem === undefined) return true;
  diags.warning(`${what} is not valid (${problem}); ${skipped} skipped`, { arn });
  return false;
}
