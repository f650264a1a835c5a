import { describe, expect, it } from 'vitest';
import { filesByApplication } from '../../../src/targets/terraform/module.js';
import { isSafeOutputPath } from '../../../src/write/output-dir.js';
import { generateFor, lambdas } from '../../helpers/pipeline.js';

describe('Terraform file layout', () => {
  it('one file per application, continued every N items, with safe and distinct names', () => {
    const items = [
      ...Array.from({ length: 5 }, (_, i) => ({ app: 'orders', i })),
      { app: 'Orders', i: 5 },
      { app: '../../etc/passwd', i: 6 },
      { app: '', i: 7 },
      { app: '💥', i: 8 },
    ];
    const files = filesByApplication('alarms', items, (x) => x.app, 2);
    expect(files.map(([f, list]) => [f, list.map((x) => x.i)])).toEqual([
      ['alarms.tf', [7]],
      [expect.stringMatching(/^alarms-etc-passwd-[0-9a-f]{8}\.tf$/), [6]],
      [expect.stringMatching(/^alarms-orders-[0-9a-f]{8}\.tf$/), [5]],
      ['alarms-orders.tf', [0, 1]],
      ['alarms-orders.2.tf', [2, 3]],
      ['alarms-orders.3.tf', [4]],
      [expect.stringMatching(/^alarms-app-[0-9a-f]{8}\.tf$/), [8]],
    ]);
    for (const [f] of files) expect(isSafeOutputPath(`terraform/${f}`)).toBe(true);
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
