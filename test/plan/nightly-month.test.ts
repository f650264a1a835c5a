import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/state/manifest.js';
import { ACCOUNT, Estate, fn } from '../helpers/estate.js';

const shop = { app: 'shop', env: 'prod' };
const NIGHTS = 30;

/** What happens to the account on some nights; the other nights only the metrics move. */
type Event = { what: string; apply: (e: Estate) => void; expect: 'change' | 'quiet' | 'blocked' };

const EVENTS: Record<number, Event> = {
  3: { what: 'a function is deployed', apply: (e) => e.resources.set(fn('shop-8'), shop), expect: 'change' },
  7: { what: 'a team pins a threshold with a tag', apply: (e) => e.resources.set(fn('shop-1'), { ...shop, 'obsgen:threshold:errors': '5' }), expect: 'change' },
  10: { what: 'us-east-1 cannot be read', apply: (e) => e.failing.add('us-east-1'), expect: 'quiet' },
  11: { what: 'us-east-1 is back', apply: (e) => e.failing.clear(), expect: 'quiet' },
  14: { what: 'error bursts of shop-0 double', apply: (e) => e.errorBursts.set('shop-0', 20), expect: 'change' },
  // A threshold loosens by at most ×1.5 a run: the doubled bursts take a second night.
  15: { what: 'the threshold of shop-0 finishes loosening', apply: () => {}, expect: 'change' },
  18: { what: 'a function is deleted', apply: (e) => e.resources.delete(fn('shop-5')), expect: 'change' },
  22: { what: 'eu-west-1 cannot be read', apply: (e) => e.failing.add('eu-west-1'), expect: 'quiet' },
  23: { what: 'eu-west-1 is back', apply: (e) => e.failing.clear(), expect: 'quiet' },
  25: {
    what: 'a broken tag filter hides most of the account',
    apply: (e) => {
      e.hidden = new Map([...e.resources].filter(([arn]) => !arn.endsWith(':shop-0')));
      for (const arn of e.hidden.keys()) e.resources.delete(arn);
    },
    expect: 'blocked',
  },
  26: {
    what: 'the tag filter is fixed',
    apply: (e) => {
      for (const [arn, tags] of e.hidden ?? []) e.resources.set(arn, tags);
    },
    expect: 'quiet',
  },
  28: { what: 'a function moves to another application', apply: (e) => e.resources.set(fn('shop-2'), { app: 'billing', env: 'prod' }), expect: 'change' },
};

const alarmIds = (m: Manifest) => new Set(m.alarms.map((a) => a.id));
const inScope = (m: Manifest, region: string) => m.alarms.filter((a) => a.region === region);
const withoutManifest = (tree: Map<string, string>) => new Map([...tree].filter(([p]) => p !== 'obsgen.manifest.json'));

describe('a simulated month of nightly runs', () => {
  it('proposes only the changes a reviewer wants, and never removes monitoring it cannot justify', async () => {
    const e = new Estate([
      ...Array.from({ length: 8 }, (_, i) => ({ arn: fn(`shop-${i}`), tags: shop })),
      { arn: fn('shop-us-0', 'us-east-1'), tags: shop },
      { arn: fn('shop-us-1', 'us-east-1'), tags: shop },
      { arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:shop-orders`, tags: shop },
    ]);
    const base = new Map([['shop-0', 10], ['shop-3', 3], ['shop-us-0', 4]]);
    for (const [name, h] of base) e.errorBursts.set(name, h);
    const first = await e.run('generate', '--quiet');
    expect(first.code).toBe(0);

    const proposals: { night: number; summary: string }[] = [];
    for (let night = 1; night <= NIGHTS; night++) {
      e.day = night;
      // Every night the metrics wobble a little (±4%): real noise, never worth a change.
      for (const [name, h] of base) e.errorBursts.set(name, h * (1 + 0.04 * Math.sin(night * 1.7)));
      const event = EVENTS[night];
      event?.apply(e);
      if (night >= 14) e.errorBursts.set('shop-0', 20 * (1 + 0.04 * Math.sin(night * 1.7)));
      const expected = event?.expect ?? 'quiet';
      const label = `night ${night}${event ? ` (${event.what})` : ''}`;

      const before = e.output();
      const previous = e.manifest();
      const plan = await e.plan();
      const run = await e.run('generate', '--quiet');
      const after = e.output();
      const next = e.manifest();

      if (expected === 'blocked') {
        expect(plan.code, label).toBe(2);
        expect(run.code, label).toBe(2);
        expect(run.stderr, label).toContain('more than the guard allows');
        expect(after, label).toEqual(before);
        continue;
      }
      expect(run.code, `${label}: ${run.stderr}`).toBe(e.failing.size > 0 ? 1 : 0);
      expect(plan.changed, `${label}: ${plan.summary}`).toBe(expected === 'change');
      if (plan.changed) proposals.push({ night, summary: plan.summary });
      else expect(withoutManifest(after), `${label}: files changed without a plan change`).toEqual(withoutManifest(before));

      // Alarms disappear only with the resource they watch.
      const removed = [...alarmIds(previous)].filter((id) => !alarmIds(next).has(id));
      expect(removed.every((id) => id.includes('/shop-5/')), `${label}: removed ${removed.join(', ')}`).toBe(true);
      expect(removed.length > 0, label).toBe(night === 18);
      // A scope that could not be read keeps exactly what it had.
      for (const region of e.failing) expect(inScope(next, region), label).toEqual(inScope(previous, region));
    }

    // Six proposals in a month, each with exactly the consequences of its event.
    expect(proposals).toEqual([
      { night: 3, summary: '1 resource added, 7 alarms added, 1 composite alarm changed, 2 dashboards changed, 1 log group added, 2 metric filters added.' },
      { night: 7, summary: '1 resource retagged, 1 alarm changed, 1 dashboard changed.' },
      { night: 14, summary: '1 alarm changed, 1 dashboard changed.' },
      { night: 15, summary: '1 alarm changed, 1 dashboard changed.' },
      { night: 18, summary: '1 resource removed, 7 alarms removed, 1 composite alarm changed, 2 dashboards changed, 1 log group removed, 2 metric filters removed.' },
      { night: 28, summary: '1 resource retagged, 1 composite alarm added, 1 composite alarm changed, 1 dashboard added, 2 dashboards changed.' },
    ]);
  });
});
