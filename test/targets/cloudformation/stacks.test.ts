import { describe, expect, it } from 'vitest';
import { fillingTo, layStacks, stackName } from '../../../src/targets/cloudformation/stacks.js';
import type { PreviousStack, SizedUnit, StackBudget, StackLayout, StackLimits } from '../../../src/targets/cloudformation/stacks.js';
import { compare } from '../../../src/util/compare.js';

const scope = { partition: 'aws', account: '111111111111', region: 'eu-west-1' };
const limits = { resources: 20, outputs: 12, bytes: 1_000_000 };

function unit(id: string, resources = 4, outputs = 3, bytes = 100): SizedUnit {
  return {
    unit: {
      id,
      scope,
      tier: 'alarms',
      resourceCount: resources,
      outputCount: outputs,
      hasImports: false,
      key: id,
      entries: () => ({ resources: Array.from({ length: resources }, (_, i) => `${id}-r${i}`), outputs: Array.from({ length: outputs }, (_, i) => `${id}-o${i}`), actions: new Set(), imports: [] }),
      release: () => undefined,
    },
    bytes,
  };
}

/** The whole layout of units whose bytes are known, its stacks by account, region and name (filled to the limits, unless a budget says otherwise). */
function assignStacks(units: readonly SizedUnit[], previous: readonly PreviousStack[], prefix: string, limits: StackLimits | StackBudget): StackLayout[] {
  const out: StackLayout[] = [];
  layStacks(
    units.map((u) => ({ unit: u.unit, bytes: () => u.bytes })),
    previous,
    prefix,
    'keep' in limits ? limits : { keep: limits, fill: limits },
    (stack) => out.push(stack),
  );
  return out.sort(byStackOrder);
}

function byStackOrder(a: StackLayout, b: StackLayout): number {
  return compare(a.scope.account, b.scope.account) || compare(a.scope.region, b.scope.region) || compare(a.name, b.name);
}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `res-${String(i + from).padStart(4, '0')}`);

function layout(stacks: StackLayout[]): Map<string, string[]> {
  return new Map(stacks.map((s) => [s.name, s.units.map((u) => u.unit.id)]));
}

function asPrevious(stacks: StackLayout[]): PreviousStack[] {
  return stacks.map((s) => ({ account: s.scope.account, region: s.scope.region, name: s.name, units: s.units.map((u) => u.unit.id) }));
}

/** Names of stacks whose contents differ between two layouts (added, removed or changed). */
function changedStacks(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => JSON.stringify(before.get(n)) !== JSON.stringify(after.get(n))).sort();
}

