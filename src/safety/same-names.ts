import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { alarmNamespace, idScope } from '../resolve/identity.js';
import type { Manifest } from '../state/manifest.js';
import { compare } from '../util/compare.js';

/** An object AWS knows by a name that this run generates under another id than the previous run. */
export interface NewIdentity {
  kind: string;
  /** What AWS knows it by, as the message says it. */
  name: string;
  from: string;
  to: string;
}

/** Account and region, the first two parts of every stable id. */
const scopeOf = (id: string) => alarmNamespace(idScope(id));

/** A kind of object whose name is its identity in AWS: each record's name (and where it lives) and id, or undefined when an older manifest did not record the kind. */
interface Kind {
  kind: string;
  entries(m: Manifest): [name: string, id: string][] | undefined;
}

function kind<T extends { id: string }>(name: string, list: (m: Manifest) => readonly T[] | undefined, nameOf: (x: T) => string): Kind {
  return {
    kind: name,
    entries: (m) => {
      const records = list(m);
      return Array.isArray(records) ? records.map((x) => [nameOf(x), x.id]) : undefined;
    },
  };
}

const KINDS: Kind[] = [
  kind('alarm', (m) => m.alarms, (a) => `${a.name} in ${a.account}/${a.region}`),
  kind('composite alarm', (m) => m.composites, (c) => `${c.name} in ${c.account}/${c.region}`),
  kind('log group', (m) => m.logGroups, (l) => `${l.name} in ${scopeOf(l.id)}`),
  kind('metric filter', (m) => m.metricFilters, (f) => `${f.filterName} on ${f.logGroup} in ${scopeOf(f.id)}`),
  // Dashboards are per account, not per region.
  kind('dashboard', (m) => m.dashboards, (d) => `${d.name} in ${idScope(d.id).account}`),
];

/**
 * The objects AWS knows by the same name in both runs (an alarm's name in its account and region,
 * a metric filter's on its log group, …) whose stable id changed. Their CloudFormation logical id
 * or Terraform address derives from the id, so a deployment deletes the object under one and
 * creates it under the other; both under the same name, and whichever comes second can undo the
 * first (a creation refused, the name being taken; a deletion by name of what was just created).
 * obsgen keeps ids from night to night (previous names, log groups and their filters by name,
 * units in their stacks), so this finds what those rules missed.
 */
export function newIdentities(previous: Manifest, next: Manifest): NewIdentity[] {
  const out: NewIdentity[] = [];
  for (const { kind, entries } of KINDS) {
    const before = entries(previous);
    const after = entries(next);
    if (!before || !after) continue;
    const was = new Map(before);
    for (const [name, to] of after) {
      const from = was.get(name);
      if (from !== undefined && from !== to) out.push({ kind, name, from, to });
    }
  }
  return out.sort((a, b) => compare(a.kind, b.kind) || compare(a.name, b.name));
}

/** Warns of each object `newIdentities` finds: what deploying it does, and what to check. */
export function warnOfNewIdentities(previous: Manifest | undefined, next: Manifest, diags: Diagnostics): void {
  if (!previous) return;
  for (const c of newIdentities(previous, next)) {
    diags.warning(
      `${c.kind} ${c.name} is generated under another id than last run (${c.from} → ${c.to}): deploying deletes it under its old logical id or address and creates it under the new one, with the same name, and whichever comes second can undo the other; check that it exists after deploying (with Terraform, a \`terraform state mv\` of the old address to the new one before applying avoids it)`,
    );
  }
}

/** Units that a run lays out in another CloudFormation stack of their scope than the previous run: from which stack to which, how many, the first by id. */
export interface StackMove {
  scope: string;
  from: string;
  to: string;
  units: string[];
}

/**
 * The units (a resource's alarms, log groups and filters; an application's composite alarms and
 * dashboards) that leave one stack for another. Their ids and names are the same, their stack is
 * not: CloudFormation deletes them from the stack they leave and creates them in the other, and
 * whichever of the two updates comes second undoes the first. Stacks are filled with room for
 * what they hold to grow (targets/cloudformation/stacks.ts), so this is what outgrew it.
 */
export function stackMoves(previous: Manifest, next: Manifest): StackMove[] {
  if (!Array.isArray(previous.stacks) || !Array.isArray(next.stacks)) return [];
  const where = new Map<string, string>();
  for (const s of previous.stacks) for (const u of Array.isArray(s.units) ? s.units : []) where.set(`${s.account}/${s.region}\n${u}`, s.name);
  const moves = new Map<string, StackMove>();
  for (const s of next.stacks) {
    const scope = `${s.account}/${s.region}`;
    for (const u of s.units) {
      const from = where.get(`${scope}\n${u}`);
      if (from === undefined || from === s.name) continue;
      const key = `${scope}\n${from}\n${s.name}`;
      const move = moves.get(key) ?? { scope, from, to: s.name, units: [] };
      move.units.push(u);
      moves.set(key, move);
    }
  }
  return [...moves.values()].sort((a, b) => compare(a.scope, b.scope) || compare(a.from, b.from) || compare(a.to, b.to)).map((m) => ({ ...m, units: m.units.sort(compare) }));
}

/** Warns of each move `stackMoves` finds, with the order of deployment that ends with every object in place. */
export function warnOfStackMoves(previous: Manifest | undefined, next: Manifest, diags: Diagnostics): void {
  if (!previous) return;
  for (const m of stackMoves(previous, next)) {
    const what = m.units.length === 1 ? `unit ${m.units[0]!}` : `${m.units.length} units (${m.units[0]!}, …)`;
    diags.warning(
      `${what} in ${m.scope} move from stack ${m.from} to stack ${m.to}: CloudFormation deletes their alarms, log groups, filters or dashboards from ${m.from} and creates them in ${m.to} under the same names, so update (or delete) ${m.from} before deploying ${m.to} (the other way round, the creation fails, or a deletion by name removes what ${m.to} just created), and check they exist after`,
    );
  }
}
