import type { Model } from '../../model/types.js';
import type { FileRecord, FileSink } from '../files.js';
import type { Scope } from '../../discover/types.js';
import { compare } from '../../util/compare.js';
import { groupBy } from '../../util/group.js';
import { cloudFormationUnits } from './resources.js';
import type { ModelObjects } from './resources.js';
import { entryBytes, serializeEntry } from './serialize.js';
import { assignStacks } from './stacks.js';
import type { SizedUnit } from './stacks.js';
import type { TemplateSyntax } from './serialize.js';
import type { StackRecord, TargetContext } from '../target.js';
import { importFiles, stackTemplate } from './template.js';

/** CloudFormation's hard limits per template. */
export const CFN_LIMITS = { resources: 500, outputs: 200, parameters: 200, bytes: 1_048_576 };
// Room kept for the template header (description, parameters, conditions).
const HEADER_RESERVE = 8_192;

/** The CloudFormation target's options. */
export interface CloudFormationOptions {
  syntax: TemplateSyntax;
  maxResourcesPerStack: number;
  maxBytesPerStack: number;
  /** Stacks are named `<prefix>-alarms-01`, `<prefix>-apps-01`, … */
  stackPrefix: string;
}

/** Emits one template per stack under `cloudformation/<account>/<region>/`. */
export function emitCloudFormation<F extends FileRecord>(model: Model, options: CloudFormationOptions, context: TargetContext, sink: FileSink<F>): { files: F[]; stacks: StackRecord[] } {
  const { syntax, maxResourcesPerStack, maxBytesPerStack } = options;
  const limits = {
    resources: Math.min(maxResourcesPerStack, CFN_LIMITS.resources),
    outputs: CFN_LIMITS.outputs,
    bytes: Math.min(maxBytesPerStack, CFN_LIMITS.bytes) - HEADER_RESERVE,
  };
  const files: F[] = [];
  const records: StackRecord[] = [];
  // A stack never spans accounts or regions, so they are laid out and written one scope at a
  // time: only one scope's serialised entries are held at once, not the whole estate's.
  for (const part of byScope(model)) {
    const sized: SizedUnit[] = cloudFormationUnits(part, context.actions.notifyOnOk, (id, value) => serializeEntry(syntax, id, value), syntax).map((unit) => {
      let bytes = 0;
      for (const entry of unit.resources) bytes += entryBytes(entry);
      for (const entry of unit.outputs) bytes += entryBytes(entry);
      return { unit, bytes };
    });
    for (const stack of assignStacks(sized, context.previousStacks, options.stackPrefix, limits)) {
      const file = `cloudformation/${stack.scope.account}/${stack.scope.region}/${stack.name}.${syntax === 'json' ? 'json' : 'yaml'}`;
      const template = sink.put(file, stackTemplate(stack, context.actions, syntax));
      files.push(template);
      files.push(...importFiles(stack, syntax, file, sink));
      records.push({
        account: stack.scope.account,
        region: stack.scope.region,
        name: stack.name,
        tier: stack.tier,
        file,
        resources: stack.units.reduce((n, u) => n + u.unit.resources.length, 0),
        bytes: template.size,
        units: stack.units.map((u) => u.unit.id),
      });
    }
  }
  return { files, stacks: records };
}

/**
 * The model's objects by the account and region of their unit, in the order stacks are
 * listed (account, then region), each scope's objects in model order.
 */
function* byScope(model: Model): Generator<ModelObjects> {
  const scopeOf = new Map(model.units.map((u) => [u.id, u.scope]));
  const keyOf = (scope: Scope) => `${scope.account}/${scope.region}`;
  const byUnitScope = <T extends { unit: string }>(items: readonly T[]) => groupBy(items, (item) => keyOf(scopeOf.get(item.unit)!));
  const units = groupBy(model.units, (u) => keyOf(u.scope));
  const logGroups = byUnitScope(model.logGroups);
  const metricFilters = byUnitScope(model.metricFilters);
  const alarms = byUnitScope(model.alarms);
  const composites = byUnitScope(model.composites);
  const dashboards = byUnitScope(model.dashboards);
  const scopes = [...units.values()].map((list) => list[0]!.scope).sort((a, b) => compare(a.account, b.account) || compare(a.region, b.region));
  for (const scope of scopes) {
    const key = keyOf(scope);
    yield {
      units: units.get(key)!,
      logGroups: logGroups.get(key) ?? [],
      metricFilters: metricFilters.get(key) ?? [],
      alarms: alarms.get(key) ?? [],
      composites: composites.get(key) ?? [],
      dashboards: dashboards.get(key) ?? [],
    };
  }
}
