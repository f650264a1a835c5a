/**
 * A plan too long for a pull-request body (GitHub refuses one over 65,536 characters): the
 * nightly job that cannot open its pull request proposes nothing. `plan --markdown` is kept
 * within `--max-chars` (60,000 by default), listing removals first, then changes, then
 * additions, and counting what it leaves out; a plan that fits is printed as it always was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Changed, PlanDiff } from '../../src/plan/diff.js';
import { planSummary, renderPlan } from '../../src/plan/render.js';
import { ACCOUNT, Estate, fn } from '../helpers/estate.js';

const EMPTY: PlanDiff = {
  resources: { added: [], removed: [], retagged: [] },
  alarms: { added: [], removed: [], changed: [] },
  composites: { added: [], removed: [], changed: [] },
  dashboards: { added: [], removed: [], changed: [] },
  logGroups: { added: [], removed: [], deletesLogs: [], changed: [] },
  metricFilters: { added: [], removed: [], changed: [] },
  unmonitored: { added: [], removed: [] },
  incompleteScopes: [],
  otherFiles: [],
  changed: true,
};

const alarm = (i: number, name = 'errors') => `${ACCOUNT}/eu-west-1/lambda:function/fn-${String(i).padStart(5, '0')}/${name}`;
const threshold = (id: string): Changed => ({ id, name: id, changes: [{ field: 'threshold', from: '5 (default)', to: '12 (tuned: p99.9 of 14 days)' }] });

/** A blueprint change on a large estate: a new alarm for 4,000 functions, 300 thresholds retuned, 50 functions gone. */
function largeNight(): PlanDiff {
  return {
    ...EMPTY,
    resources: { added: [], removed: Array.from({ length: 50 }, (_, i) => fn(`gone-${i}`)), retagged: [] },
    alarms: {
      added: Array.from({ length: 4000 }, (_, i) => alarm(i, 'iterator-age')),
      removed: Array.from({ length: 50 }, (_, i) => alarm(90_000 + i)),
      changed: Array.from({ length: 300 }, (_, i) => threshold(alarm(i, 'duration'))),
    },
    logGroups: { added: [], removed: ['lg-kept', 'lg-deleted'], deletesLogs: ['lg-deleted'], changed: [] },
  };
}

