import type { Scope } from '../../discover/types.js';
import { compare } from '../../util/compare.js';
import type { CfnUnit } from './resources.js';
import { groupBy } from '../../util/group.js';
import { escapeRegExp } from '../../util/regexp.js';

/** A unit and the bytes its entries add to a stack. */
export interface SizedUnit {
  unit: CfnUnit;
  bytes: number;
}

export interface StackLimits {
  resources: number;
  outputs: number;
  /** Bytes for resource and output entries; the header has its own reserve. */
  bytes: number;
}

/**
 * What stacks are laid out within: `keep`, the most a stack may hold (a unit already in a stack
 * stays there while the stack is within it); `fill`, the most new units are placed up to. The
 * room between is for the units a stack holds to grow without any of them moving (see
 * `layStacks`).
 */
export interface StackBudget {
  keep: StackLimits;
  fill: StackLimits;
}

/** A budget filling stacks to `share` of each limit, keeping units up to the limits themselves. */
export function fillingTo(limits: StackLimits, share: number): StackBudget {
  return {
    keep: limits,
    fill: { resources: Math.floor(limits.resources * share), outputs: Math.floor(limits.outputs * share), bytes: Math.floor(limits.bytes * share) },
  };
}

/** Where a unit was deployed before, from the previous manifest. */
export interface PreviousStack {
  account: string;
  region: string;
  name: string;
  units: string[];
}

export interface StackLayout {
  scope: Scope;
  tier: CfnUnit['tier'];
  name: string;
  units: SizedUnit[];
}

/**
 * A unit whose bytes are taken only when it is placed: for a unit that has to be serialised to
 * know them, that is when its entries are made (see `layStacks`).
 */
export interface UnsizedUnit {
  unit: CfnUnit;
  bytes: () => number;
}

/**
 * Assigns units to stacks so that a change touches as few stacks as possible: a unit stays in
 * the stack that held it last time (from the manifest) while that stack is within the budget's
 * `keep` limits; new units go, in id order, to the first stack of their scope and tier with room
 * under its `fill` limits, or to a new one. So adding or removing a resource changes only the
 * stack that holds it. Without a previous manifest, the same rule fills stacks in id order.
 *
 * A unit that has to leave its stack is deleted from one stack and created in another, under the
 * same names: CloudFormation runs the two updates apart, and whichever comes second undoes the
 * first (a creation fails, the name being taken, or a deletion by name removes what the other
 * stack had just put: an alarm or a dashboard gone while its new stack says it is there). So
 * units grow in place: a stack filled only to `fill` takes its units' growth (an application's
 * dashboard with each resource added to it, a blueprint's new alarm on every resource) up to
 * `keep` before any of them moves.
 *
 * Each stack is given to `onStack` as soon as no unit still to be placed can go into it (in no
 * particular order), and each unit's bytes are taken when it is placed. So a caller that
 * serialises a unit to know its bytes holds the entries of the stacks being filled, not of the
 * whole scope: at 40,000 resources in one region, holding every unit's entries until the last
 * was placed added 640 MB to the heap while the templates were written, and each minor
 * collection's cost grows with the heap (see emit.ts).
 */
export function layStacks(units: readonly UnsizedUnit[], previous: readonly PreviousStack[], prefix: string, limits: StackBudget, onStack: (stack: StackLayout) => void): void {
  const groups = groupBy(units, (u) => `${u.unit.scope.account}/${u.unit.scope.region}/${u.unit.tier}`);
  for (const members of groups.values()) {
    const { scope, tier } = members[0]!.unit;
    assignGroup(members, previous, prefix, scope, tier, limits, onStack);
  }
}

/** `obsgen-alarms-01`: per account and region, so the account is not part of the name. */
export function stackName(prefix: string, tier: string, n: number): string {
  return `${prefix}-${tier}-${String(n).padStart(2, '0')}`;
}

