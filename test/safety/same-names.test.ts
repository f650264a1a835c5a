import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/state/manifest.js';
import { newIdentities, stackMoves } from '../../src/safety/same-names.js';
import { manifestFromFiles } from '../helpers/manifest.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';
import type { Mapping } from '../helpers/pipeline.js';

const SHARED = '/aws/vendedlogs/states/shared';
const stateMachine = (name: string): Mapping => ({
  ResourceARN: `arn:aws:states:eu-west-1:123456789012:stateMachine:${name}`,
  Tags: [
    { Key: 'app', Value: 'flows' },
    { Key: 'obsgen:log-group', Value: SHARED },
  ],
});

function run(mappings: Mapping[], previous?: Manifest, maxResourcesPerStack = 500) {
  const { result, diags } = generateFor(mappings, {
    config: (c) => {
      c.output.targets = ['cloudformation', 'terraform'];
      c.output.cloudformation.maxResourcesPerStack = maxResourcesPerStack;
    },
    ...(previous ? { previous } : {}),
  });
  expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
  return { manifest: manifestFromFiles(result!.files.map((f) => [f.path, f.content] as const)), warnings: diags.items.filter((d) => d.severity === 'warning').map((d) => d.message) };
}

describe('objects AWS knows by one name, under another id', () => {
  it('none from night to night: a function added, the owner of a shared log group gone', () => {
    const before = run([...lambdas(3), stateMachine('flow-a'), stateMachine('flow-b')]);
    const after = run([...lambdas(4), stateMachine('flow-b')], before.manifest);
    expect(newIdentities(before.manifest, after.manifest)).toEqual([]);
    expect(after.warnings).toEqual([]);
  });

  it('an alarm, a log group and a dashboard a previous run recorded under other ids are named, with both ids', () => {
    const before = run([...lambdas(2), stateMachine('flow-a')]).manifest;
    // As if an older version had given them other ids (the names AWS knows them by unchanged).
    const alarm = before.alarms[0]!;
    const group = before.logGroups.find((l) => l.name === SHARED)!;
    const older: Manifest = {
      ...before,
      alarms: before.alarms.map((a) => (a === alarm ? { ...a, id: `${a.id}-old` } : a)),
      logGroups: before.logGroups.map((l) => (l === group ? { ...l, id: `${l.id.replace('/flow-a/', '/gone/')}` } : l)),
      dashboards: before.dashboards.map((d, i) => (i === 0 ? { ...d, id: `${d.id}-old` } : d)),
    };
    const found = newIdentities(older, before);
    expect(found.map((c) => [c.kind, c.from, c.to])).toEqual([
      ['alarm', `${alarm.id}-old`, alarm.id],
      ['dashboard', `${before.dashboards[0]!.id}-old`, before.dashboards[0]!.id],
      ['log group', older.logGroups.find((l) => l.name === SHARED)!.id, group.id],
    ]);
    // A run after the older one warns of the alarm and the dashboard, not of the log group: it
    // gives the log group the id the previous run recorded.
    const after = run([...lambdas(2), stateMachine('flow-a')], older);
    expect(after.manifest.logGroups.find((l) => l.name === SHARED)!.id).toBe(older.logGroups.find((l) => l.name === SHARED)!.id);
    expect(after.warnings).toHaveLength(2);
    expect(after.warnings[0]).toContain(`alarm ${alarm.name} in 123456789012/eu-west-1 is generated under another id than last run (${alarm.id}-old → ${alarm.id})`);
    expect(after.warnings[0]).toContain('check that it exists after deploying');
  });

  it('says nothing of kinds an older manifest did not record', () => {
    const before = run(lambdas(1)).manifest;
    const { dashboards: _dropped, ...rest } = before;
    expect(newIdentities(rest as Manifest, before)).toEqual([]);
  });

  it('units that outgrow their stack: named per pair of stacks, with the order to deploy them in', () => {
    const before = run(lambdas(12)).manifest;
    expect(before.stacks.filter((x) => x.tier === 'alarms').map((x) => x.name)).toEqual(['obsgen-alarms-01']);
    expect(stackMoves(before, before)).toEqual([]);
    // The limit lowered: what the stack holds no longer fits, and its last units leave it.
    const after = run(lambdas(12), before, 40);
    const moves = stackMoves(before, after.manifest);
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) expect([m.scope, m.from]).toEqual(['123456789012/eu-west-1', 'obsgen-alarms-01']);
    const moved = moves.flatMap((m) => m.units);
    expect(after.manifest.stacks.find((x) => x.name === 'obsgen-alarms-01')!.units.some((u) => moved.includes(u))).toBe(false);
    const warnings = after.warnings.filter((w) => w.includes('move from stack obsgen-alarms-01'));
    expect(warnings).toHaveLength(moves.length);
    expect(warnings[0]).toContain('update (or delete) obsgen-alarms-01 before deploying obsgen-alarms-0');
  });
});
