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
 * Assigns units to stacks so that a change touches as few stacks as possible: a unit stays in
 * the stack that held it last time (from the manifest) while that stack has room; new units
 * go, in id order, to the first stack of their scope and tier with room, or to a new one.
 * So adding or removing a resource changes only the stack that holds it. Without a previous
 * manifest, the same rule fills stacks in id order.
 */
export function assignStacks(units: readonly SizedUnit[], previous: readonly PreviousStack[], prefix: string, limits: StackLimits): StackLayout[] {
  const groups = groupBy(units, (u) => `${u.unit.scope.account}/${u.unit.scope.region}/${u.unit.tier}`);
  const out: StackLayout[] = [];
  for (const members of groups.values()) {
    const { scope, tier } = members[0]!.unit;
    out.push(...assignGroup(members, previous, prefix, scope, tier, limits));
  }
  return out.sort((a, b) => compare(a.scope.account, b.scope.account) || compare(a.scope.region, b.scope.region) || compare(a.name, b.name));
}

/** `obsgen-alarms-01`: per account and region, so the account is not part of the name. */
export function stackName(prefix: string, tier: string, n: number): string {
  return `${prefix}-${tier}-${String(n).padStart(2, '0')}`;
}

function assignGroup(members: SizedUnit[], previous: readonly PreviousStack[], prefix: string, scope: Scope, tier: CfnUnit['tier'], limits: StackLimits): StackLayout[] {
  const pattern = new RegExp(`^${escapeRegExp(prefix)}-${tier}-(\\d+)$`);
  const stickTo = new Map<string, number>();
  for (const p of previous) {
    const m = p.account === scope.account && p.region === scope.region ? pattern.exec(p.name) : null;
    if (m) for (const id of p.units) stickTo.set(id, Number(m[1]));
  }

  const bins = new Map<number, Bin>();
  const pool: SizedUnit[] = [];
  for (const u of [...members].sort((a, b) => compare(a.unit.id, b.unit.id))) {
    const n = stickTo.get(u.unit.id);
    if (n === undefined) pool.push(u);
    else {
      if (!bins.has(n)) bins.set(n, new Bin(n, limits));
      bins.get(n)!.force(u);
    }
  }
  // A stack that no longer fits (its units grew) gives up units from its end.
  for (const bin of bins.values()) pool.push(...bin.shrinkToFit());
  pool.sort((a, b) => compare(a.unit.id, b.unit.id));

  // First fit, skipping stacks too full to take even the smallest unit of the pool.
  const smallest = pool.map(costOf).reduce((a, b) => ({
    resources: Math.min(a.resources, b.resources),
    outputs: Math.min(a.outputs, b.outputs),
    bytes: Math.min(a.bytes, b.bytes),
  }), { resources: Infinity, outputs: Infinity, bytes: Infinity });
  let open = [...bins.values()].sort((a, b) => a.n - b.n);
  let next = Math.max(0, ...bins.keys()) + 1;
  for (const u of pool) {
    let target = open.find((b) => b.accepts(costOf(u)));
    if (!target) {
      target = new Bin(next++, limits);
      bins.set(target.n, target);
      open.push(target);
    }
    target.force(u);
    if (!target.accepts(smallest)) open = open.filter((b) => b !== target);
  }
  return [...bins.values()].map((bin) => ({
    scope,
    tier,
    name: stackName(prefix, tier, bin.n),
    units: bin.units.sort((a, b) => compare(a.unit.id, b.unit.id)),
  }));
}

/** One stack being filled, with running totals. */
class Bin {
  readonly units: SizedUnit[] = [];
  private resources = 0;
  private outputs = 0;
  private bytes = 0;

  constructor(
    readonly n: number,
    private readonly limits: StackLimits,
  ) {}

  accepts(cost: Cost): boolean {
    return (
      this.resources + cost.resources <= this.limits.resources &&
      this.outputs + cost.outputs <= this.limits.outputs &&
      this.bytes + cost.bytes <= this.limits.bytes
    );
  }

  force(u: SizedUnit): void {
    this.units.push(u);
    this.add(u, 1);
  }

  /** Removes units from the end until the rest fits; returns them. */
  shrinkToFit(): SizedUnit[] {
    const removed: SizedUnit[] = [];
    while (this.units.length > 1 && (this.resources > this.limits.resources || this.outputs > this.limits.outputs || this.bytes > this.limits.bytes)) {
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
