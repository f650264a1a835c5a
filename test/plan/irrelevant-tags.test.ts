import { describe, expect, it } from 'vitest';
import { Estate, fn } from '../helpers/estate.js';

// #19 item 4: only what changes the generated monitoring counts as a change. A tag no config
// key, filter, blueprint or template reads (an owner, a git-sha stamped on every resource by
// the deploy pipeline) must not make a nightly job propose a pull request that deploys nothing.
const tagged = (i: number, sha: string) => ({ app: 'shop', env: 'prod', Owner: `team-${i % 2}`, 'git-sha': sha });

function estate(sha: string): Estate {
  return new Estate(Array.from({ length: 4 }, (_, i) => ({ arn: fn(`shop-${i}`), tags: tagged(i, sha) })));
}

async function generate(e: Estate): Promise<void> {
  const run = await e.run('generate', '--quiet');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}

describe('tags that affect no output are not a change', () => {
  it('a new git-sha and owner on every resource: plan says unchanged, --check passes, nothing is rewritten', async () => {
    const e = estate('1111111');
    await generate(e);
    const before = e.output();
    // The manifest records only tags that shape the output.
    expect(e.manifest().resources.map((r) => r.tags)).toEqual(Array.from({ length: 4 }, () => [['app', 'shop'], ['env', 'prod']]));
    for (let i = 0; i < 4; i++) e.resources.set(fn(`shop-${i}`), tagged(i + 1, '2222222'));
    const p = await e.plan();
    expect(p).toMatchObject({ code: 0, changed: false, summary: 'No changes.' });
    expect(p.plan.resources.retagged).toEqual([]);
    expect((await e.run('generate', '--check')).code).toBe(0);
    await generate(e);
    expect(e.output()).toEqual(before);
  });

  it('an override tag or the application tag is a change', async () => {
    const e = estate('1111111');
    await generate(e);
    e.resources.set(fn('shop-1'), { ...tagged(1, '2222222'), 'obsgen:threshold:errors': '5' });
    const override = await e.plan();
    expect(override.changed).toBe(true);
    expect(override.plan.resources.retagged).toEqual([{ arn: fn('shop-1'), tags: [{ key: 'obsgen:threshold:errors', to: '5' }] }]);
    expect(override.plan.alarms.changed.map((c) => c.changes.map((x) => `${x.field} → ${x.to}`))).toEqual([['threshold → 5 (set by tag obsgen:threshold:errors (default 0))']]);
    expect((await e.run('generate', '--check')).code).toBe(1);
    await generate(e);

    e.resources.set(fn('shop-2'), { ...tagged(2, '3333333'), app: 'billing' });
    const moved = await e.plan();
    expect(moved.changed).toBe(true);
    // Only the application tag shows: the others shape nothing and are not recorded.
    expect(moved.plan.resources.retagged).toEqual([{ arn: fn('shop-2'), tags: [{ key: 'app', from: 'shop', to: 'billing' }] }]);
    expect(moved.plan.composites.added.length).toBe(1);
    expect((await e.run('generate', '--check')).code).toBe(1);
  });
});
