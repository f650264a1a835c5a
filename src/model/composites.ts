import type { Config } from '../config/types.js';
import type { Scope } from '../discover/types.js';
import { compare } from '../util/compare.js';
import { alarmNamespace } from '../resolve/identity.js';
import type { PreviousNames } from '../resolve/types.js';
import { assignNames, namespacedKey } from '../util/name-registry.js';
import { ALARM_NAME_MAX, applicationKey, safeAlarmName, withPageLink, withSuffix } from './names.js';
import type { AlarmModel, CompositeAlarmModel } from './types.js';

/** CloudWatch limits for a composite alarm rule. */
export const COMPOSITE_MAX_CHILDREN = 100;
export const COMPOSITE_RULE_MAX = 10_240;

/**
 * One composite alarm per application and scope, in ALARM when any of the application's
 * critical alarms is. Past CloudWatch's limits (100 children, 10,240 characters) the
 * children are split over several composites, in name order.
 *
 * The first composite of an application keeps its id and name whatever the number of parts:
 * going past 100 critical alarms adds `-2` (and shortens the first one's rule) rather than
 * renaming the first to `-1`, which would replace the alarm that pages (CloudFormation and
 * Terraform replace a renamed alarm, and its references in outputs are lost). Estates whose
 * previous run named the first part `-1` (before this rule) keep that name, so upgrading
 * replaces nothing either.
 *
 * Names share CloudWatch's namespace with the metric alarms' and are unique in it by
 * construction: two applications whose names clean to one (`pay"ments`, `pay_ments`) or a
 * metric alarm of that name leave one of them the name; the others get a hash of their id.
 */
export function buildCompositeAlarms(alarms: readonly AlarmModel[], config: Config, previous: PreviousNames, linkOf: (app: string) => string | undefined): CompositeAlarmModel[] {
  const groups = new Map<string, { scope: Scope; app: string; names: string[] }>();
  for (const a of alarms) {
    // SLO windows page through their own composites, never one by one.
    if (a.severity !== 'critical' || a.notify === false) continue;
    const key = applicationKey(a.scope, a.resource.app);
    const group = groups.get(key) ?? { scope: a.scope, app: a.resource.app, names: [] };
    group.names.push(a.name);
    groups.set(key, group);
  }

  const out: CompositeAlarmModel[] = [];
  const exact = new Set<string>();
  const before = new Set(previous.composites.values());
  for (const [unit, { scope, app, names }] of groups) {
    const chunks = chunkRule(names.sort(compare));
    const firstIsNumbered = before.has(`${unit}/composite-1`) && !before.has(`${unit}/composite`);
    chunks.forEach((children, i) => {
      const suffix = i > 0 || firstIsNumbered ? `-${i + 1}` : '';
      const rawName = `${config.naming.prefix}application/${app}/critical${suffix}`;
      const id = `${unit}/composite${suffix}`;
      if (safeAlarmName(rawName) === rawName) exact.add(id);
      out.push({
        id,
        unit,
        scope,
        app,
        name: safeAlarmName(rawName),
        // Plain text, as CloudWatch shows it (the emitters quote it for YAML, JSON and HCL): the
        // application's name as it is, not a JSON string literal with its backslashes.
        description: withPageLink(
          `In ALARM when any critical alarm of application "${app}" in ${scope.region} is${chunks.length > 1 ? ` (part ${i + 1} of ${chunks.length})` : ''}. Managed by obsgen.`,
          linkOf(app),
        ),
        rule: ruleFor(children),
        children,
        target: 'application',
      });
    });
  }
  const names = assignNames(
    out.map((c) => ({ name: c.name, namespace: alarmNamespace(c.scope), identity: c.id, exact: exact.has(c.id) })),
    {
      taken: alarmNameKeys(alarms),
      incumbents: previous.composites,
      disambiguate: (name, hash) => withSuffix(name, `-${hash}`, ALARM_NAME_MAX),
    },
  );
  return out.map((c) => ({ ...c, name: names.get(c.id)! }));
}

/** Every alarm name (metric or composite) in CloudWatch's namespace: names a new composite must not take. */
export function alarmNameKeys(alarms: readonly (AlarmModel | CompositeAlarmModel)[]): string[] {
  return alarms.map((a) => namespacedKey(alarmNamespace(a.scope), a.name));
}

/** `ALARM("a") OR ALARM("b")`; alarm names never contain quotes (see safeAlarmName). */
export function ruleFor(names: readonly string[]): string {
  return names.map((n) => `ALARM(${JSON.stringify(n)})`).join(' OR ');
}

function chunkRule(names: string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const name of names) {
    const add = ruleFor([name]).length + (current.length > 0 ? 4 : 0);
    if (current.length >= COMPOSITE_MAX_CHILDREN || length + add > COMPOSITE_RULE_MAX) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(name);
    length += current.length > 1 ? add : ruleFor([name]).length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
