import { CloudWatchClient, GetMetricDataCommand, paginateGetMetricData } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DATAPOINTS_PER_RESPONSE, startFakeAws } from './index.js';
import type { FakeAws, MetricQueryIdentity } from './index.js';
import { BASE, PROD, REGION } from './sample-fixture.js';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 1000;
  return h;
}

/** Deterministic metric data: roughly one datapoint in seven is missing. */
function metricValue(q: MetricQueryIdentity, t: Date): number | undefined {
  const m = t.getTime() / MINUTE;
  const h = hash(`${q.name}/${Object.values(q.dimensions).join('/')}`);
  if ((Math.floor(m / q.period * 60) + h) % 7 === 0) return undefined;
  return (m % 100) + h / 1000;
}

/** The series the service should return for one query, newest first unless `ascending`. */
function expectedSeries(q: MetricQueryIdentity, start: number, end: number, ascending = false): { t: number[]; v: number[] } {
  const t: number[] = [];
  const v: number[] = [];
  for (let ts = start; ts < end; ts += q.period * 1000) {
    const value = metricValue(q, new Date(ts));
    if (value !== undefined) {
      t.push(ts);
      v.push(value);
    }
  }
  if (!ascending) {
    t.reverse();
    v.reverse();
  }
  return { t, v };
}

function lambdaQuery(i: number, period: number): { query: MetricDataQuery; identity: MetricQueryIdentity } {
  const fn = `fn-${i}`;
  return {
    query: {
      Id: `m${i}`,
      MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: fn }] }, Period: period, Stat: 'Sum' },
    },
    identity: { namespace: 'AWS/Lambda', name: 'Errors', dimensions: { FunctionName: fn }, stat: 'Sum', period },
  };
}

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({
    baseAccount: BASE,
    accounts: {
      [BASE]: { regions: { [REGION]: { metricValue } } },
      [PROD]: { regions: { [REGION]: {} } },
    },
  });
});
afterAll(() => fake.stop());

const cw = (region = REGION): CloudWatchClient => new CloudWatchClient(fake.clientConfig(region));

function gmdCalls(since: number): { queries?: number; datapoints?: number; status: number }[] {
  return fake.calls.slice(since).filter((c) => c.operation === 'GetMetricData');
}