describe('assignStacks', () => {
  it('fills stacks in id order within the resource and output limits', () => {
    const stacks = assignStacks(ids(10).map((id) => unit(id)), [], 'obsgen', limits);
    expect(stacks.map((s) => s.name)).toEqual(['obsgen-alarms-01', 'obsgen-alarms-02', 'obsgen-alarms-03']);
    // 12 outputs / 3 per unit = 4 units per stack.
    expect(stacks.map((s) => s.units.length)).toEqual([4, 4, 2]);
    for (const s of stacks) {
      expect(s.units.reduce((n, u) => n + u.unit.resourceCount, 0)).toBeLessThanOrEqual(limits.resources);
      expect(s.units.reduce((n, u) => n + u.unit.outputCount, 0)).toBeLessThanOrEqual(limits.outputs);
    }
  });

  it('respects the byte budget', () => {
    const stacks = assignStacks(ids(6).map((id) => unit(id, 1, 1, 400)), [], 'obsgen', { resources: 500, outputs: 200, bytes: 1000 });
    expect(stacks.map((s) => s.units.length)).toEqual([2, 2, 2]);
  });

  it('adding one resource changes only the stack that receives it', () => {
    const first = assignStacks(ids(40).map((id) => unit(id)), [], 'obsgen', limits);
    // A new id that sorts in the middle of the existing ones.
    const withNew = [...ids(40).map((id) => unit(id)), unit('res-0005a')];
    const second = assignStacks(withNew, asPrevious(first), 'obsgen', limits);
    const changed = changedStacks(layout(first), layout(second));
    expect(changed).toHaveLength(1);
    expect(layout(second).get(changed[0]!)).toContain('res-0005a');
  });

  it('removing one resource changes only the stack that held it', () => {
    const first = assignStacks(ids(40).map((id) => unit(id)), [], 'obsgen', limits);
    const holder = first.find((s) => s.units.some((u) => u.unit.id === 'res-0017'))!.name;
    const remaining = ids(40).filter((id) => id !== 'res-0017').map((id) => unit(id));
    const second = assignStacks(remaining, asPrevious(first), 'obsgen', limits);
    expect(changedStacks(layout(first), layout(second))).toEqual([holder]);
  });

  it('reuses room freed by removals before opening a new stack', () => {
    const first = assignStacks(ids(8).map((id) => unit(id)), [], 'obsgen', limits);
    const shrunk = assignStacks(ids(8).filter((id) => id !== 'res-0001').map((id) => unit(id)), asPrevious(first), 'obsgen', limits);
    const grown = assignStacks([...ids(8).filter((id) => id !== 'res-0001').map((id) => unit(id)), unit('res-0100')], asPrevious(shrunk), 'obsgen', limits);
    expect(layout(grown).get('obsgen-alarms-01')).toContain('res-0100');
    expect(grown).toHaveLength(2);
  });

  it('is deterministic and idempotent when fed its own layout', () => {
    const units = ids(50).map((id, i) => unit(id, 1 + (i % 5), 1 + (i % 3)));
    const a = assignStacks(units, [], 'obsgen', limits);
    const b = assignStacks([...units].reverse(), [], 'obsgen', limits);
    expect(layout(a)).toEqual(layout(b));
    expect(layout(assignStacks(units, asPrevious(a), 'obsgen', limits))).toEqual(layout(a));
  });

  it('moves units out of a stack that no longer fits, and only those', () => {
    const first = assignStacks(ids(8).map((id) => unit(id)), [], 'obsgen', limits);
    // res-0000 now needs 6 outputs: its stack (4 units × 3) overflows by 3.
    const grown = ids(8).map((id) => (id === 'res-0000' ? unit(id, 4, 6) : unit(id)));
    const second = assignStacks(grown, asPrevious(first), 'obsgen', limits);
    for (const s of second) expect(s.units.reduce((n, u) => n + u.unit.outputCount, 0)).toBeLessThanOrEqual(12);
    expect(layout(second).get('obsgen-alarms-01')).toContain('res-0000');
  });

  it('keeps scopes and tiers apart and ignores other scopes in the previous layout', () => {
    const other = { ...scope, region: 'us-east-1' };
    const u = unit('a');
    const v: SizedUnit = { ...unit('b'), unit: { ...unit('b').unit, scope: other } };
    const w: SizedUnit = { ...unit('c'), unit: { ...unit('c').unit, tier: 'apps' } };
    const prev: PreviousStack[] = [{ account: scope.account, region: 'us-east-1', name: 'obsgen-alarms-07', units: ['a'] }];
    const stacks = assignStacks([u, v, w], prev, 'obsgen', limits);
    expect(stacks.map((s) => `${s.scope.region}/${s.name}`)).toEqual(['eu-west-1/obsgen-alarms-01', 'eu-west-1/obsgen-apps-01', 'us-east-1/obsgen-alarms-01']);
  });

  it('gives each stack as soon as no unit still to be placed fits in it, with the layout of assignStacks', () => {
    const units = ids(50).map((id, i) => unit(id, 1 + (i % 5), 1 + (i % 3), 100 + i));
    const sizedBefore: number[] = [];
    let sized = 0;
    const given: StackLayout[] = [];
    const lazy = units.map((u) => ({ unit: u.unit, bytes: () => (sized++, u.bytes) }));
    layStacks(lazy, [], 'obsgen', { keep: limits, fill: limits }, (stack) => {
      sizedBefore.push(sized);
      given.push(stack);
    });
    expect(layout([...given].sort(byStackOrder))).toEqual(layout(assignStacks(units, [], 'obsgen', limits)));
    // The first stack is complete long before the last unit is placed (and sized).
    expect(sizedBefore[0]).toBeLessThan(units.length / 2);
    expect(sized).toBe(units.length);
  });

  it('fills stacks to the fill limits, and keeps a unit that grows in its stack up to the limits themselves', () => {
    // Up to 12 resources and 9 outputs for new units; stays while within 20 and 12.
    const budget = fillingTo(limits, 0.75);
    const first = assignStacks(ids(8).map((id) => unit(id)), [], 'obsgen', budget);
    expect([...layout(first).values()].map((u) => u.length)).toEqual([3, 3, 2]);
    // Every unit grows by a third (a blueprint alarm more on every resource): nothing moves.
    const grown = assignStacks(ids(8).map((id) => unit(id, 5, 4)), asPrevious(first), 'obsgen', budget);
    expect(layout(grown)).toEqual(layout(first));
    // A new unit does not go into a stack past its fill limits, although it would fit the limits.
    const added = assignStacks([...ids(8).map((id) => unit(id, 5, 4)), unit('res-0003a')], asPrevious(grown), 'obsgen', budget);
    expect(changedStacks(layout(grown), layout(added))).toEqual(['obsgen-alarms-04']);
    // Filled to the limits themselves, the same growth moved units between stacks.
    const full = assignStacks(ids(8).map((id) => unit(id)), [], 'obsgen', limits);
    const fullGrown = assignStacks(ids(8).map((id) => unit(id, 5, 4)), asPrevious(full), 'obsgen', limits);
    expect(changedStacks(layout(full), layout(fullGrown)).length).toBeGreaterThan(1);
    // Past the limits themselves, a stack still gives up its last units.
    const past = assignStacks(ids(8).map((id) => unit(id, 7, 5)), asPrevious(first), 'obsgen', budget);
    for (const s of past) expect(s.units.reduce((n, u) => n + u.unit.outputCount, 0)).toBeLessThanOrEqual(12);
  });

  it('names stacks with two-digit numbers', () => {
    expect(stackName('obsgen', 'alarms', 3)).toBe('obsgen-alarms-03');
    expect(stackName('acme', 'apps', 120)).toBe('acme-apps-120');
  });
});
