import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Location } from '../diagnostics/diagnostic.js';
import { decodeUtf8 } from '../diagnostics/source-file.js';
import { parseValidatedJson } from '../diagnostics/schema-errors.js';
import { compare } from '../util/compare.js';
import type { AlarmMetric, MetricStat } from '../resolve/types.js';

/** One series on a regular grid: value i covers [start + i·period, start + (i+1)·period); NaN = missing. */
export interface HistorySeries {
  key: string;
  /**
   * The scope (`account/region`) it was read in, when known (the live source, a snapshot's
   * file, a series of a history file that names its account and region): it is then the
   * history of that scope's alarms only. The same function name in two regions or accounts is
   * one metric identity (`key`) but two metrics. A series without one is the history of the
   * metric's alarms in any scope.
   */
  scope?: string;
  start: number;
  period: number;
  values: Float64Array;
}

/** Metric history by identity (what the alarm watches, at its period) and scope. */
export class MetricHistory {
  private readonly byKey = new Map<string, HistorySeries>();

  constructor(series: Iterable<HistorySeries> = []) {
    for (const s of series) this.byKey.set(`${s.scope ?? ''}|${s.key}`, s);
  }

  /** The series of this metric and scope (none: the series of no scope). */
  get(key: string, scope = ''): HistorySeries | undefined {
    return this.byKey.get(`${scope}|${key}`);
  }

  *[Symbol.iterator](): IterableIterator<HistorySeries> {
    yield* this.byKey.values();
  }
}

function dims(d: { name: string; value: string }[]): [string, string][] {
  return d.map((x) => [x.name, x.value] as [string, string]).sort((a, b) => compare(a[0], b[0]));
}

function statKey(m: MetricStat): unknown[] {
  return [m.namespace, m.name, dims(m.dimensions), m.statistic];
}

/** The identity of what an alarm evaluates at a period: a metric statistic or a math expression over metrics. */
export function historyKey(metric: AlarmMetric, period: number): string {
  if (metric.kind === 'single') return JSON.stringify(['metric', ...statKey(metric.metric), period]);
  const queries = [...metric.queries].sort((a, b) => compare(a.id, b.id)).map((q) => [q.id, ...statKey(q.metric)]);
  return JSON.stringify(['math', metric.expression, queries, period]);
}

/** The metric (and period) a history key stands for: the inverse of historyKey. */
export function metricOfKey(key: string): { metric: AlarmMetric; period: number } {
  const k = JSON.parse(key) as unknown[];
  const stat = (s: unknown[]): MetricStat => ({
    namespace: s[0] as string,
    name: s[1] as string,
    dimensions: (s[2] as [string, string][]).map(([name, value]) => ({ name, value })),
    statistic: s[3] as string,
  });
  if (k[0] === 'metric') return { metric: { kind: 'single', metric: stat(k.slice(1, 5)) }, period: k[5] as number };
  const queries = (k[2] as unknown[][]).map((q) => ({ id: q[0] as string, metric: stat(q.slice(1)) }));
  return { metric: { kind: 'math', expression: k[1] as string, label: '', queries }, period: k[3] as number };
}

interface RawMetric {
  namespace: string;
  metricName: string;
  dimensions?: Record<string, string>;
  statistic: string;
}
interface RawSeries extends Partial<RawMetric> {
  account?: string;
  region?: string;
  expression?: string;
  metrics?: Record<string, RawMetric>;
  period: number;
  start: string;
  values: (number | null)[];
}

function statOf(m: RawMetric): MetricStat {
  return { namespace: m.namespace, name: m.metricName, dimensions: Object.entries(m.dimensions ?? {}).map(([name, value]) => ({ name, value })), statistic: m.statistic };
}

/** Reads a metric history file (see schemas/metric-history.schema.json). */
export function parseHistoryText(file: string, text: string, diags: Diagnostics): HistorySeries[] {
  const doc = parseValidatedJson(file, text, SCHEMA, diags);
  if (!doc) return [];
  const out: HistorySeries[] = [];
  (doc.data as { series: RawSeries[] }).series.forEach((s, i) => {
    // Positions are computed only for an error: locating parses the whole file again.
    const series = seriesOf(s, i, () => ({ file, ...doc.locate(['series', i]) }), diags);
    if (series) out.push(series);
  });
  return out;
}

