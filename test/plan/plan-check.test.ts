import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, Estate, fn } from '../helpers/estate.js';
import { exact } from '../../src/tune/round.js';

const shop = { app: 'shop', env: 'prod' };
const ERRORS = (name: string, region = 'eu-west-1') => `${ACCOUNT}/${region}/lambda:function/${name}/errors`;

function estate(n = 10): Estate {
  const e = new Estate([
    ...Array.from({ length: n }, (_, i) => ({ arn: fn(`shop-${i}`), tags: shop })),
    { arn: fn('shop-us', 'us-east-1'), tags: shop },
    { arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:shop-orders`, tags: shop },
  ]);
  e.errorBursts.set('shop-0', 10);
  e.errorBursts.set('shop-us', 4);
  return e;
}

async function generated(e: Estate, ...args: string[]) {
  const run = await e.run('generate', '--quiet', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}

describe('plan and generate --check over scripted inventory changes', () => {
  it('no change: plan says so, --check passes', async () => {
    const e = estate();
    await generated(e);
    const p = await e.plan();
    expect(p).toMatchObject({ code: 0, changed: false, summary: 'No changes.' });
    expect((await e.run('generate', '--check')).code).toBe(0);
    expect((await e.run('plan')).stdout).toBe('obsgen plan\n\nNo changes.\n');
  });

  it('one resource added, then one removed', async () => {
    const e = estate();
    await generated(e);
    e.resources.set(fn('shop-new'), shop);
    const added = await e.plan();
    expect(added.changed).toBe(true);
    expect(added.plan.resources).toEqual({ added: [fn('shop-new')], removed: [], retagged: [] });
    expect(added.plan.alarms.added).toContain(ERRORS('shop-new'));
    expect(added.plan.alarms.added.every((id) => id.includes('/shop-new/'))).toBe(true);
    expect(added.plan.alarms.removed).toEqual([]);
    expect(added.plan.alarms.changed).toEqual([]);
    // The application's composite alarm gains a child (in its rule); its dashboard changes.
    expect(added.plan.composites.changed.map((c) => [c.changes.map((x) => x.field), c.lists])).toEqual([[['children'], [{ field: 'rule', added: ['obsgen/lambda:function/shop-new/error-rate'], removed: [] }]]]);
    expect(added.plan.dashboards.changed.length).toBeGreaterThan(0);
    const check = await e.run('generate', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('differs from what would be generated');
    const md = (await e.run('plan', '--markdown')).stdout;
    expect(md).toMatch(/^## obsgen plan\n\n1 resource added, 7 alarms added, 1 composite alarm changed, 2 dashboards changed, 1 log group added, 2 metric filters added\.\n/);
    expect(md).toContain(`### Resources\n\n\`\`\`diff\n+ ${fn('shop-new')}\n\`\`\``);
    await generated(e);
    expect((await e.plan()).changed).toBe(false);

    e.resources.delete(fn('shop-3'));
    const removed = await e.plan();
    expect(removed.code).toBe(0);
    expect(removed.plan.resources.removed).toEqual([fn('shop-3')]);
    expect(removed.plan.alarms.removed).toContain(ERRORS('shop-3'));
    expect(removed.plan.alarms.added).toEqual([]);
    const text = (await e.run('plan')).stdout;
    expect(text).toContain(`- ${ERRORS('shop-3')}`);
    await generated(e);
    expect(e.manifest().alarms.some((a) => a.id.includes('/shop-3/'))).toBe(false);
  });

  it('a tuned threshold moving inside the hysteresis band changes nothing; outside it, the plan shows old → new with the reason', async () => {
    const e = estate();
    await generated(e);
    const before = e.manifest().alarms.find((a) => a.id === ERRORS('shop-0'))!;
    expect(before.provenance.kind).toBe('tuned');
    const files = e.output();
    e.day = 1;
    e.errorBursts.set('shop-0', 10.5); // ~5% higher bursts: within ±10%.
    const inside = await e.plan();
    expect(inside).toMatchObject({ changed: false, summary: 'No changes.' });
    expect((await e.run('generate', '--check')).code).toBe(0);
    await generated(e);
    expect(e.output()).toEqual(files);

    e.errorBursts.set('shop-0', 20); // twice as high: outside the band.
    const outside = await e.plan();
    expect(outside.changed).toBe(true);
    expect(outside.plan.alarms.changed).toHaveLength(1);
    const change = outside.plan.alarms.changed[0]!;
    expect(change.id).toBe(ERRORS('shop-0'));
    expect(change.changes).toHaveLength(1);
    expect(change.changes[0]!.field).toBe('threshold');
    expect(change.changes[0]!.from).toBe(`${before.threshold} (tuned (envelope): ${(before.provenance as { reason: string }).reason}; default 0)`);
    // Twice the bursts would loosen it to 29 (20 + 2√20, their counting noise); a run loosens a
    // threshold by at most ×1.5, and the plan says so.
    const once = exact(before.threshold * 1.5);
    expect(change.changes[0]!.to).toBe(
      `${once} (tuned (envelope): normal peak 20 (the worst day of 14) + margin 8.944 (2√20: a count of events varies by its square root); loosened at most ×1.5 a run: ${before.threshold} → ${once} (tuned 29); default 0)`,
    );
    expect(outside.plan.resources).toEqual({ added: [], removed: [], retagged: [] });
  });

  it('a tag change shows as a retagged resource and its consequences', async () => {
    const e = estate();
    await generated(e);
    e.resources.set(fn('shop-1'), { ...shop, 'obsgen:threshold:errors': '5' });
    const p = await e.plan();
    expect(p.plan.resources.retagged).toEqual([{ arn: fn('shop-1'), tags: [{ key: 'obsgen:threshold:errors', to: '5' }] }]);
    expect(p.plan.alarms.changed).toEqual([{ id: ERRORS('shop-1'), name: 'obsgen/lambda:function/shop-1/errors', changes: [{ field: 'threshold', from: expect.stringMatching(/^0 \(/) as unknown, to: '5 (set by tag obsgen:threshold:errors (default 0))' }] }]);
    // Moving a resource to another application moves its alarms between composites and dashboards.
    e.resources.set(fn('shop-2'), { app: 'billing', env: 'prod' });
    const moved = await e.plan();
    expect(moved.plan.resources.retagged.map((r) => r.arn)).toEqual([fn('shop-1'), fn('shop-2')]);
    expect(moved.plan.composites.added).toEqual([`${ACCOUNT}/eu-west-1/app/billing/composite`]);
    expect(moved.plan.dashboards.added.length).toBeGreaterThan(0);
  });

  it('a region whose discovery fails keeps its monitoring, and the plan says so', async () => {
    const e = estate();
    await generated(e);
    const before = e.output();
    const usFiles = [...before].filter(([p]) => p.startsWith(`cloudformation/${ACCOUNT}/us-east-1/`));
    expect(usFiles.length).toBeGreaterThan(0);
    e.failing.add('us-east-1');
    const p = await e.plan();
    expect(p.code).toBe(1); // the warning about the scope
    expect(p.diagnostics.map((d) => `${d.file}: ${d.severity}`)).toEqual([`aws:${ACCOUNT}/us-east-1: warning`]);
    expect(p.plan.incompleteScopes).toEqual([`${ACCOUNT}/us-east-1`]);
    expect(p.plan.resources.removed).toEqual([]);
    expect(p.plan.alarms.removed).toEqual([]);
    const md = (await e.run('plan', '--markdown')).stdout;
    expect(md).toContain(`discovery did not complete in \`${ACCOUNT}/us-east-1\`; the monitoring there is kept as it was.`);
    const run = await e.run('generate', '--quiet');
    expect(run.code).toBe(1);
    const after = e.output();
    for (const [path, content] of usFiles) expect(after.get(path), path).toBe(content);
    expect(e.manifest().alarms.filter((a) => a.region === 'us-east-1').length).toBeGreaterThan(0);
    // Back to normal: nothing to review but the scope's completeness.
    e.failing.clear();
    const back = await e.plan();
    expect(back.plan.alarms).toEqual({ added: [], removed: [], changed: [] });
    expect(back.plan.incompleteScopes).toEqual([]);
  });
});

describe('guards', () => {
  it('a run that would remove most alarms stops with exit 2 and writes nothing, unless --allow-removals', async () => {
    const e = estate();
    await generated(e);
    const before = e.output();
    for (let i = 0; i < 9; i++) e.resources.delete(fn(`shop-${i}`));
    e.resources.delete(fn('shop-us', 'us-east-1'));
    const run = await e.run('generate');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: this run would remove \d+ of \d+ alarms \(\d+%\), more than the guard allows \(50 alarms or 20%\); nothing was changed \(if this is intended, run again with --allow-removals\)/);
    expect(run.stderr).toContain('nothing was written');
    expect(e.output()).toEqual(before);
    // The plan still shows what would go, and stops the same way.
    const p = await e.plan();
    expect(p.code).toBe(2);
    expect(p.plan.resources.removed).toHaveLength(10);
    expect(p.diagnostics[0]!.message).toContain('more than the guard allows');
    const allowed = await e.run('generate', '--quiet', '--allow-removals');
    expect(allowed.code).toBe(0);
    expect(e.manifest().resources.map((r) => r.arn)).toEqual([fn('shop-9'), `arn:aws:sqs:eu-west-1:${ACCOUNT}:shop-orders`].sort());
  });

  it('an empty inventory stops with exit 2', async () => {
    const e = estate();
    await generated(e);
    e.resources.clear();
    const run = await e.run('generate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the inventory has no monitored resources, where the previous run had 12');
  });

  it('files in the output folder that obsgen did not write are left alone, even where it removes its own', async () => {
    const e = estate();
    await generated(e);
    const out = join(e.dir, 'out');
    const usDir = join(out, 'cloudformation', ACCOUNT, 'us-east-1');
    writeFileSync(join(out, 'NOTES.md'), 'ours\n');
    mkdirSync(join(usDir), { recursive: true });
    writeFileSync(join(usDir, 'hand-written.yaml'), 'Resources: {}\n');
    e.resources.delete(fn('shop-us', 'us-east-1'));
    // The region's only resource goes, and with it half the composite alarms and dashboards:
    // the guards ask for --allow-removals (guards-kinds.test.ts), which this night gives.
    const run = await e.run('generate', '--quiet', '--allow-removals');
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'NOTES.md'), 'utf8')).toBe('ours\n');
    expect(readFileSync(join(usDir, 'hand-written.yaml'), 'utf8')).toBe('Resources: {}\n');
    expect(existsSync(join(usDir, 'obsgen-alarms-01.yaml'))).toBe(false);
  });
});
