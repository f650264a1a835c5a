import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { decodeUtf8 } from '../../src/diagnostics/source-file.js';
import { historyJson, historySeriesOf, parseHistoryText } from '../../src/tune/history.js';
import type { HistorySeries } from '../../src/tune/history.js';
import { REPO } from '../helpers/paths.js';

/*
 * A history file in the layout obsgen writes (one series a line) is read a line at a time, so
 * that no run ever holds a whole file as text or parsed data (src/tune/history.ts). The oracle
 * is the whole-file reader: for valid files the same series, and for broken ones the same
 * diagnostics, message for message, at the same line and column.
 */

const FILE = 'metrics.json';

function whole(bytes: Uint8Array): { series: HistorySeries[]; diags: Diagnostics } {
  const diags = new Diagnostics();
  const text = decodeUtf8(FILE, bytes, diags);
  return { series: text === undefined ? [] : parseHistoryText(FILE, text, diags), diags };
}

function byLines(bytes: Uint8Array): { series: HistorySeries[]; diags: Diagnostics } {
  const diags = new Diagnostics();
  return { series: [...historySeriesOf(FILE, bytes, diags)], diags };
}

const plain = (s: HistorySeries[]) => s.map((x) => ({ ...x, values: Array.from(x.values) }));

/** A small file in obsgen's layout: a few series of single metrics and one expression. */
function sample(): string {
  const start = Date.UTC(2026, 10, 1) / 1000;
  const single = (name: string, values: number[]) => ({
    metric: { kind: 'single' as const, metric: { namespace: 'AWS/Lambda', name, dimensions: [{ name: 'FunctionName', value: `fn-${name}` }], statistic: 'Sum' } },
    period: 60,
    start,
    values: Float64Array.from(values),
  });
  return historyJson([
    single('Errors', [0, 1, NaN, 3]),
    {
      metric: { kind: 'math', expression: 'errors / invocations', label: '', queries: [{ id: 'errors', metric: { namespace: 'AWS/Lambda', name: 'Errors', dimensions: [], statistic: 'Sum' } }, { id: 'invocations', metric: { namespace: 'AWS/Lambda', name: 'Invocations', dimensions: [], statistic: 'Sum' } }] },
      period: 300,
      start,
      values: Float64Array.from([0.5, NaN, 0.25]),
    },
    single('Throttles', [2, 2]),
    single('Duration', [120.5, 99]),
  ]);
}

/** Ways a line of a file can be broken, each a function of the line's text. */
const BREAKS: ((line: string) => string)[] = [
  (l) => l.replace(/"period":\d+/, '"period":"60"'),
  (l) => l.replace(/"period":\d+,/, ''),
  (l) => l.replace(/"start":"([^"]+)T00:00:00Z"/, '"start":"$1T00:00:30Z"'),
  (l) => l.replace(/^\{/, '{"unknown":1,'),
  (l) => l.replace(/"values":\[/, '"values":["x",'),
  (l) => l.replace(/"statistic":"Sum"/, '"statistic":"Total"'),
  (l) => l.replace(/,$/, ''),
  (l) => (l.endsWith(',') ? l : `${l},`),
  (l) => l.replace(/"namespace":"AWS\/Lambda",/, ''),
  (l) => l.replace(/\}(,?)$/, '$1'),
  (l) => l.replace(/"start"/, '"start":"2026-11-01T00:00:00Z","start"'),
  (l) => `  ${l}`,
  (l) => `${l}  `,
];

describe('history files read a line at a time', () => {
  it('give the series the whole-file reader gives, for the example and for a file of every kind of series', () => {
    for (const text of [gunzipSync(readFileSync(join(REPO, 'examples/acme/metrics/111111111111-eu-west-1.json.gz'))).toString('utf8'), sample()]) {
      const bytes = Buffer.from(text);
      const a = whole(bytes);
      const b = byLines(bytes);
      expect(a.diags.items).toEqual([]);
      expect(b.diags.items).toEqual([]);
      expect(b.series.length).toBeGreaterThan(0);
      expect(plain(b.series)).toEqual(plain(a.series));
    }
  });

  it('report a broken line as the whole-file reader does: the same messages, lines and columns', () => {
    const lines = sample().split('\n');
    const seriesLines = lines.map((_, i) => i).filter((i) => lines[i]!.startsWith('{"'));
    fc.assert(
      fc.property(fc.constantFrom(...seriesLines), fc.nat(BREAKS.length - 1), (at, how) => {
        const broken = lines.map((l, i) => (i === at ? BREAKS[how]!(l) : l)).join('\n');
        const bytes = Buffer.from(broken);
        const a = whole(bytes);
        const b = byLines(bytes);
        expect(b.diags.items).toEqual(a.diags.items);
        // A file that reads cleanly gives the same series either way.
        if (a.diags.items.length === 0) expect(plain(b.series)).toEqual(plain(a.series));
      }),
    );
  });

  it('name a byte that is not UTF-8 at its line and column', () => {
    const lines = sample().split('\n');
    const at = 2;
    const bytes = Buffer.concat([Buffer.from(`${lines.slice(0, at).join('\n')}\n`), Buffer.from(lines[at]!.slice(0, 20)), Buffer.from([0xff]), Buffer.from(`${lines[at]!.slice(20)}\n${lines.slice(at + 1).join('\n')}`)]);
    const b = byLines(bytes);
    expect(b.diags.items).toEqual(whole(bytes).diags.items);
    expect(b.diags.items).toEqual([expect.objectContaining({ severity: 'error', file: FILE, line: at + 1, column: 21 })]);
  });

  it('read a file in another layout whole, as before', () => {
    const pretty = `${JSON.stringify(JSON.parse(sample()), null, 2)}\n`;
    const bytes = Buffer.from(pretty);
    const b = byLines(bytes);
    expect(b.diags.items).toEqual([]);
    expect(plain(b.series)).toEqual(plain(whole(bytes).series));
    expect(b.series).toHaveLength(4);
  });
});
