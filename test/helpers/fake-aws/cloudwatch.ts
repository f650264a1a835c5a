/**
 * CloudWatch. The installed client speaks AWS JSON 1.0 (`GraniteServiceVersion20100801.<Op>`) with
 * awsQuery-compatible errors: the query error code travels in `x-amzn-query-error: Code;Sender`.
 * GetMetricData (moto never pages it, and scans every datapoint for every period: too slow at the
 * volumes tuning reads). DescribeAlarms answers an account without alarms: it is only here for an
 * `answer` fault to replace (real alarms, drift and game days are moto's: drift-gameday.test.ts).
 */
import type { OpContext, ServiceDef } from './context.js';
import { expiredTokenError, invalidTokenError, validationError } from './errors.js';
import { asArray, asDate, asNumber, asObject, asString, decodeToken, encodeToken, epochSeconds, poisonedToken, tokenInt } from './protocol.js';
import type { DecodedToken, JsonObject } from './protocol.js';
import type { MetricQueryIdentity } from './types.js';

/** GetMetricData returns at most this many datapoints per response (and defaults MaxDatapoints to it). */
export const MAX_DATAPOINTS_PER_RESPONSE = 100_800;
export const MAX_METRIC_DATA_QUERIES = 500;

function offsetFrom(token: DecodedToken, key = 'o'): number {
  if (token.kind === 'expired') throw expiredTokenError('cloudwatch');
  if (token.kind === 'invalid') throw invalidTokenError('cloudwatch');
  if (token.kind === 'none') return 0;
  const o = tokenInt(token.payload, key);
  if (o === undefined) throw invalidTokenError('cloudwatch');
  return o;
}

// ---------------------------------------------------------------------------------------------------
// GetMetricData

interface Query {
  id: string;
  label: string;
  metric: MetricQueryIdentity | undefined;
}

function parseQuery(raw: unknown, index: number): Query & { returnData: boolean } {
  const q = asObject(raw);
  const id = asString(q['Id']);
  if (!id) throw validationError('cloudwatch', `The value for parameter MetricDataQueries.member.${index + 1}.Id is required.`);
  const returnData = q['ReturnData'] !== false;
  const stat = q['MetricStat'];
  if (stat === undefined) {
    if (asString(q['Expression']) === undefined) {
      throw validationError('cloudwatch', `Exactly one of MetricStat and Expression must be set for MetricDataQuery ${id}.`);
    }
    // Metric math is not evaluated: an expression's result is empty.
    return { id, label: asString(q['Label']) ?? id, metric: undefined, returnData };
  }
  const ms = asObject(stat);
  const metric = asObject(ms['Metric']);
  const period = asNumber(ms['Period']);
  if (period === undefined || !Number.isInteger(period) || period < 1) {
    throw validationError('cloudwatch', `The value for parameter MetricDataQueries.member.${index + 1}.MetricStat.Period must be a positive integer.`);
  }
  const dimensions: Record<string, string> = {};
  for (const d of asArray(metric['Dimensions']) ?? []) {
    const dim = asObject(d);
    dimensions[asString(dim['Name']) ?? ''] = asString(dim['Value']) ?? '';
  }
  const name = asString(metric['MetricName']) ?? '';
  return {
    id,
    label: asString(q['Label']) ?? name,
    metric: { namespace: asString(metric['Namespace']) ?? '', name, dimensions, stat: asString(ms['Stat']) ?? '', period },
    returnData,
  };
}

function series(ctx: OpContext, q: Query, start: Date, end: Date, descending: boolean): { t: number[]; v: number[] } {
  const t: number[] = [];
  const v: number[] = [];
  const fn = ctx.data.metricValue;
  if (!q.metric || !fn) return { t, v };
  const periodMs = q.metric.period * 1000;
  // Datapoints sit on period boundaries from StartTime rounded down to the period, before EndTime.
  const first = Math.floor(start.getTime() / periodMs) * periodMs;
  for (let ts = first; ts < end.getTime(); ts += periodMs) {
    const value = fn(q.metric, new Date(ts));
    if (value !== undefined && Number.isFinite(value)) {
      t.push(ts);
      v.push(value);
    }
  }
  if (descending) {
    t.reverse();
    v.reverse();
  }
  return { t, v };
}