const SCHEMA = 'metric-history.schema.json';

/** One series of a validated file, or undefined (with an error at `at`) when it cannot be one. */
function seriesOf(s: RawSeries, i: number, at: () => Location, diags: Diagnostics): HistorySeries | undefined {
  const start = Date.parse(s.start);
  if (!Number.isFinite(start) || start % (s.period * 1000) !== 0) {
    diags.error(`series[${i}].start must be a timestamp on a ${s.period}-second boundary`, at());
    return undefined;
  }
  let metric: AlarmMetric;
  if (s.expression !== undefined) {
    if (!s.metrics) {
      diags.error(`series[${i}]: an expression needs its metrics`, at());
      return undefined;
    }
    metric = { kind: 'math', expression: s.expression, label: '', queries: Object.entries(s.metrics).map(([id, m]) => ({ id, metric: statOf(m) })) };
  } else if (s.namespace && s.metricName && s.statistic) {
    metric = { kind: 'single', metric: statOf(s as RawMetric) };
  } else {
    diags.error(`series[${i}] needs namespace, metricName and statistic (or an expression with its metrics)`, at());
    return undefined;
  }
  // A plain loop: a closure per value took 7 s of a 5,000-resource run's 24 s of reading history.
  const values = new Float64Array(s.values.length);
  for (let k = 0; k < values.length; k++) {
    const v = s.values[k];
    values[k] = v === null || v === undefined ? NaN : v;
  }
  return { key: historyKey(metric, s.period), ...(s.account !== undefined && s.region !== undefined ? { scope: `${s.account}/${s.region}` } : {}), start: start / 1000, period: s.period, values };
}

// The layout `historyJson` writes (and so `snapshot` and the example's generator): one series a line.
const FIRST_LINE = '{"series": [';
const LAST_LINE = ']}';
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * The series of a metric history file's bytes (gunzipped), one at a time. A file in the layout
 * `historyJson` writes, one series a line, is read a line at a time, each line checked as the
 * whole file would be (the same schema, the same messages at the same line and column), so
 * that no more than one series is ever text or parsed data: at 10,000 resources a scope's file
 * is 230 MB of JSON, and 40,000 resources in one region make one of 920 MB, more than a
 * JavaScript string can hold. A file in any other layout is read whole.
 */
export function* historySeriesOf(file: string, bytes: Uint8Array, diags: Diagnostics): Generator<HistorySeries> {
  const lines = lineSpans(bytes);
  const text = (k: number) => Buffer.from(bytes.buffer, bytes.byteOffset + lines[k]![0], lines[k]![1] - lines[k]![0]).toString('latin1');
  const last = lines.length > 0 && lines[lines.length - 1]![0] === lines[lines.length - 1]![1] ? lines.length - 2 : lines.length - 1;
  if (last < 1 || text(0) !== FIRST_LINE || text(last) !== LAST_LINE) {
    const whole = decodeUtf8(file, bytes, diags);
    if (whole !== undefined) yield* parseHistoryText(file, whole, diags);
    return;
  }
  // The lines that hold a series: every one but the last ends with the comma between them.
  const held: number[] = [];
  for (let k = 1; k < last; k++) if (lines[k]![0] < lines[k]![1]) held.push(k);
  let index = 0;
  for (const [n, k] of held.entries()) {
    const [from, end] = lines[k]!;
    let to = end;
    while (to > from && (bytes[to - 1] === SPACE || bytes[to - 1] === TAB)) to--;
    const line = k + 1;
    const comma = bytes[to - 1] === COMMA;
    if (comma !== n < held.length - 1) {
      // Where the whole file's parser stops: the next series, or the closing bracket, at the start of the next line.
      diags.error(`invalid JSON: ${comma ? 'ValueExpected' : 'CommaExpected'}`, { file, line: (held[n + 1] ?? last) + 1, column: 1 });
      return;
    }
    const local = new Diagnostics();
    const decoded = decodeUtf8(file, bytes.subarray(from, comma ? to - 1 : to), local);
    // The line is the file's series `index`: checked as `{"series":[<it>]}` is, its positions
    // and the path in each message moved back to where they are in the file.
    const doc = decoded === undefined ? undefined : parseValidatedJson(file, `${WRAP_OPEN}${decoded}]}`, SCHEMA, local);
    if (decoded !== undefined && !doc && local.items.some((d) => d.message.startsWith(INVALID_JSON))) {
      // Broken JSON may run on over the next lines (a bracket left open): what the whole file's
      // parser says of it is the message, when the file can be one string.
      if (!wholeFileErrors(file, bytes, diags)) relocate(local, diags, line, index);
      return;
    }
    const raw = doc && (doc.data as { series: RawSeries[] }).series[0];
    const series = raw && seriesOf(raw, index, () => ({ file, ...doc!.locate(['series', 0]) }), local);
    relocate(local, diags, line, index);
    if (series) yield series;
    index++;
  }
}