/** The lines of a section of a rendered plan (between its title and the next). */
function sectionLines(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`### ${title}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('### '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('a plan longer than a pull-request body', () => {
  it('fits in 60,000 characters, every count exact, removals and changes before additions', () => {
    const d = largeNight();
    const full = renderPlan(d, 'markdown');
    expect(full.length).toBeGreaterThan(250_000);
    const md = renderPlan(d, 'markdown', 60_000);
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md.startsWith(`## obsgen plan\n\n${planSummary(d)}\n\n> **Note**\n> Shortened to fit 60000 characters: `)).toBe(true);
    // Everything that goes away, and the log group deleted with its logs, is listed.
    for (const r of d.resources.removed) expect(md).toContain(`\n- ${r}\n`);
    for (const a of d.alarms.removed) expect(md).toContain(`\n- ${a}\n`);
    expect(md).toContain('\n- lg-deleted  (deleted WITH ITS LOGS)\n');
    // Then the changed thresholds, then as many additions as fit; the rest is counted.
    const alarms = sectionLines(md, 'Alarms');
    const changed = alarms.filter((l) => l.startsWith('  ~ ')).length;
    const added = alarms.filter((l) => l.startsWith('+ ')).length;
    expect(changed).toBe(300);
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(4000);
    expect(alarms).toContain(`… ${4000 - added} more not listed`);
    // The additions listed are the first ones, in the plan's order.
    expect(alarms.filter((l) => l.startsWith('+ '))).toEqual(d.alarms.added.slice(0, added).map((a) => `+ ${a}`));
    const listed = 50 + 50 + 300 + added + 2;
    expect(md).toContain(`: ${listed} of ${50 + 4000 + 50 + 300 + 2} changes are listed`);
  });

  it('is printed as before when it fits, and in full without a limit', () => {
    const small: PlanDiff = { ...EMPTY, alarms: { ...EMPTY.alarms, added: [alarm(1)] } };
    expect(renderPlan(small, 'markdown', 60_000)).toBe(renderPlan(small, 'markdown'));
    expect(renderPlan(small, 'markdown')).not.toContain('Shortened');
    expect(renderPlan(largeNight(), 'text')).toContain(`+ ${alarm(3999, 'iterator-age')}`);
  });

  it('never runs over the limit, and lists or counts every change (random plans and limits)', () => {
    const id = fc.string({ unit: fc.constantFrom('a', 'b', '/', '-', ':', '`', 'é', '😀', ' '), minLength: 1, maxLength: 120 });
    const ids = (n: number) => fc.uniqueArray(id, { maxLength: n });
    const changed = fc.array(fc.record({ id, name: id, changes: fc.array(fc.record({ field: fc.constant('threshold'), from: id, to: id }), { minLength: 1, maxLength: 3 }) }), { maxLength: 60 });
    const diff = fc.record({
      resources: fc.record({ added: ids(80), removed: ids(80), retagged: fc.constant([]) }),
      alarms: fc.record({ added: ids(400), removed: ids(200), changed }),
      composites: fc.record({ added: ids(20), removed: ids(20), changed: fc.constant([]) }),
      dashboards: fc.record({ added: ids(20), removed: ids(20), changed: ids(20) }),
      logGroups: fc.record({ added: ids(50), removed: ids(50), deletesLogs: fc.constant([]), changed: fc.constant([]) }),
      metricFilters: fc.record({ added: ids(50), removed: ids(50), changed: fc.constant([]) }),
      unmonitored: fc.record({ added: ids(20), removed: ids(20) }),
      incompleteScopes: fc.constant([]),
      otherFiles: ids(10),
      changed: fc.constant(true),
    }) as fc.Arbitrary<PlanDiff>;
    fc.assert(
      fc.property(diff, fc.integer({ min: 2000, max: 80_000 }), fc.constantFrom('text' as const, 'markdown' as const), (d, max, format) => {
        const full = renderPlan(d, format);
        const out = renderPlan(d, format, max);
        if (full.length <= max) return out === full;
        if (out.length > max) return false;
        // Every change is either listed or counted in its section's "more" line.
        const lists: { added: unknown[]; removed: unknown[]; changed?: unknown[] }[] = [d.resources, d.alarms, d.composites, d.dashboards, d.logGroups, d.metricFilters, d.unmonitored];
        const total = lists.reduce((n, c) => n + c.added.length + c.removed.length + (c.changed?.length ?? 0), d.otherFiles.length);
        const counted = [...out.matchAll(/^… (\d+) more not listed$/gm)].reduce((n, m) => n + Number(m[1]), 0);
        const listed = Number(/: (\d+) of (\d+) changes are listed/.exec(out)?.[1]);
        return Number(/: \d+ of (\d+) changes are listed/.exec(out)?.[1]) === total && listed + counted === total;
      }),
      { numRuns: 150 },
    );
  });
});

describe('obsgen plan --markdown on a night that adds many alarms', () => {
  it('stays within --max-chars; the text plan and --json keep every change; a limit too small is refused', async () => {
    const shop = { app: 'shop', env: 'prod' };
    const e = new Estate(Array.from({ length: 3 }, (_, i) => ({ arn: fn(`shop-${i}`), tags: shop })));
    expect((await e.run('generate', '--quiet')).code).toBe(0);
    for (let i = 0; i < 40; i++) e.resources.set(fn(`new-${i}`), shop);
    const md = await e.run('plan', '--markdown', '--max-chars', '4000');
    expect(md.code).toBe(0);
    expect(md.stdout.length).toBeLessThanOrEqual(4000);
    expect(md.stdout).toMatch(/^## obsgen plan\n\n40 resources added, 280 alarms added, .*\n\n> \*\*Note\*\*\n> Shortened to fit 4000 characters: \d+ of \d+ changes are listed/);
    expect(md.stdout).toMatch(/^… \d+ more not listed$/m);
    // The default for --markdown is far above this plan: printed in full.
    const fullMd = await e.run('plan', '--markdown');
    expect(fullMd.stdout).not.toContain('Shortened');
    expect(fullMd.stdout).toContain(`+ ${fn('new-39')}`);
    expect((await e.run('plan', '--markdown', '--max-chars', '0')).stdout).toBe(fullMd.stdout);
    expect((await e.plan()).plan.alarms.added).toHaveLength(280);
    const tooSmall = await e.run('plan', '--markdown', '--max-chars', '100');
    expect(tooSmall.code).toBe(2);
    expect(tooSmall.stderr).toContain("option '--max-chars <n>' argument '100' is invalid. a whole number of characters, at least 2000, or 0 for no limit");
    // JSON has every change: a limit there is a mistake, said as one.
    const json = await e.run('plan', '--json', '--max-chars', '5000');
    expect(json.code).toBe(2);
    expect(json.stderr).toContain("option '--max-chars <n>' cannot be used with option '--json'");
  });
});