function assignGroup(
  members: UnsizedUnit[],
  previous: readonly PreviousStack[],
  prefix: string,
  scope: Scope,
  tier: CfnUnit['tier'],
  limits: StackBudget,
  onStack: (stack: StackLayout) => void,
): void {
  const pattern = new RegExp(`^${escapeRegExp(prefix)}-${tier}-(\\d+)$`);
  const stickTo = new Map<string, number>();
  for (const p of previous) {
    const m = p.account === scope.account && p.region === scope.region ? pattern.exec(p.name) : null;
    if (m) for (const id of p.units) stickTo.set(id, Number(m[1]));
  }

  const bins = new Map<number, Bin>();
  const pool: UnsizedUnit[] = [];
  for (const u of [...members].sort((a, b) => compare(a.unit.id, b.unit.id))) {
    const n = stickTo.get(u.unit.id);
    if (n === undefined) pool.push(u);
    else {
      if (!bins.has(n)) bins.set(n, new Bin(n, limits));
      bins.get(n)!.force({ unit: u.unit, bytes: u.bytes() });
    }
  }
  // A stack that no longer fits (its units grew) gives up units from its end.
  for (const bin of bins.values()) for (const u of bin.shrinkToFit()) pool.push({ unit: u.unit, bytes: () => u.bytes });
  pool.sort((a, b) => compare(a.unit.id, b.unit.id));

  // What the units from each place in the pool on need at least, counting no bytes (those are
  // known only once a unit is placed): a stack too full to take that takes none of them, so it
  // is complete. Only such stacks leave the open list, so the first fit is the same as over all.
  const least: Cost[] = Array.from({ length: pool.length + 1 }, () => ({ resources: Infinity, outputs: Infinity, bytes: 0 }));
  for (let i = pool.length - 1; i >= 0; i--) {
    least[i] = { resources: Math.min(pool[i]!.unit.resourceCount, least[i + 1]!.resources), outputs: Math.min(pool[i]!.unit.outputCount, least[i + 1]!.outputs), bytes: 0 };
  }
  const complete = (bin: Bin) =>
    onStack({
      scope,
      tier,
      name: stackName(prefix, tier, bin.n),
      units: bin.units.sort((a, b) => compare(a.unit.id, b.unit.id)),
    });
  let open = [...bins.values()].sort((a, b) => a.n - b.n);
  let next = Math.max(0, ...bins.keys()) + 1;
  const closeFull = (rest: Cost) => {
    open = open.filter((b) => {
      if (b.accepts(rest)) return true;
      complete(b);
      return false;
    });
  };
  closeFull(least[0]!);
  pool.forEach((p, i) => {
    const u: SizedUnit = { unit: p.unit, bytes: p.bytes() };
    let target = open.find((b) => b.accepts(costOf(u)));
    if (!target) {
      target = new Bin(next++, limits);
      bins.set(target.n, target);
      open.push(target);
    }
    target.force(u);
    closeFull(least[i + 1]!);
  });
  // After the last unit (or with none), `least` is infinite: every stack has been completed.
}

/** One stack being filled, with running totals. */
class Bin {
  readonly units: SizedUnit[] = [];
  private resources = 0;
  private outputs = 0;
  private bytes = 0;

  constructor(
    readonly n: number,
    private readonly limits: StackBudget,
  ) {}

  /** Whether a unit of this cost may be placed here (within `fill`). */
  accepts(cost: Cost): boolean {
    const { fill } = this.limits;
    return this.resources + cost.resources <= fill.resources && this.outputs + cost.outputs <= fill.outputs && this.bytes + cost.bytes <= fill.bytes;
  }

  force(u: SizedUnit): void {
    this.units.push(u);
    this.add(u, 1);
  }

  /** Removes units from the end until the rest is within `keep`; returns them. */
  shrinkToFit(): SizedUnit[] {
    const removed: SizedUnit[] = [];
    const { keep } = this.limits;
    while (this.units.length > 1 && (this.resources > keep.resources || this.outputs > keep.outputs || this.bytes > keep.bytes)) {
      const u = this.units.pop()!;
      this.add(u, -1);
      removed.push(u);
    }
    return removed;
  }

  private add(u: SizedUnit, sign: 1 | -1): void {
    const cost = costOf(u);
    this.resources += sign * cost.resources;
    this.outputs += sign * cost.outputs;
    this.bytes += sign * cost.bytes;
  }
}

/** What a unit takes from a stack's limits. */
type Cost = StackLimits;

function costOf(u: SizedUnit): Cost {
  return { resources: u.unit.resourceCount, outputs: u.unit.outputCount, bytes: u.bytes };
}
