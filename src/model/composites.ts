import type { Config } from '../config/types.js';
import type { Scope } from '../discover/types.js';
import { compare } from '../util/compare.js';
import { applicationKey, safeAlarmName } from './names.js';
import type { AlarmModel, CompositeAlarmModel } from './types.js';

/** CloudWatch limits for a composite alarm rule. */
export const COMPOSITE_MAX_CHILDREN = 100;
export const COMPOSITE_RULE_MAX = 10_240;

/**
 * One composite alarm per application and scope, in ALARM when any of the application's
 * critical alarms is. Past CloudWatch's limits (100 children, 10,240 characters) the
 * children are split over several composites, in name order.
 */
export function buildCompositeAlarms(alarms: readonly AlarmModel[], config: Config): CompositeAlarmModel[] {
  const groups = new Map<string, { scope: Scope; app: string; names: string[] }>();
  for (const a of alarms) {
    if (a.severity !== 'critical') continue;
    const key = applicationKey(a.scope, a.resource.app);
    const group = groups.get(key) ?? { scope: a.scope, app: a.resource.app, names: [] };
    group.names.push(a.name);
    groups.set(key, group);
  }

  const out: CompositeAlarmModel[] = [];
  for (const [unit, { scope, app, names }] of groups) {
    const chunks = chunkRule(names.sort(compare));
    chunks.forEach((children, i) => {
      const suffix = chunks.length > 1 ? `-${i + 1}` : '';
      out.push({
        id: `${unit}/composite${suffix}`,
        unit,
        scope,
        app,
        name: safeAlarmName(`${config.naming.prefix}application/${app}/critical${suffix}`),
        // Plain text, as CloudWatch shows it (the emitters quote it for YAML, JSON and HCL): the
        // application's name as it is, not a JSON string literal with its backslashes.
        description: `In ALARM when any critical alarm of application "${app}" in ${scope.region} is${
          chunks.length > 1 ? ` (part ${i + 1} of ${chunks.length})` : ''
        }. Managed by obsgen.`,
        rule: ruleFor(children),
        children,
      });
    });
  }
  return out;
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
