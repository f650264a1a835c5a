import type { Model } from '../../model/types.js';
import type { FileContent, FileRecord, FileSink } from '../files.js';
import { ACTION_TARGETS } from '../../config/types.js';
import type { Scope } from '../../discover/types.js';
import { compare } from '../../util/compare.js';
import { groupBy } from '../../util/group.js';
import { cloudFormationUnits } from './resources.js';
import type { ModelObjects } from './resources.js';
import { entryBytes, serializeEntry } from './serialize.js';
import { fillingTo, layStacks } from './stacks.js';
import type { UnsizedUnit } from './stacks.js';
import type { TemplateSyntax } from './serialize.js';
import type { StackRecord, TargetContext } from '../target.js';
import { importFiles, stackTemplate } from './template.js';

/** CloudFormation's hard limits per template. */
export const CFN_LIMITS = { resources: 500, outputs: 200, parameters: 200, bytes: 1_048_576 };
// Room kept for the template header (description, parameters, conditions).
const HEADER_RESERVE = 8_192;
/**
 * The share of each limit new units are placed up to; the rest is for the units a stack holds to
 * grow in place (stacks.ts says why a unit must not move): room for each to grow by a third.
 * Filled to the limits, the #21 mix's stacks were full within a few kilobytes (apps stacks:
 * dashboards, 0.98-0.99 MB of 0.99) or to the 200 outputs (alarms stacks). Measured at 10,000
 * resources (#21 mix, `generate --format both`), turning on the opt-in traffic-drop alarm for
 * every resource (`enable: [{alarms: [traffic-drop]}]`) moved 1,201 of 10,114 units between
 * stacks filled to the limits (271 stacks), 124 filled to 80% (338), none filled to 75% (360).
 * More stacks are the cost: about 36 per 1,000 resources in a region, against the default quota
 * of 2,000 stacks per account and region.
 */
const FILL_SHARE = 0.75;

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
  const limits = fillingTo(
    {
      resources: Math.min(maxResourcesPerStack, CFN_LIMITS.resources),
      outputs: CFN_LIMITS.outputs,
      bytes: Math.min(maxBytesPerStack, CFN_LIMITS.bytes) - HEADER_RESERVE,
    },
    FILL_SHARE,
  );
  const files: F[] = [];
  const records: StackRecord[] = [];
  // What the previous run recorded of each unit: its key and the bytes its entries took. The
  // layout needs every unit's bytes; a unit whose key is the recorded one has the recorded
  // bytes (they are a function of what the key covers), so it need not be serialised to know.
  const recorded = context.renders.reusing ? recordedUnits(context.previousStacks) : new Map<string, [string, number]>();
  // A stack never spans accounts or regions, so they are laid out and written one scope at a
  // time. Within a scope, each stack is written as soon as no unit still to be placed can go
  // into it, and its units' entries are then dropped: only the stacks being filled hold theirs.
  // Held until the scope's last stack was laid out, they were 640 MB at 40,000 resources in one
  // region, and V8 visits every old-generation page at every minor collection, so the cost of
  // each grows with the heap. Measured (#21 mix, one region, 40,000 resources, `generate
  // --format both`, fresh output folder): the heap's size summed over minor collections
  // 1719 -> 1440 GB (10,000: 120 -> 107), peak 1797 -> 1589 MB (medians of 4 runs). CPU did
  // not improve measurably on a shared 2-CPU machine (medians of 6, spread ±10%: 40,000
  // 61.6 -> 65.1 s, 10,000 15.3 -> 15.8 s).
  for (const part of byScope(model)) {
    const units = cloudFormationUnits(part, context.actions.notifyOnOk, (id, value) => serializeEntry(syntax, id, value), syntax, context.renders.tool);
    const unsized: UnsizedUnit[] = units.map((unit) => ({
      unit,
      bytes: () => {
        const before = recorded.get(unit.id);
        if (before && before[0] === unit.key) return before[1];
        const { resources, outputs } = unit.entries();
        let bytes = 0;
        for (const entry of resources) bytes += entryBytes(entry);
        for (const entry of outputs) bytes += entryBytes(entry);
        return bytes;
      },
    }));
    const laid: StackRecord[] = [];
    layStacks(unsized, context.previousStacks, options.stackPrefix, limits, (stack) => {
      const file = `cloudformation/${stack.scope.account}/${stack.scope.region}/${stack.name}.${syntax === 'json' ? 'json' : 'yaml'}`;
      // What the stack's files are made of: the units' keys in order (their entries, their
      // actions, their imports), the stack, the syntax, and the scope's action defaults.
      const args = {
        scope: stack.scope,
        name: stack.name,
        tier: stack.tier,
        syntax,
        units: stack.units.map((u) => u.unit.key),
        actions: ACTION_TARGETS.map((t) => context.actions.list(t, stack.scope)),
      };
      const put = (path: string, render: () => FileContent) => context.renders.file(sink, 'cloudformation', path, args, render);
      const template = put(file, () => stackTemplate(stack, context.actions, syntax));
      files.push(template);
      files.push(...importFiles(stack, syntax, file, put));
      for (const u of stack.units) u.unit.release();
      laid.push({
        account: stack.scope.account,
        region: stack.scope.region,
        name: stack.name,
        tier: stack.tier,
        file,
        resources: stack.units.reduce((n, u) => n + u.unit.resourceCount, 0),
        bytes: template.size,
        units: stack.units.map((u) => u.unit.id),
        unitKeys: stack.units.map((u) => [u.unit.key, u.bytes]),
      });
    });
    // Written as they were complete; recorded in the order of their names.
    records.push(...laid.sort((a, b) => compare(a.name, b.name)));
  }
  return { files, stacks: records };
}

/** Each unit's recorded key and bytes, from the previous run's stacks (absent in manifests before they were recorded). */
function recordedUnits(stacks: readonly StackRecord[]): Map<string, [string, number]> {
  const out = new Map<string, [string, number]>();
  for (const s of stacks) {
    if (!Array.isArray(s.unitKeys) || !Array.isArray(s.units) || s.unitKeys.length !== s.units.length) continue;
    s.units.forEach((id, i) => {
      const entry = s.unitKeys![i];
      if (Array.isArray(entry) && typeof entry[0] === 'string' && Number.isSafeInteger(entry[1])) out.set(id, [entry[0], entry[1]]);
    });
  }
  return out;
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
