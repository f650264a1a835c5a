import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { Clients } from './clients.js';
import type { Limiter } from './limiter.js';

/** GetMetricData limits: queries per call, datapoints per response. */
export const GET_METRIC_DATA_LIMITS = { queries: 500, datapoints: 100_800 };

/** One metric statistic to fetch. */
export interface MetricQuery {
  namespace: string;
  name: string;
  dimensions: { name: string; value: string }[];
  stat: string;
  period: number;
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
  queries.forEach((q, i) => {
    const n = Math.ceil((endSeconds - startSeconds) / q.period);
    if (current.length > 0 && (current.length >= GET_METRIC_DATA_LIMITS.queries || points + n > GET_METRIC_DATA_LIMITS.datapoints)) {
      batches.push(current);
      current = [];
      points = 0;
    }
    current.push(i);
    points += n;
  });
  if (current.length > 0) batches.push(current);
  return batches;
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
              MetricDataQueries: batch.map((i) => {
                const q = queries[i]!;
                return {
                  Id: `q${i}`,
                  MetricStat: {
                    Metric: { Namespace: q.namespace, MetricName: q.name, Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) },
                    Period: q.period,
                    Stat: q.stat,
                  },
                  ReturnData: true,
                };
              }),
              ...(token ? { NextToken: token } : {}),
            }),
          ),
        );
        for (const r of out.MetricDataResults ?? []) {
          const s = series[Number(r.Id?.slice(1))];
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