function getMetricData(ctx: OpContext, input: JsonObject): unknown {
  const rawQueries = asArray(input['MetricDataQueries']) ?? [];
  ctx.record.queries = rawQueries.length;
  if (rawQueries.length === 0) throw validationError('cloudwatch', 'The parameter MetricDataQueries is required.');
  if (rawQueries.length > MAX_METRIC_DATA_QUERIES) {
    throw validationError('cloudwatch', `The collection MetricDataQueries must not have a size greater than ${MAX_METRIC_DATA_QUERIES}.`);
  }
  const start = asDate(input['StartTime']);
  const end = asDate(input['EndTime']);
  if (!start) throw validationError('cloudwatch', 'The parameter StartTime is required.');
  if (!end) throw validationError('cloudwatch', 'The parameter EndTime is required.');
  if (start.getTime() >= end.getTime()) {
    throw validationError('cloudwatch', 'The parameter StartTime must be less than the parameter EndTime.');
  }
  const scanBy = asString(input['ScanBy']) ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw validationError('cloudwatch', `Value '${scanBy}' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]`);
  }
  const maxDatapoints = asNumber(input['MaxDatapoints']) ?? MAX_DATAPOINTS_PER_RESPONSE;
  if (!Number.isInteger(maxDatapoints) || maxDatapoints < 1) {
    throw validationError('cloudwatch', 'The parameter MaxDatapoints must be a positive integer.');
  }
  const parsed = rawQueries.map(parseQuery);
  const ids = new Set<string>();
  for (const q of parsed) {
    if (ids.has(q.id)) throw validationError('cloudwatch', `The values for parameter id in MetricDataQueries are not unique.`);
    ids.add(q.id);
  }
  const queries = parsed.filter((q) => q.returnData);

  const token = decodeToken(asString(input['NextToken']));
  let qi = token.kind === 'ok' ? (tokenInt(token.payload, 'q') ?? -1) : 0;
  let offset = offsetFrom(token);
  if (qi < 0 || qi > queries.length) throw invalidTokenError('cloudwatch');

  let budget = Math.min(maxDatapoints, MAX_DATAPOINTS_PER_RESPONSE);
  let returned = 0;
  let next: string | undefined;
  const results: JsonObject[] = [];
  for (; qi < queries.length; qi++, offset = 0) {
    if (budget === 0) {
      next = encodeToken({ q: qi, o: offset });
      break;
    }
    const q = queries[qi] as Query;
    const s = series(ctx, q, start, end, scanBy === 'TimestampDescending');
    const take = Math.min(budget, Math.max(0, s.t.length - offset));
    const complete = offset + take >= s.t.length;
    results.push({
      Id: q.id,
      Label: q.label,
      Timestamps: s.t.slice(offset, offset + take).map(epochSeconds),
      Values: s.v.slice(offset, offset + take),
      StatusCode: complete ? 'Complete' : 'PartialData',
    });
    budget -= take;
    returned += take;
    if (!complete) {
      next = encodeToken({ q: qi, o: offset + take });
      break;
    }
  }
  ctx.record.datapoints = returned;
  const out: JsonObject = { MetricDataResults: results, Messages: [] };
  if (ctx.truncate) out['NextToken'] = poisonedToken();
  else if (next !== undefined) out['NextToken'] = next;
  return out;
}

export const cloudwatch: ServiceDef<JsonObject> = {
  name: 'cloudwatch',
  protocol: 'json1.0',
  queryCompatible: true,
  operations: { GetMetricData: getMetricData, DescribeAlarms: () => ({ MetricAlarms: [], CompositeAlarms: [] }) },
  paginated: new Set(['GetMetricData']),
};