describe('CloudWatch GetMetricData', () => {
  it('returns exactly the expected datapoints for 600 queries the caller splits into 500 + 100', async () => {
    const start = T0;
    const end = T0 + 6 * 60 * MINUTE;
    const all = Array.from({ length: 600 }, (_, i) => lambdaQuery(i, 300));
    const before = fake.calls.length;
    const results: MetricDataResult[] = [];
    for (const chunk of [all.slice(0, 500), all.slice(500)]) {
      const out = await cw().send(
        new GetMetricDataCommand({ StartTime: new Date(start), EndTime: new Date(end), MetricDataQueries: chunk.map((q) => q.query) }),
      );
      expect(out.NextToken).toBeUndefined();
      results.push(...(out.MetricDataResults ?? []));
    }
    expect(results).toHaveLength(600);
    let total = 0;
    for (const [i, r] of results.entries()) {
      const q = all[i];
      if (!q) throw new Error('unreachable');
      const want = expectedSeries(q.identity, start, end);
      expect(r.Id).toBe(q.query.Id);
      expect(r.Label).toBe('Errors');
      expect(r.StatusCode).toBe('Complete');
      expect(r.Timestamps?.map((d) => d.getTime())).toEqual(want.t);
      expect(r.Values).toEqual(want.v);
      total += want.t.length;
    }
    expect(total).toBeGreaterThan(600 * 60);
    expect(total).toBeLessThan(600 * 72);
    const calls = gmdCalls(before);
    expect(calls.map((c) => c.queries)).toEqual([500, 100]);
    expect(calls.reduce((n, c) => n + (c.datapoints ?? 0), 0)).toBe(total);
  });

  it('rejects more than 500 queries with ValidationError', async () => {
    const queries = Array.from({ length: 501 }, (_, i) => lambdaQuery(i, 60).query);
    const err = await cw()
      .send(new GetMetricDataCommand({ StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE), MetricDataQueries: queries }))
      .catch((e: unknown) => e);
    // The query code is ValidationError; the SDK maps it onto its modelled ValidationException.
    expect(err).toMatchObject({ name: 'ValidationException', Code: 'ValidationError', $metadata: { httpStatusCode: 400 } });
  });

  it('continues a response over 100,800 datapoints via NextToken, with PartialData until the last page', async () => {
    const start = T0;
    const end = T0 + 40_000 * MINUTE;
    const qs = [0, 1, 2].map((i) => lambdaQuery(i, 60));
    const full = qs.map((q) => expectedSeries(q.identity, start, end));
    const totalPoints = full.reduce((n, s) => n + s.t.length, 0);
    expect(totalPoints).toBeGreaterThan(MAX_DATAPOINTS_PER_RESPONSE);
    const before = fake.calls.length;
    const input = { StartTime: new Date(start), EndTime: new Date(end), MetricDataQueries: qs.map((q) => q.query) };

    const first = await cw().send(new GetMetricDataCommand(input));
    expect(first.NextToken).toBeTruthy();
    expect(first.MetricDataResults?.map((r) => [r.Id, r.StatusCode])).toEqual([
      ['m0', 'Complete'],
      ['m1', 'Complete'],
      ['m2', 'PartialData'],
    ]);
    const firstCount = (first.MetricDataResults ?? []).reduce((n, r) => n + (r.Values?.length ?? 0), 0);
    expect(firstCount).toBe(MAX_DATAPOINTS_PER_RESPONSE);

    const second = await cw().send(new GetMetricDataCommand({ ...input, NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    expect(second.MetricDataResults?.map((r) => [r.Id, r.StatusCode])).toEqual([['m2', 'Complete']]);

    const m2 = [...(first.MetricDataResults?.[2]?.Timestamps ?? []), ...(second.MetricDataResults?.[0]?.Timestamps ?? [])];
    expect(m2.map((d) => d.getTime())).toEqual(full[2]?.t);
    expect(gmdCalls(before).map((c) => c.datapoints)).toEqual([MAX_DATAPOINTS_PER_RESPONSE, totalPoints - MAX_DATAPOINTS_PER_RESPONSE]);
  });

  it('paginates by MaxDatapoints with the SDK paginator, oldest first with ScanBy TimestampAscending', async () => {
    const start = T0;
    const end = T0 + 12 * 60 * MINUTE;
    const qs = [0, 1, 2, 3].map((i) => lambdaQuery(i, 60));
    const merged = new Map<string, { t: number[]; v: number[]; statuses: string[] }>();
    let pages = 0;
    const paginator = paginateGetMetricData(
      { client: cw(), pageSize: 1000 },
      { StartTime: new Date(start), EndTime: new Date(end), MetricDataQueries: qs.map((q) => q.query), ScanBy: 'TimestampAscending' },
    );
    for await (const page of paginator) {
      pages++;
      for (const r of page.MetricDataResults ?? []) {
        const m = merged.get(r.Id ?? '') ?? { t: [], v: [], statuses: [] };
        m.t.push(...(r.Timestamps ?? []).map((d) => d.getTime()));
        m.v.push(...(r.Values ?? []));
        m.statuses.push(r.StatusCode ?? '');
        merged.set(r.Id ?? '', m);
      }
    }
    const total = qs.reduce((n, q) => n + expectedSeries(q.identity, start, end, true).t.length, 0);
    expect(pages).toBe(Math.ceil(total / 1000));
    for (const q of qs) {
      const want = expectedSeries(q.identity, start, end, true);
      const got = merged.get(q.query.Id ?? '');
      expect(got?.t).toEqual(want.t);
      expect(got?.v).toEqual(want.v);
      expect(got?.statuses.at(-1)).toBe('Complete');
      expect(got?.statuses.slice(0, -1).every((s) => s === 'PartialData')).toBe(true);
    }
  });

  it('aligns datapoints to the period, omits ReturnData=false queries and returns empty series where there is no data', async () => {
    const q = lambdaQuery(7, 300);
    const out = await cw().send(
      new GetMetricDataCommand({
        StartTime: new Date(T0 + 7 * MINUTE),
        EndTime: new Date(T0 + 30 * MINUTE),
        MetricDataQueries: [
          { ...q.query, Label: 'fn-7 errors' },
          { ...lambdaQuery(8, 300).query, ReturnData: false },
          { Id: 'e1', Expression: 'SUM(METRICS())' },
        ],
      }),
    );
    const want = expectedSeries(q.identity, T0 + 5 * MINUTE, T0 + 30 * MINUTE);
    expect(out.MetricDataResults?.map((r) => r.Id)).toEqual(['m7', 'e1']);
    expect(out.MetricDataResults?.[0]).toMatchObject({ Label: 'fn-7 errors', Values: want.v, StatusCode: 'Complete' });
    expect(out.MetricDataResults?.[1]).toMatchObject({ Timestamps: [], Values: [], StatusCode: 'Complete' });

    const none = await new CloudWatchClient(fake.clientConfig('us-east-1')).send(
      new GetMetricDataCommand({ StartTime: new Date(T0), EndTime: new Date(T0 + 60 * MINUTE), MetricDataQueries: [q.query] }),
    );
    expect(none.MetricDataResults).toEqual([{ Id: 'm7', Label: 'Errors', Timestamps: [], Values: [], StatusCode: 'Complete' }]);
  });
});
