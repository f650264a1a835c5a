import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { checkRemovals } from '../../src/safety/guards.js';
import type { RemovalGuard } from '../../src/safety/guards.js';
import type { Manifest } from '../../src/state/manifest.js';
import { parseManifest } from '../../src/state/read.js';
import { manifestIn } from '../helpers/manifest.js';
import { REPO } from '../helpers/paths.js';

/* The guard's counting, on the README example's manifest (committed in generated/). */

const GUARD: RemovalGuard = { maxRemovedAlarms: 50, maxRemovedShare: 0.2, maxRemovedLogGroups: 0, allowRemovals: false };
const example = (): Manifest => manifestIn(join(REPO, 'generated'));

function errors(previous: Manifest, next: Manifest, guard: RemovalGuard = GUARD): string[] {
  const diags = new Diagnostics();
  checkRemovals(previous, next, guard, diags);
  return diags.items.map((d) => d.message);
}

/** Removes everything of the resources whose keys (ending in `/`) are given, as when they are deleted. */
function decommission(m: Manifest, units: string[]): void {
  const gone = (id: string) => units.some((u) => id.startsWith(u));
  m.logGroups = m.logGroups.filter((l) => !gone(l.id));
  m.metricFilters = m.metricFilters.filter((f) => !gone(f.id));
  m.alarms = m.alarms.filter((a) => !gone(a.id));
}

describe('checkRemovals', () => {
  it('an unchanged run passes', () => {
    expect(errors(example(), example())).toEqual([]);
  });

  const kinds: [string, (m: Manifest) => void, RegExp][] = [
    ['composite alarms', (m) => m.composites.splice(0, 5), /^this run would remove 5 of 22 composite alarms \(23%\), more than the guard allows \(50 composite alarms or 20%\); nothing was changed/],
    ['dashboards', (m) => m.dashboards.splice(0, 3), /^this run would remove 3 of 13 dashboards \(23%\)/],
    ['log groups', (m) => decommission(m, m.logGroups.slice(1, 5).map((l) => l.id.slice(0, l.id.lastIndexOf('/logs/') + 1))), /^this run would remove 4 of 19 log groups \(21%\), more than the guard allows \(50 log groups or 20%\); its metric filters go with it, and its logs too with logs\.removalPolicy: delete; nothing was changed/],
    ['metric filters', (m) => m.metricFilters.splice(0, 8), /^this run would remove 8 of 36 metric filters \(22%\)/],
    ['applications', (m) => [...m.resources, ...m.alarms].forEach((x) => { if (x.app === 'checkout') x.app = 'unassigned'; }), /^this run would remove 1 of 4 applications \(25%\)/],
  ];
  for (const [kind, change, message] of kinds) {
    it(`stops a run that removes too many ${kind}, unless allowed`, () => {
      const next = example();
      change(next);
      const got = errors(example(), next);
      // (Deleting functions also removes their metric filters: that kind may be reported too.)
      expect(got).toContainEqual(expect.stringMatching(message));
      expect(got.length).toBeLessThanOrEqual(kind === 'log groups' ? 2 : 1);
      expect(errors(example(), next, { ...GUARD, allowRemovals: true })).toEqual([]);
    });
  }

  it('a log group removed while its resource is still monitored stops the run at the first (guards.maxRemovedLogGroups: 0)', () => {
    const next = example();
    const gone = next.logGroups.splice(0, 1)[0]!;
    next.metricFilters = next.metricFilters.filter((f) => !f.id.startsWith(`${gone.id}/`));
    next.alarms = next.alarms.filter((a) => !a.id.startsWith(`${gone.id}/`));
    expect(errors(example(), next)).toEqual([
      `this run would remove 1 log group whose resource is still monitored (${gone.id}), more than the guard allows (guards.maxRemovedLogGroups: 0); its metric filters go with it, and its logs too with logs.removalPolicy: delete (was a tag like obsgen:log-group dropped?); nothing was changed (if this is intended, run again with --allow-removals)`,
    ]);
    expect(errors(example(), next, { ...GUARD, maxRemovedLogGroups: 1 })).toEqual([]);
    expect(errors(example(), next, { ...GUARD, allowRemovals: true })).toEqual([]);
  });

  it('a log group that goes with its resource (decommissioned) counts like an alarm', () => {
    const next = example();
    const unit = '111111111111/eu-west-1/lambda:function/catalog-api/';
    next.logGroups = next.logGroups.filter((l) => !l.id.startsWith(unit));
    next.metricFilters = next.metricFilters.filter((f) => !f.id.startsWith(unit));
    next.alarms = next.alarms.filter((a) => !a.id.startsWith(unit));
    expect(next.logGroups).toHaveLength(18);
    expect(errors(example(), next)).toEqual([]);
  });

  it('a count above the limit stops the run even when the share is small', () => {
    const next = example();
    next.metricFilters.splice(0, 3);
    expect(errors(example(), next, { ...GUARD, maxRemovedAlarms: 2 })).toEqual([expect.stringMatching(/^this run would remove 3 of 36 metric filters \(8%\), more than the guard allows \(2 metric filters or 20%\)/)]);
    expect(errors(example(), next)).toEqual([]);
  });

  it('a previous manifest without the newer lists still loads; the guard counts what it records', () => {
    // Made from the manifest as read (a version 1 file spelled out every record, as read).
    const old = JSON.parse(JSON.stringify(example())) as Record<string, unknown>;
    for (const key of ['composites', 'dashboards', 'logGroups', 'metricFilters', 'resources', 'existingLogGroups']) delete old[key];
    old['manifestVersion'] = 1;
    const parsed = parseManifest(JSON.stringify(old));
    expect(parsed.problem).toBeUndefined();
    const next = example();
    next.logGroups = [];
    next.composites = [];
    // Nothing to compare log groups or composite alarms with; applications come from the alarms.
    expect(errors(parsed.manifest!, next)).toEqual([]);
    for (const x of [...next.alarms, ...next.resources]) x.app = 'unassigned';
    expect(errors(parsed.manifest!, next)).toEqual([expect.stringMatching(/^this run would remove 3 of 4 applications \(75%\)/)]);
  });
});
