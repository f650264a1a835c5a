import { describe, expect, it } from 'vitest';
import { clientsFor } from '../../src/aws/clients.js';
import { Limiter } from '../../src/aws/limiter.js';
import { fetchMetricHistory, GET_METRIC_DATA_LIMITS, planBatches } from '../../src/aws/metric-data.js';
import type { MetricQuery } from '../../src/aws/metric-data.js';
import { AwsStats } from '../../src/aws/stats.js';
import { LIVE_BOUNDS } from '../../src/config/defaults.js';
import { startFakeAws } from '../helpers/fake-aws/index.js';

// On the hand-written fake, not moto: moto 5.2.1's GetMetricData ignores MaxDatapoints, never
// answers with a NextToken (so the 100,800-datapoint page is never exercised), and compares every
// datapoint in the window with every period of every query (moto/cloudwatch/models.py): the
// smallest case here, 100 metrics over 14 days at 5 minutes, would first need 403,200 datapoints
// put, then 100 × 4,032 periods × 403,200 comparisons.
const END = Date.UTC(2026, 10, 1);

function queries(n: number, period: number): MetricQuery[] {
  return Array.from({ length: n }, (_, i) => ({
    namespace: 'AWS/Lambda',
    name: 'Errors',
    dimensions: [{ name: 'FunctionName', value: `fn-${i}` }],
    stat: 'Sum',
    period,
  }));
}

describe('GetMetricData batching', () => {
  // (metrics, period, days): small and large, many short series and few long ones, and one
  // series longer than a whole response.
  const cases: [number, number, number][] = [
    [100, 300, 14],
    [600, 3600, 12],
    [1234, 60, 1],
    [30, 60, 14],
    [2, 10, 21],
  ];
  for (const [n, period, days] of cases) {
    it(`${n} metrics × ${(days * 86400) / period} datapoints: calls within 1.1× of the floor, every datapoint returned`, async () => {
      const fake = await startFakeAws({
        baseAccount: '111111111111',
        accounts: { '111111111111': { regions: { 'eu-west-1': { metricValue: (q, t) => (t.getTime() / 1000 / q.period) % 7 === 3 ? undefined : Number(q.dimensions['FunctionName']!.slice(3)) } } } },
      });
      try {
        const stats = new AwsStats();
        const clients = clientsFor({ region: 'eu-west-1', endpoint: fake.url, credentials: async () => fake.credentials, stats, maxAttempts: 3, requestTimeoutMs: 10_000 });
        const start = new Date(END - days * 86_400_000);
        const series = await fetchMetricHistory(clients, queries(n, period), { start, end: new Date(END) }, new Limiter(8, 40), { maxPages: LIVE_BOUNDS.maxPages });
        const perSeries = (days * 86400) / period;
        const total = n * perSeries;
        const floor = Math.ceil(total / GET_METRIC_DATA_LIMITS.datapoints);
        const calls = stats.calls.get('cloudwatch.GetMetricData')!;
        expect(calls).toBeLessThanOrEqual(Math.max(floor + 1, Math.ceil(floor * 1.1)));
        // Each series has every datapoint the fake publishes (one in seven is missing), in order.
        const first = start.getTime() / 1000 / period;
        const published = Array.from({ length: perSeries }, (_, k) => (first + k) % 7 !== 3).filter(Boolean).length;
        for (const s of series) {
          expect(s.timestamps.length).toBe(published);
          expect([...s.timestamps].sort((a, b) => a - b)).toEqual(s.timestamps);
          expect(new Set(s.values)).toEqual(new Set([Number(s.query.dimensions[0]!.value.slice(3))]));
        }
        const returned = series.reduce((sum, s) => sum + s.timestamps.length, 0);
        expect(returned).toBe(fake.calls.reduce((sum, c) => sum + (c.datapoints ?? 0), 0));
      } finally {
        await fake.stop();
      }
    });
  }

  it('packs within 500 queries and 100,800 datapoints per call', () => {
    const day = 86_400;
    for (const [n, period] of [[5000, 300], [10_000, 3600], [3, 10]] as const) {
      const batches = planBatches(queries(n, period), 0, 14 * day);
      for (const b of batches) {
        expect(b.length).toBeLessThanOrEqual(500);
        if (b.length > 1) expect(b.length * Math.ceil((14 * day) / period)).toBeLessThanOrEqual(100_800);
      }
      expect(batches.flat()).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
});
