import type { AlarmSpec, Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Inventory, Resource } from '../discover/types.js';
import { compare } from '../util/compare.js';
import { alarmIsOn } from './opt-in.js';
import { sloAlarmSpecs } from './slo-alarms.js';
import { objectivesFor } from './slo-objectives.js';
import { ENABLE_TAG, readOverrides } from './overrides.js';
import { tagFilterMatches, tagPredicateHolds } from './tag-filters.js';
import { checkTagSpellings, tagOf } from './tag-spellings.js';
import { NO_PREVIOUS_OVERRIDES } from './types.js';
import type { Matched, MatchedAlarm, MatchedResource, PreviousOverrides, Unmonitored } from './types.js';
import { groupBy } from '../util/group.js';
import { exact } from '../util/exact.js';

/**
 * Decides which blueprint monitors apply to which resource, with tag overrides applied
 * (`previous`: what the previous run's overrides gave, kept when a tag is malformed now).
 */
export function matchResources(inventory: Inventory, blueprints: readonly Blueprint[], config: Config, diags: Diagnostics, previous: PreviousOverrides = NO_PREVIOUS_OVERRIDES): Matched {
  const byType = groupBy(blueprints, (b) => b.resourceType);

  const resources: MatchedResource[] = [];
  const unmonitored: Unmonitored[] = inventory.uncovered.map((u) => ({ arn: u.arn, type: u.type, reason: u.reason }));

  for (const resource of inventory.resources) {
    const skip = (reason: string) => unmonitored.push({ arn: resource.arn, type: resource.type, reason });
    const filterReason = filteredOut(resource, config);
    if (filterReason) {
      skip(filterReason);
      continue;
    }
    const candidates = byType.get(resource.type) ?? [];
    const matching = candidates.filter((b) => blueprintApplies(b, resource));
    if (matching.length === 0) {
      skip(candidates.length === 0 ? `no blueprint for resource type ${resource.type}` : `no blueprint for ${resource.type} matches its tags`);
      continue;
    }
    const specs = alarmsOf(resource, matching, diags);
    const overrides = readOverrides(resource, new Set(specs.map((s) => s.spec.id)), diags, previous);
    if (!overrides.monitor) {
      skip('opted out with obsgen:monitor=false');
      continue;
    }
    const app = tagOf(resource.tags, config.tags.application) ?? config.tags.defaultApplication;
    const env = tagOf(resource.tags, config.tags.environment);
    for (const id of overrides.enabled) {
      if (specs.some((s) => s.spec.id === id && !s.spec.optIn)) {
        diags.tagProblem(`alarm ${JSON.stringify(id)} is on by default: only opt-in alarms need ${ENABLE_TAG}`, 'the tag changes nothing', { arn: resource.arn, tag: ENABLE_TAG });
      }
    }
    const optIn = { app, env, tagged: overrides.enabled, rules: config.enable };
    // SLO window alarms, for the blueprints with service level indicators and the objectives
    // the resource's tags or the config's rules set for it.
    const objectives = objectivesFor(app, env, config.slos, overrides.slo);
    for (const blueprint of matching) for (const spec of sloAlarmSpecs(blueprint, objectives)) specs.push({ spec, blueprint });
    const alarms: MatchedAlarm[] = [];
    const enabled: string[] = [];
    for (const s of specs) {
      if (overrides.disabled.has(s.spec.id)) continue;
      if (!alarmIsOn(s.spec, s.blueprint, optIn)) continue;
      if (s.spec.optIn) enabled.push(s.spec.id);
      const severity = overrides.severities.get(s.spec.id);
      const threshold = overrides.thresholds.get(s.spec.id);
      // Built field by field: a spread here gave each of these objects its own hidden class
      // (8.6 MB of maps at 10,000 resources, beside 2.5 MB of the objects themselves).
      const alarm: MatchedAlarm = s.filter ? { spec: s.spec, blueprint: s.blueprint, filter: s.filter, severity: severity?.value ?? s.spec.severity } : { spec: s.spec, blueprint: s.blueprint, severity: severity?.value ?? s.spec.severity };
      if (severity) alarm.severityTag = severity.tag;
      if (threshold) alarm.thresholdOverride = threshold;
      alarms.push(alarm);
    }
    resources.push({
      resource,
      app,
      env,
      blueprints: exact(matching),
      alarms: exact(alarms),
      disabled: [...overrides.disabled].sort(compare),
      enabled: exact(enabled.sort(compare)),
      logGroups: exact(matching.flatMap((blueprint) => blueprint.logGroups.map((spec) => ({ blueprint, spec })))),
    });
  }
  unmonitored.sort((a, b) => compare(a.arn, b.arn));
  checkTagSpellings(inventory.resources, config, diags);
  return { resources, unmonitored, scopes: inventory.scopes };
}

function blueprintApplies(b: Blueprint, resource: Resource): boolean {
  const { namePattern, excludeNamePattern, tags, attributes } = b.match;
  if (namePattern && !namePattern.test(resource.name)) return false;
  for (const [key, values] of Object.entries(attributes ?? {})) {
    if (!Object.hasOwn(resource.attributes, key) || !values.includes(resource.attributes[key]!)) return false;
  }
  if (excludeNamePattern?.test(resource.name)) return false;
  return tags.every((p) => tagPredicateHolds(p, resource.tags));
}

function filteredOut(resource: Resource, config: Config): string | undefined {
  const { include, exclude } = config.filters;
  if (include.length > 0 && !include.some((f) => tagFilterMatches(f, resource.tags))) return 'not selected by the include filters';
  const ex = exclude.find((f) => tagFilterMatches(f, resource.tags));
  return ex ? `excluded by the filter on tag ${JSON.stringify(ex.tag)}` : undefined;
}

/** Every alarm of the matching blueprints; one alarm id may come from only one of them. */
function alarmsOf(resource: Resource, blueprints: Blueprint[], diags: Diagnostics): Omit<MatchedAlarm, 'severity'>[] {
  const owner = new Map<string, Blueprint>();
  const out: Omit<MatchedAlarm, 'severity'>[] = [];
  const add = (spec: AlarmSpec, blueprint: Blueprint, filter?: MatchedAlarm['filter']) => {
    const first = owner.get(spec.id);
    if (first) {
      const pos = spec.at.doc.locate([...spec.at.path, 'id']);
      diags.error(`alarm id ${JSON.stringify(spec.id)} is also defined by blueprint ${first.id}, and both apply to ${resource.type} resources such as ${resource.arn}`, {
        file: blueprint.file,
        ...pos,
      });
      return;
    }
    owner.set(spec.id, blueprint);
    out.push({ spec, blueprint, ...(filter ? { filter } : {}) });
  };
  for (const b of blueprints) {
    for (const spec of b.alarms) add(spec, b);
    for (const logGroup of b.logGroups) for (const filter of logGroup.metricFilters) if (filter.alarm) add(filter.alarm, b, { logGroup, filter });
  }
  return out;
}
