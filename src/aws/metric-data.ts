import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { Clients } from './clients.js';
import type { Limiter } from './limiter.js';

/** GetMetricData limits: queries per call, datapoints per response. */
export const GET_METRIC_DATA_LIMITS = { queries: 500, datapoints: 100_800 };

/** One metric statistic to fetch, or a metric-math expression over such statistics. */
export interface MetricQuery {
  namespace: string;
  name: string;
  dimensions: { name: string; value: string }[];
  stat: string;
  period: number;
  /** For an expression: the expression, and its metrics by id (namespace/name above unused). */
  expression?: { text: string; metrics: { id: string; namespace: string; name: string; dimensions: { name: string; value: string }[]; stat: string }[] };
}

/** Queries a query takes in one call (an expression also sends its metrics). */
function queriesOf(q: MetricQuery): number {
  return 1 + (q.expression?.metrics.length ?? 0);
}

/** A fetched series: timestamps (epoch seconds, ascending) and values. */
export interface MetricSeries {
  query: MetricQuery;
  timestamps: number[];
  values: number[];
}

/**
 * Packs queries into calls so that each stays within 500 queries and 100,800 datapoints: the
 * number of calls stays at (or within one batch of) the floor, ceil(total / 100,800).
 * A single query over 100,800 datapoints gets a call of its own and continues by NextToken.
 */
export function planBatches(queries: readonly MetricQuery[], startSeconds: number, endSeconds: number): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let points = 0;
  let count = 0;
  queries.forEach((q, i) => {
    const n = Math.ceil((endSeconds - startSeconds) / q.period);
    if (current.length > 0 && (count + queriesOf(q) > GET_METRIC_DATA_LIMITS.queries || points + n > GET_METRIC_DATA_LIMITS.datapoints)) {
      batches.push(current);
      current = [];
      points = 0;
      count = 0;
    }
    current.push(i);
    points += n;
    count += queriesOf(q);
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

function metricStat(m: { namespace: string; name: string; dimensions: { name: string; value: string }[]; stat: string }, period: number) {
  return {
    Metric: { Namespace: m.namespace, MetricName: m.name, Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })) },
    Period: period,
    Stat: m.stat,
  };
}

/**
 * The GetMetricData queries for one of ours: its result is `q<i>`; an expression's metrics
 * get ids unique in the call (`q<i>_<id>`) and the expression is rewritten to use them.
 */
function dataQueries(q: MetricQuery, i: number) {
  if (!q.expression) return [{ Id: `q${i}`, MetricStat: metricStat(q, q.period), ReturnData: true }];
  const ids = new Set(q.expression.metrics.map((m) => m.id));
  const text = q.expression.text.replace(/\b[a-z][A-Za-z0-9_]*\b/g, (id) => (ids.has(id) ? `q${i}_${id}` : id));
  return [
    { Id: `q${i}`, Expression: text, Period: q.period, ReturnData: true },
    ...q.expression.metrics.map((m) => ({ Id: `q${i}_${m.id}`, MetricStat: metricStat(m, q.period), ReturnData: false })),
  ];
}

/** Fetches metric history with as few GetMetricData calls as the limits allow, within the rate limit. */
export async function fetchMetricHistory(
  clients: Clients,
  queries: readonly MetricQuery[],
  range: { start: Date; end: Date },
  limiter: Limiter,
  onBatch?: (done: number, total: number) => void,
): Promise<MetricSeries[]> {
  const start = Math.floor(range.start.getTime() / 1000);
  const end = Math.floor(range.end.getTime() / 1000);
  const series: MetricSeries[] = queries.map((query) => ({ query, timestamps: [], values: [] }));
  const batches = planBatches(queries, start, end);
  let done = 0;
  await Promise.all(
    batches.map(async (batch) => {
      let nextToken: string | undefined;
      do {
        const token = nextToken;
        const out = await limiter.run(() =>
          clients.cloudwatch.send(
            new GetMetricDataCommand({
              StartTime: new Date(start * 1000),
              EndTime: new Date(end * 1000),
              ScanBy: 'TimestampAscending',
              MaxDatapoints: GET_METRIC_DATA_LIMITS.datapoints,
              MetricDataQueries: batch.flatMap((i) => dataQueries(queries[i]!, i)),
              ...(token ? { NextToken: token } : {}),
            }),
          ),
        );
        for (const r of out.MetricDataResults ?? []) {
          if (!/^q\d+$/.test(r.Id ?? '')) continue;
          const s = series[Number(r.Id!.slice(1))];
          if (!s) continue;
          (r.Timestamps ?? []).forEach((t, k) => {
            s.timestamps.push(Math.floor(t.getTime() / 1000));
            s.values.push(r.Values?.[k] ?? NaN);
          });
        }
        nextToken = out.NextToken;
      } while (nextToken);
      onBatch?.(++done, batches.length);
    }),
  );
  // Pages may interleave; keep each series in time order without duplicates.
  for (const s of series) {
    const order = s.timestamps.map((t, i) => [t, s.values[i]!] as const).sort((a, b) => a[0] - b[0]);
    s.timestamps = order.map(([t]) => t);
    s.values = order.map(([, v]) => v);
  }
  return series;
}
