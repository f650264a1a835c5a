import { describe, expect, it } from 'vitest';
import { diffManifests } from '../../src/plan/diff.js';
import { renderPlan } from '../../src/plan/render.js';
import { compareScope } from '../../src/drift/compare.js';
import type { Manifest } from '../../src/state/manifest.js';
import { ACCOUNT, Estate, fn } from '../helpers/estate.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';

// #19 item 7b and 7c: plan shows what changed in a composite alarm's rule and in a resource's
// tags, where it showed two hashes and "(tags changed)".

const shop = { app: 'shop', env: 'prod' };
const COMPOSITE = `${ACCOUNT}/eu-west-1/app/shop/composite`;
const child = (name: string) => `obsgen/lambda:function/${name}/error-rate`;

async function generated(e: Estate): Promise<void> {
  const run = await e.run('generate', '--quiet');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}

describe('plan shows a composite alarm rule change as the alarms added to and removed from it', () => {
  it('one resource in, one out: the rule lines, in text and JSON', async () => {
    const e = new Estate(Array.from({ length: 3 }, (_, i) => ({ arn: fn(`shop-${i}`), tags: shop })));
    await generated(e);
    e.resources.delete(fn('shop-1'));
    e.resources.set(fn('shop-new'), shop);
    const p = await e.plan();
    expect(p.plan.composites.changed).toEqual([
      {
        id: COMPOSITE,
        name: 'obsgen/application/shop/critical',
        changes: [],
        lists: [{ field: 'rule', added: [child('shop-new')], removed: [child('shop-1')] }],
      },
    ]);
    const text = (await e.run('plan')).stdout;
    expect(text).toContain(
      [
        'Composite alarms:',
        '',
        `  ~ ${COMPOSITE}`,
        `      rule: + ALARM("${child('shop-new')}")`,
        `      rule: - ALARM("${child('shop-1')}")`,
        '',
      ].join('\n'),
    );
    expect(text).not.toMatch(/rule: [0-9a-f]{16} →/);
  });

  it('a manifest from before the rule was recorded: the hashes, as before; drift still compares the live rule by hash', () => {
    const before = generateFor(lambdas(2)).result!.manifest;
    const after = generateFor(lambdas(3)).result!.manifest;
    expect(after.composites[0]!.childAlarms).toEqual(['obsgen/lambda:function/fn-0000/error-rate', 'obsgen/lambda:function/fn-0001/error-rate', 'obsgen/lambda:function/fn-0002/error-rate']);
    const old: Manifest = { ...before, composites: before.composites.map(({ childAlarms: _c, ...rest }) => rest) };
    const [changed] = diffManifests(old, after).composites.changed;
    expect(changed!.lists).toBeUndefined();
    expect(changed!.changes).toEqual([
      { field: 'children', from: '2', to: '3' },
      { field: 'rule', from: before.composites[0]!.rule, to: after.composites[0]!.rule },
    ]);

    const c = after.composites[0]!;
    const rule = c.childAlarms!.map((n) => `ALARM("${n}")`).join(' OR ');
    const live = (AlarmRule: string) => ({ metric: [], composite: [{ AlarmName: c.name, AlarmRule, ActionsEnabled: true }] });
    const scope = { account: c.account, region: c.region };
    const manifest = { ...after, alarms: [] };
    expect(compareScope(manifest, scope, 'obsgen', live(rule)).changed).toEqual([]);
    expect(compareScope(manifest, scope, 'obsgen', live(`${rule} OR ALARM("x")`)).changed[0]!.changes.map((x) => x.field)).toEqual(['rule']);
  });
});

describe('plan shows which tags of a retagged resource changed', () => {
  it('each tag added, removed or changed, with its old and new value', async () => {
    const e = new Estate(Array.from({ length: 2 }, (_, i) => ({ arn: fn(`shop-${i}`), tags: { ...shop, 'obsgen:severity:errors': 'warning' } })));
    await generated(e);
    e.resources.set(fn('shop-1'), { app: 'billing', 'obsgen:threshold:errors': '' });
    const p = await e.plan();
    expect(p.plan.resources.retagged).toEqual([
      {
        arn: fn('shop-1'),
        tags: [
          { key: 'app', from: 'shop', to: 'billing' },
          { key: 'env', from: 'prod' },
          { key: 'obsgen:severity:errors', from: 'warning' },
          { key: 'obsgen:threshold:errors', to: '' },
        ],
      },
    ]);
    const text = (await e.run('plan')).stdout;
    expect(text).toContain(
      [
        'Resources:',
        '',
        `  ~ ${fn('shop-1')}`,
        '      ~ tag app = "shop" → "billing"',
        '      - tag env = "prod"',
        '      - tag obsgen:severity:errors = "warning"',
        '      + tag obsgen:threshold:errors = ""',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('(tags changed)');
  });

  it('tag values are shown as what they are: quoted, invisible characters as escapes', () => {
    const m = generateFor(lambdas(1, { app: 'shop' })).result!.manifest;
    const retag = (value: string): Manifest => ({ ...m, resources: m.resources.map((r) => ({ ...r, tags: [['app', value]] })) });
    const text = renderPlan(diffManifests(retag('shop'), retag('shop \u202e\n# x')), 'text');
    expect(text).toContain('      ~ tag app = "shop" → "shop \\u202e\\n# x"\n');
  });
});
