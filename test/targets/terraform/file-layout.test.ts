import { describe, expect, it } from 'vitest';
import { filesByApplication } from '../../../src/targets/terraform/module.js';
import { isSafeOutputPath } from '../../../src/write/output-dir.js';
import { generateFor, lambdas } from '../../helpers/pipeline.js';

describe('Terraform file layout', () => {
  it('one file per application, continued past N items, with safe and distinct names', () => {
    const items = [
      ...Array.from({ length: 5 }, (_, i) => ({ app: 'orders', i })),
      { app: 'Orders', i: 5 },
      { app: '../../etc/passwd', i: 6 },
      { app: '', i: 7 },
      { app: '💥', i: 8 },
    ];
    const files = filesByApplication('alarms', items, (x) => x.app, (x) => String(x.i), 2);
    const orders = files.filter(([f]) => /^alarms-orders(\.\d+)?\.tf$/.test(f));
    // Cut where the items' ids say: parts of 1 or 2, every item once and in order.
    expect(orders.map(([f]) => f)).toEqual(['alarms-orders.tf', ...orders.slice(1).map((_, i) => `alarms-orders.${i + 2}.tf`)]);
    expect(orders.flatMap(([, list]) => list.map((x) => x.i))).toEqual([0, 1, 2, 3, 4]);
    for (const [, list] of orders) expect(list.length).toBeLessThanOrEqual(2);
    expect(files.filter(([f]) => !orders.some(([o]) => o === f)).map(([f, list]) => [f, list.map((x) => x.i)])).toEqual([
      ['alarms.tf', [7]],
      [expect.stringMatching(/^alarms-etc-passwd-[0-9a-f]{8}\.tf$/), [6]],
      [expect.stringMatching(/^alarms-orders-[0-9a-f]{8}\.tf$/), [5]],
      [expect.stringMatching(/^alarms-app-[0-9a-f]{8}\.tf$/), [8]],
    ]);
    for (const [f] of files) expect(isSafeOutputPath(`terraform/${f}`)).toBe(true);
    // An application that fits has one file, however its ids would cut.
    expect(filesByApplication('alarms', items.slice(0, 2), (x) => x.app, (x) => String(x.i), 2).map(([f]) => f)).toEqual(['alarms-orders.tf']);
  });

  it('an alarm added to a long application rewrites its own file, not every file after it', () => {
    const id = (n: number) => `111111111111/eu-west-1/lambda:function/fn-${String(n).padStart(5, '0')}/errors`;
    const items = Array.from({ length: 9000 }, (_, n) => ({ app: 'orders', id: id(n * 2) }));
    const layout = (list: typeof items) => new Map(filesByApplication('alarms', list, (x) => x.app, (x) => x.id, 2000).map(([f, part]) => [f, part.map((x) => x.id).join(' ')]));
    const before = layout(items);
    expect(before.size).toBeGreaterThanOrEqual(5);
    for (const at of [1, 2501, 8999]) {
      const after = layout([...items.slice(0, at), { app: 'orders', id: id(at * 2 - 1) }, ...items.slice(at)]);
      const changed = [...after].filter(([f, ids]) => before.get(f) !== ids).map(([f]) => f);
      // Its own file (and, at worst, the next, where the cuts realign); cut every 2,000 items,
      // every file after the first insertion changed.
      expect(changed.length, `inserted at ${at}: ${changed.join(', ')}`).toBeLessThanOrEqual(2);
      expect(after.size - before.size).toBeLessThanOrEqual(1);
    }
  });

  it('adding a resource to one application changes only that application\'s files', () => {
    const base = [...lambdas(3, { app: 'orders' }), ...lambdas(2, { app: 'billing' }).map((m, i) => ({ ...m, ResourceARN: m.ResourceARN.replace('fn-', `bill-${i}-`) }))];
    const before = generateFor(base, { config: (c) => void (c.output.targets = ['terraform']) }).result!.files;
    const after = generateFor([...base, { ResourceARN: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-new', Tags: [{ Key: 'app', Value: 'orders' }] }], {
      config: (c) => void (c.output.targets = ['terraform']),
    }).result!.files;
    const changed = after.filter((f) => before.find((b) => b.path === f.path)?.content !== f.content).map((f) => f.path);
    expect(changed.filter((p) => /alarms|dashboards-/.test(p))).toEqual(['terraform/alarms-orders.tf', 'terraform/dashboards-orders.tf']);
  });
});
