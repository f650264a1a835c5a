import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, Estate, fn } from '../helpers/estate.js';

/*
 * The removal guards count every kind of object the manifest records, not only alarms (issue
 * 17): a night whose tags came back wrong replaces or drops composite alarms, dashboards,
 * applications, log groups and metric filters while every alarm stays, and used to pass.
 */

const HINT = 'nothing was changed (if this is intended, run again with --allow-removals)';
const shop = { app: 'shop', env: 'prod' };
const search = { app: 'search', env: 'prod' };

async function generated(e: Estate, ...args: string[]) {
  const run = await e.run('generate', '--quiet', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}

/** A night that the guards stop: exit 2, nothing written; then the same night with --allow-removals goes through. */
async function stopped(e: Estate, messages: RegExp[], allowedCode = 0) {
  const before = e.output();
  const run = await e.run('generate');
  expect(run.code).toBe(2);
  for (const m of messages) expect(run.stderr).toMatch(m);
  expect(run.stderr).toContain('nothing was written');
  expect(e.output()).toEqual(before);
  const plan = await e.plan();
  expect(plan.code).toBe(2);
  const allowed = await e.run('generate', '--quiet', '--allow-removals');
  expect(allowed.code, allowed.stderr).toBe(allowedCode);
  return run;
}

function twoApps(): Estate {
  return new Estate([
    ...Array.from({ length: 6 }, (_, i) => ({ arn: fn(`shop-${i}`), tags: shop })),
    ...Array.from({ length: 4 }, (_, i) => ({ arn: fn(`search-${i}`), tags: search })),
    { arn: fn('shop-us', 'us-east-1'), tags: shop },
  ]);
}

const removal = (kind: string, removed: number, of: number) => new RegExp(`error: this run would remove ${removed} of ${of} ${kind} \\(\\d+%\\), more than the guard allows \\(\\d+ ${kind} or 20%\\)(; [^;]+)?; ${HINT.replace(/[()]/g, '\\$&')}`);

describe('removal guards for every kind of object', () => {
  // 3 composite alarms (shop in two regions, search), 5 dashboards (theirs, and one overview a region).
  it('a renamed application tag key: every composite alarm, dashboard and application replaced by unassigned ones is stopped', async () => {
    const e = twoApps();
    await generated(e);
    const alarms = e.manifest().alarms.length;
    const config = join(e.dir, 'obsgen.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('application: app', 'application: application'));
    // The resources are still tagged `app`, which looks like the new key: a warning says so, with the fix (exit 1 once allowed).
    const run = await stopped(e, [removal('composite alarms', 3, 3), removal('dashboards', 3, 5), removal('applications', 2, 2), /have no "application" tag but are tagged "app", so they are in application "unassigned"\. Fix: tags: \{ application: \["application", "app"\] \}/], 1);
    // Every alarm is still there (only its application changed), so the alarm guard alone let this through.
    expect(run.stderr).not.toMatch(/remove \d+ of \d+ alarms/);
    expect(e.manifest().alarms).toHaveLength(alarms);
    expect(e.manifest().composites.map((c) => c.id)).toEqual([`${ACCOUNT}/eu-west-1/app/unassigned/composite`, `${ACCOUNT}/us-east-1/app/unassigned/composite`]);
  }, 120_000);

  it('tags that come back empty are stopped the same way', async () => {
    const e = twoApps();
    await generated(e);
    for (const arn of e.resources.keys()) e.resources.set(arn, {});
    await stopped(e, [removal('composite alarms', 3, 3), removal('dashboards', 3, 5), removal('applications', 2, 2)]);
  }, 120_000);

  it('40 state machines losing obsgen:log-group: their log groups (with their logs) and metric filters are not removed silently', async () => {
    const machine = (i: number) => `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:flow-${String(i).padStart(2, '0')}`;
    const e = new Estate([
      ...Array.from({ length: 40 }, (_, i) => ({ arn: machine(i), tags: { ...shop, 'obsgen:log-group': `/aws/vendedlogs/states/flow-${String(i).padStart(2, '0')}` } })),
      ...Array.from({ length: 30 }, (_, i) => ({ arn: fn(`shop-${i}`), tags: shop })),
    ]);
    await generated(e);
    const before = e.manifest();
    expect(before.logGroups.filter((l) => l.name.startsWith('/aws/vendedlogs/states/'))).toHaveLength(40);
    for (let i = 0; i < 40; i++) e.resources.set(machine(i), shop);
    const run = await stopped(e, [
      /error: this run would remove 40 log groups whose resource is still monitored \(\S+\/states:stateMachine\/flow-00\/logs\/execution-logs, .*, and 37 more\), more than the guard allows \(guards\.maxRemovedLogGroups: 0\); its metric filters go with it, and its logs too with logs\.removalPolicy: delete \(was a tag like obsgen:log-group dropped\?\)/,
      removal('log groups', 40, before.logGroups.length),
      removal('metric filters', 40, before.metricFilters.length),
    ]);
    // The alarms that go with them are too few for the alarm guard: it alone let this through.
    expect(run.stderr).not.toMatch(/remove \d+ of \d+ alarms/);
    expect(e.manifest().logGroups.filter((l) => l.name.startsWith('/aws/vendedlogs/states/'))).toEqual([]);
  }, 120_000);

  it('one state machine losing obsgen:log-group stops the run by default; a deleted function (its log group going with it) does not', async () => {
    const machine = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:flow`;
    const e = twoApps();
    e.resources.set(machine, { ...shop, 'obsgen:log-group': '/aws/vendedlogs/states/flow' });
    await generated(e);
    e.resources.delete(fn('shop-5'));
    await generated(e);
    expect(e.manifest().logGroups.map((l) => l.name)).not.toContain('/aws/lambda/shop-5');
    e.resources.set(machine, shop);
    const run = await e.run('generate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: this run would remove 1 log group whose resource is still monitored (${ACCOUNT}/eu-west-1/states:stateMachine/flow/logs/execution-logs), more than the guard allows (guards.maxRemovedLogGroups: 0)`);
    const config = join(e.dir, 'obsgen.config.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}guards: { maxRemovedLogGroups: 1 }\n`);
    await generated(e);
    expect(e.manifest().logGroups.map((l) => l.name)).not.toContain('/aws/vendedlogs/states/flow');
  }, 120_000);
});
