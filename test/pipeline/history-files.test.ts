import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { HistoryFiles } from '../../src/pipeline/history-files.js';
import { historyJson } from '../../src/tune/history.js';
import { tempDir } from '../helpers/files.js';

const START = Date.UTC(2026, 9, 1) / 1000;
const errors = (values: number[]) => historyJson([{ metric: { kind: 'single', metric: { namespace: 'AWS/Lambda', name: 'Errors', dimensions: [{ name: 'FunctionName', value: 'api' }], statistic: 'Sum' } }, period: 60, start: START, values: Float64Array.from(values) }]);

describe('history files as tuning reads them', () => {
  it('a file of one scope (a snapshot\'s) gives that scope\'s series; a file of none, series of no scope', () => {
    const dir = tempDir();
    const eu = join(dir, '123456789012-eu-west-1.json.gz');
    const us = join(dir, '123456789012-us-east-1.json');
    writeFileSync(eu, gzipSync(errors([1, 2])));
    writeFileSync(us, errors([30, 40]));
    const diags = new Diagnostics();
    const scoped = [...new HistoryFiles([eu, us], diags, undefined, (f) => (f === eu ? '123456789012/eu-west-1' : '123456789012/us-east-1'))];
    expect(scoped.map((s) => [s.scope, [...s.values]])).toEqual([
      ['123456789012/eu-west-1', [1, 2]],
      ['123456789012/us-east-1', [30, 40]],
    ]);
    expect(scoped[0]!.key).toBe(scoped[1]!.key);
    expect([...new HistoryFiles([eu], diags)].map((s) => s.scope)).toEqual([undefined]);
    expect(diags.items).toEqual([]);
  });

  it('reads each file again when iterated again, and reports a file it cannot read as it comes to it', () => {
    const dir = tempDir();
    const good = join(dir, 'good.json');
    writeFileSync(good, errors([5]));
    const diags = new Diagnostics();
    const files = new HistoryFiles([good, join(dir, 'missing.json')], diags);
    expect([...files]).toHaveLength(1);
    expect(diags.items.map((d) => [d.severity, d.message])).toEqual([['error', 'cannot read: ENOENT']]);
    expect([...files]).toHaveLength(1);
  });
});