const WRAP_OPEN = '{"series":[';

// How parseJsonSource begins the message of text that is not JSON.
const INVALID_JSON = 'invalid JSON';

/** Reports what reading the whole file reports; false when it is too large to be read whole. */
function wholeFileErrors(file: string, bytes: Uint8Array, diags: Diagnostics): boolean {
  let text: string | undefined;
  try {
    text = decodeUtf8(file, bytes, diags);
  } catch {
    return false; // longer than a string can be
  }
  if (text !== undefined) parseHistoryText(file, text, diags);
  return true;
}

/** Moves diagnostics made on one line (wrapped in WRAP_OPEN, as series 0) to the file's line and series. */
function relocate(local: Diagnostics, diags: Diagnostics, line: number, index: number): void {
  for (const d of local.items) {
    const shift = wrapShift(d);
    const onLine = d.line === undefined ? {} : { line: line + d.line - 1, ...(d.column !== undefined ? { column: d.line === 1 ? d.column - shift : d.column } : {}) };
    // A message may name another place on the line (a duplicate key's first occurrence).
    const message = d.message
      .replace(/^series\[0\]/, `series[${index}]`)
      .replace(/\bline (\d+), column (\d+)/g, (_, l: string, c: string) => `line ${line + Number(l) - 1}, column ${Number(l) === 1 ? Number(c) - shift : Number(c)}`);
    diags.add({ ...d, ...onLine, message });
  }
}

/** How far the wrapping moved a diagnostic's column: UTF-8 errors are found before the wrapping. */
function wrapShift(d: { message: string }): number {
  return d.message.startsWith('invalid UTF-8') ? 0 : WRAP_OPEN.length;
}

/** Each line's [start, end) in the bytes, without its newline (a last empty span when the bytes end with one). */
function lineSpans(bytes: Uint8Array): [number, number][] {
  const spans: [number, number][] = [];
  let from = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, from)) {
    spans.push([from, at]);
    from = at + 1;
  }
  spans.push([from, bytes.length]);
  return spans;
}

/** A history file's JSON for series of known metrics (what `snapshot` and the example generator write). */
export function historyJson(series: { metric: AlarmMetric; period: number; start: number; values: ArrayLike<number> }[]): string {
  // One series per line keeps large files diffable and quick to write.
  return `${HISTORY_OPEN}${series.map(historyLine).join(HISTORY_BETWEEN)}${HISTORY_CLOSE}`;
}

/** What a history file holds before its first series' line, between two, and after the last (see historyJson). */
export const HISTORY_OPEN = `${FIRST_LINE}\n`;
export const HISTORY_BETWEEN = ',\n';
export const HISTORY_CLOSE = `\n${LAST_LINE}\n`;

/** One series' line of a history file. */
export function historyLine(s: { metric: AlarmMetric; period: number; start: number; values: ArrayLike<number> }): string {
  const raw = (m: MetricStat) => ({
    namespace: m.namespace,
    metricName: m.name,
    dimensions: Object.fromEntries(dims(m.dimensions)),
    statistic: m.statistic,
  });
  return JSON.stringify({
    ...(s.metric.kind === 'single'
      ? raw(s.metric.metric)
      : { expression: s.metric.expression, metrics: Object.fromEntries(s.metric.queries.map((q) => [q.id, raw(q.metric)])) }),
    period: s.period,
    start: new Date(s.start * 1000).toISOString().replace('.000Z', 'Z'),
    values: Array.from(s.values, (v) => (Number.isFinite(v) ? v : null)),
  });
}
