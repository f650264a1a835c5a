import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryWriter } from '../../src/cli/history-writer.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { HistoryFiles } from '../../src/pipeline/history-files.js';
import { historyKey } from '../../src/tune/history.js';
import type { HistorySeries } from '../../src/tune/history.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A one-minute series of a Lambda function's metric, `n` datapoints from `start`. */
function series(fn: string, metric: string, start: number, values: number[]): HistorySeries {
  const key = historyKey({ kind: 'single', metric: { namespace: 'AWS/Lambda', name: metric, dimensions: [{ name: 'FunctionName', value: fn }], statistic: 'Sum' } }, 60);
  return { key, start, period: 60, values: Float64Array.from(values) };
}

const SCOPES = ['111111111111/eu-west-1', '111111111111/us-east-1', '222222222222/eu-west-1'];
const START = Date.UTC(2026, 10, 1) / 1000;

/** Writes the series, each to its scope, in the order given; the files' bytes by path (gunzipped). */
async function written(items: readonly [scope: string, s: HistorySeries][]): Promise<{ paths: string[]; text: Map<string, string>; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'obsgen-history-writer-'));
  dirs.push(dir);
  const writer = new HistoryWriter(dir);
  for (const [scope, s] of items) writer.add(scope, s);
  const paths = await writer.finish(new Set());
  const text = new Map(paths.map((p) => [p, gunzipSync(readFileSync(join(dir, p))).toString('utf8')]));
  return { paths, text, dir };
}

describe('a snapshot’s history files', () => {
  const items: [string, HistorySeries][] = [];
  for (const [i, scope] of SCOPES.entries()) {
    for (const fn of ['orders', 'billing', 'auth-api']) {
      for (const metric of ['Errors', 'Invocations', 'Throttles']) items.push([scope, series(`${fn}-${i}`, metric, START, [1, 2, NaN, 4 + i, 0.5])]);
    }
  }

  it('are the same bytes whatever order the series came in', async () => {
    const reference = await written(items);
    expect(reference.paths).toHaveLength(SCOPES.length);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), async (order) => {
        const again = await written(order);
        expect(again.paths).toEqual(reference.paths);
        for (const p of again.paths) expect(again.text.get(p)).toBe(reference.text.get(p));
      }),
      { numRuns: 25 },
    );
  });

  it('list each scope’s series in the order of their keys, and read back as they were given', async () => {
    const { paths, dir } = await written([...items].reverse());
    const diags = new Diagnostics();
    const back = [...new HistoryFiles(paths.map((p) => join(dir, p)), diags)];
    expect(diags.items).toEqual([]);
    expect(back.map((s) => s.key)).toEqual(
      SCOPES.flatMap((scope) =>
        items
          .filter(([sc]) => sc === scope)
          .map(([, s]) => s.key)
          .sort(),
      ),
    );
    for (const s of back) {
      const given = items.find(([, g]) => g.key === s.key)![1];
      expect(Array.from(s.values)).toEqual(Array.from(given.values));
      expect(s.start).toBe(given.start);
    }
    // Nothing is left beside the files: the scratch files are gone.
    expect(readdirSync(join(dir, 'metrics')).sort()).toEqual(paths.map((p) => p.split('/').pop()).sort());
  });
});
