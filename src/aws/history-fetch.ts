import type { HistorySeries } from '../tune/history.js';
import { Limiter } from './limiter.js';
import type { LiveSession, ScopeRef } from './live-source.js';
import { streamMetricHistory } from './metric-data.js';
import type { MetricQuery } from './metric-data.js';
import type { AlarmMetric } from '../resolve/types.js';

/** A metric to fetch history for, under its history key. */
export interface HistoryRequest {
  key: string;
  metric: AlarmMetric;
  period: number;
}

function queryOf(r: HistoryRequest): MetricQuery {
  if (r.metric.kind === 'single') {
    const m = r.metric.metric;
    return { namespace: m.namespace, name: m.name, dimensions: m.dimensions, stat: m.statistic, period: r.period };
  }
  return {
    namespace: '',
    name: '',
    dimensions: [],
    stat: '',
    period: r.period,
    expression: {
      text: r.metric.expression,
      metrics: r.metric.queries.map((q) => ({ id: q.id, namespace: q.metric.namespace, name: q.metric.name, dimensions: q.metric.dimensions, stat: q.metric.statistic })),
    },
  };
}

/**
 * Fetches the history of the given metrics per scope, over the lookback ending at the last
 * whole hour before `now`, as regular series (NaN where CloudWatch has no datapoint), each
 * handed to `onSeries` as soon as its call batch is done, and not kept (see streamMetricHistory).
 * GetMetricData stays under 40 calls a second per scope (the quota is 50). A scope whose fetch
 * failed is in `failed`; some of its series may have been handed over before it did.
 */
export async function fetchHistories(
  session: LiveSession,
  requests: ReadonlyMap<string, HistoryRequest[]>,
  lookbackDays: number,
  now: Date,
  onSeries: (scope: string, series: HistorySeries) => void,
): Promise<{ failed: (ScopeRef & { error: string })[] }> {
  const end = Math.floor(now.getTime() / 3_600_000) * 3600;
  const start = end - lookbackDays * 86_400;
  const scopes = [...requests.keys()].map((k) => {
    const [account, region] = k.split('/') as [string, string];
    return { account, region };
  });
  const results = await session.forEachScope(scopes, 'metric history', async (scope, clients, bounds) => {
    const scopeKey = `${scope.account}/${scope.region}`;
    const wanted = requests.get(scopeKey) ?? [];
    await streamMetricHistory(clients, wanted.map(queryOf), { start: new Date(start * 1000), end: new Date(end * 1000) }, new Limiter(8, 40), bounds, (i, f) => {
      const r = wanted[i]!;
      const values = new Float64Array(Math.floor((end - start) / r.period)).fill(NaN);
      f.timestamps.forEach((t, k) => {
        const slot = Math.floor((t - start) / r.period);
        if (slot >= 0 && slot < values.length) values[slot] = f.values[k]!;
      });
      onSeries(scopeKey, { key: r.key, scope: scopeKey, start, period: r.period, values });
    });
  });
  return { failed: results.flatMap((r) => (r.error ? [{ ...r.scope, error: r.error }] : [])) };
}
