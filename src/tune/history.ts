import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { parseValidatedJson } from '../diagnostics/schema-errors.js';
import { compare } from '../util/compare.js';
import type { AlarmMetric, MetricStat } from '../resolve/types.js';

/** One series on a regular grid: value i covers [start + i·period, start + (i+1)·period); NaN = missing. */
export interface HistorySeries {
  key: string;
  start: number;
  period: number;
  values: Float64Array;
}

/** Metric history by identity (what the alarm watches, at its period). */
export class MetricHistory {
  private readonly byKey = new Map<string, HistorySeries>();

  constructor(series: Iterable<HistorySeries> = []) {
    for (const s of series) this.byKey.set(s.key, s);
  }

  get(key: string): HistorySeries | undefined {
    return this.byKey.get(key);
  }

  get size(): number {
    return this.byKey.size;
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
  const doc = parseValidatedJson(file, text, 'metric-history.schema.json', diags);
  if (!doc) return [];
  const out: HistorySeries[] = [];
  (doc.data as { series: RawSeries[] }).series.forEach((s, i) => {
    // Positions are computed only for an error: locating parses the whole file again.
    const at = () => ({ file, ...doc.locate(['series', i]) });
    const start = Date.parse(s.start);
    if (!Number.isFinite(start) || start % (s.period * 1000) !== 0) {
      diags.error(`series[${i}].start must be a timestamp on a ${s.period}-second boundary`, at());
      return;
    }
    let metric: AlarmMetric;
    if (s.expression !== undefined) {
      if (!s.metrics) {
        diags.error(`series[${i}]: an expression needs its metrics`, at());
        return;
      }
      metric = { kind: 'math', expression: s.expression, label: '', queries: Object.entries(s.metrics).map(([id, m]) => ({ id, metric: statOf(m) })) };
    } else if (s.namespace && s.metricName && s.statistic) {
      metric = { kind: 'single', metric: statOf(s as RawMetric) };
    } else {
      diags.error(`series[${i}] needs namespace, metricName and statistic (or an expression with its metrics)`, at());
      return;
    }
    const values = new Float64Array(s.values.length);
    s.values.forEach((v, k) => (values[k] = v === null ? NaN : v));
    out.push({ key: historyKey(metric, s.period), start: start / 1000, period: s.period, values });
  });
  return out;
}

/** A history file's JSON for series of known metrics (what `snapshot` and the example generator write). */
export function historyJson(series: { metric: AlarmMetric; period: number; start: number; values: ArrayLike<number> }[]): string {
  const raw = (m: MetricStat) => ({
    namespace: m.namespace,
    metricName: m.name,
    dimensions: Object.fromEntries(dims(m.dimensions)),
    statistic: m.statistic,
  });
  const entries = series.map((s) => ({
    ...(s.metric.kind === 'single'
      ? raw(s.metric.metric)
      : { expression: s.metric.expression, metrics: Object.fromEntries(s.metric.queries.map((q) => [q.id, raw(q.metric)])) }),
    period: s.period,
    start: new Date(s.start * 1000).toISOString().replace('.000Z', 'Z'),
    values: Array.from(s.values, (v) => (Number.isFinite(v) ? v : null)),
  }));
  // One series per line keeps large files diffable and quick to write.
  return `{"series": [\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}
