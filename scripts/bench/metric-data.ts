import { clientsFor } from '../../src/aws/clients.js';
import { Limiter } from '../../src/aws/limiter.js';
import { fetchMetricHistory, GET_METRIC_DATA_LIMITS } from '../../src/aws/metric-data.js';
import type { MetricQuery } from '../../src/aws/metric-data.js';
import { AwsStats } from '../../src/aws/stats.js';
import { LIVE_BOUNDS } from '../../src/config/defaults.js';
import { startFakeAws } from '../../test/helpers/fake-aws/index.js';

export interface MetricDataFigure {
  metrics: number;
  perMetric: number;
  datapoints: number;
  calls: number;
  floor: number;
  seconds: number;
}

const END = Date.UTC(2026, 10, 1);

/** GetMetricData calls for history fetches of several shapes, through the real SDK client, against the local endpoint. */
export async function metricDataCalls(): Promise<MetricDataFigure[]> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  // (metrics, period, days): the tuning default (14 days at 1 minute) for 1,000 metrics, and
  // 10,000 metrics at 5 minutes.
  const cases: [number, number, number][] = [
    [1000, 60, 14],
    [10_000, 300, 14],
  ];
  const out: MetricDataFigure[] = [];
  for (const [n, period, days] of cases) {
    const fake = await startFakeAws({
      baseAccount: '111111111111',
      accounts: { '111111111111': { regions: { 'eu-west-1': { metricValue: (_q, t) => (t.getTime() / 60_000) % 11 } } } },
    });
    try {
      const stats = new AwsStats();
      const clients = clientsFor({ region: 'eu-west-1', endpoint: fake.url, credentials: async () => fake.credentials, stats, maxAttempts: 3, requestTimeoutMs: 60_000 });
      const queries: MetricQuery[] = Array.from({ length: n }, (_, i) => ({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: [{ name: 'FunctionName', value: `fn-${i}` }], stat: 'Sum', period }));
      const started = performance.now();
      await fetchMetricHistory(clients, queries, { start: new Date(END - days * 86_400_000), end: new Date(END) }, new Limiter(8, 40), { maxPages: LIVE_BOUNDS.maxPages });
      const perMetric = (days * 86_400) / period;
      const datapoints = n * perMetric;
      out.push({ metrics: n, perMetric, datapoints, calls: stats.calls.get('cloudwatch.GetMetricData') ?? 0, floor: Math.ceil(datapoints / GET_METRIC_DATA_LIMITS.datapoints), seconds: (performance.now() - started) / 1000 });
    } finally {
      await fake.stop();
    }
  }
  return out;
}
