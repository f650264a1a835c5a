/**
 * CloudWatch. The installed client speaks AWS JSON 1.0 (`GraniteServiceVersion20100801.<Op>`) with
 * awsQuery-compatible errors: the query error code travels in `x-amzn-query-error: Code;Sender`.
 * GetMetricData, DescribeAlarms, SetAlarmState.
 */
import type { OpContext, ServiceDef } from './context.js';
import { expiredTokenError, invalidTokenError, validationError } from './errors.js';
import {
  ApiError,
  asArray,
  asDate,
  asNumber,
  asObject,
  asString,
  asStringArray,
  decodeToken,
  encodeToken,
  epochSeconds,
  poisonedToken,
  tokenInt,
} from './protocol.js';
import type { DecodedToken, JsonObject } from './protocol.js';
import type { FakeAlarm, FakeCompositeAlarm, MetricQueryIdentity } from './types.js';
import { FIXTURE_EPOCH_MS } from './types.js';

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

// ---------------------------------------------------------------------------------------------------
// Alarms

const ALARM_TYPES = new Set(['MetricAlarm', 'CompositeAlarm', 'LogAlarm']);
const STATE_VALUES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function stateKey(ctx: OpContext, name: string): string {
  return `${ctx.account}/${ctx.region}/${name}`;
}

function currentState(ctx: OpContext, alarm: FakeAlarm | FakeCompositeAlarm): { value: string; reason: string; reasonData?: string; at: number } {
  const changed = ctx.state.alarmStates.get(stateKey(ctx, alarm.AlarmName));
  if (changed) return { value: changed.StateValue, reason: changed.StateReason, reasonData: changed.StateReasonData, at: changed.at };
  return {
    value: alarm.StateValue ?? 'INSUFFICIENT_DATA',
    reason: alarm.StateReason ?? 'Unchecked: Initial alarm creation',
    at: FIXTURE_EPOCH_MS,
  };
}

function metricAlarm(ctx: OpContext, a: FakeAlarm): JsonObject {
  const state = currentState(ctx, a);
  const statistic = a.Statistic ?? (a.MetricName !== undefined && a.ExtendedStatistic === undefined ? 'Average' : undefined);
  const out: JsonObject = {
    AlarmName: a.AlarmName,
    AlarmArn: a.AlarmArn ?? `arn:aws:cloudwatch:${ctx.region}:${ctx.account}:alarm:${a.AlarmName}`,
    AlarmDescription: a.AlarmDescription,
    AlarmConfigurationUpdatedTimestamp: epochSeconds(FIXTURE_EPOCH_MS),
    ActionsEnabled: a.ActionsEnabled ?? true,
    OKActions: a.OKActions ?? [],
    AlarmActions: a.AlarmActions ?? [],
    InsufficientDataActions: a.InsufficientDataActions ?? [],
    StateValue: state.value,
    StateReason: state.reason,
    StateReasonData: state.reasonData,
    StateUpdatedTimestamp: epochSeconds(state.at),
    StateTransitionedTimestamp: epochSeconds(state.at),
    MetricName: a.MetricName,
    Namespace: a.Namespace,
    Statistic: statistic,
    ExtendedStatistic: a.ExtendedStatistic,
    Dimensions: a.Dimensions ?? [],
    Period: a.Period,
    Unit: a.Unit,
    EvaluationPeriods: a.EvaluationPeriods,
    DatapointsToAlarm: a.DatapointsToAlarm,
    Threshold: a.Threshold,
    ComparisonOperator: a.ComparisonOperator,
    TreatMissingData: a.TreatMissingData,
    Metrics: a.Metrics,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

function compositeAlarm(ctx: OpContext, a: FakeCompositeAlarm): JsonObject {
  const state = currentState(ctx, a);
  const out: JsonObject = {
    AlarmName: a.AlarmName,
    AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ctx.account}:alarm:${a.AlarmName}`,
    AlarmDescription: a.AlarmDescription,
    AlarmRule: a.AlarmRule,
    AlarmConfigurationUpdatedTimestamp: epochSeconds(FIXTURE_EPOCH_MS),
    ActionsEnabled: a.ActionsEnabled ?? true,
    OKActions: a.OKActions ?? [],
    AlarmActions: a.AlarmActions ?? [],
    InsufficientDataActions: [],
    StateValue: state.value,
    StateReason: state.reason,
    StateReasonData: state.reasonData,
    StateUpdatedTimestamp: epochSeconds(state.at),
    StateTransitionedTimestamp: epochSeconds(state.at),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

function describeAlarms(ctx: OpContext, input: JsonObject): unknown {
  const maxRecords = asNumber(input['MaxRecords']) ?? 50;
  if (!Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > 100) {
    throw validationError('cloudwatch', `1 validation error detected: Value '${String(maxRecords)}' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100`);
  }
  const names = asStringArray(input['AlarmNames']);
  const prefix = asString(input['AlarmNamePrefix']);
  if (names && names.length > 0 && prefix !== undefined) {
    throw new ApiError(400, 'com.amazonaws.cloudwatch#InvalidParameterCombinationException', 'AlarmNames and AlarmNamePrefix cannot be used together.', {
      queryCode: 'InvalidParameterCombination',
    });
  }
  if (names && names.length > 100) throw validationError('cloudwatch', 'AlarmNames can include up to 100 names.');
  const types = asStringArray(input['AlarmTypes']);
  for (const t of types ?? []) {
    if (!ALARM_TYPES.has(t)) throw validationError('cloudwatch', `Value '${t}' at 'alarmTypes' failed to satisfy constraint.`);
  }
  const stateValue = asString(input['StateValue']);
  const actionPrefix = asString(input['ActionPrefix']);
  const offset = offsetFrom(decodeToken(asString(input['NextToken'])));

  // Without AlarmTypes only metric alarms are returned; the fixture has no log alarms. Both
  // kinds share one name-ordered listing and its pages.
  const wantMetric = !types || types.length === 0 || types.includes('MetricAlarm');
  const wantComposite = types?.includes('CompositeAlarm') ?? false;
  type Listed = { kind: 'metric'; a: FakeAlarm } | { kind: 'composite'; a: FakeCompositeAlarm };
  const listed: Listed[] = [
    ...(wantMetric ? (ctx.data.alarms ?? []).map((a) => ({ kind: 'metric' as const, a })) : []),
    ...(wantComposite ? (ctx.data.compositeAlarms ?? []).map((a) => ({ kind: 'composite' as const, a })) : []),
  ];
  const alarms = listed
    .filter(({ a }) => (!names || names.length === 0 || names.includes(a.AlarmName)) && (prefix === undefined || a.AlarmName.startsWith(prefix)))
    .filter(({ a }) => stateValue === undefined || currentState(ctx, a).value === stateValue)
    .filter(
      ({ a }) =>
        actionPrefix === undefined ||
        [...(a.AlarmActions ?? []), ...(a.OKActions ?? []), ...('InsufficientDataActions' in a ? (a.InsufficientDataActions ?? []) : [])].some((x) => x.startsWith(actionPrefix)),
    )
    .sort((x, y) => (x.a.AlarmName < y.a.AlarmName ? -1 : x.a.AlarmName > y.a.AlarmName ? 1 : 0));
  const page = alarms.slice(offset, offset + maxRecords);
  const out: JsonObject = { MetricAlarms: page.flatMap((l) => (l.kind === 'metric' ? [metricAlarm(ctx, l.a)] : [])) };
  if (wantComposite) out['CompositeAlarms'] = page.flatMap((l) => (l.kind === 'composite' ? [compositeAlarm(ctx, l.a)] : []));
  if (types?.includes('LogAlarm')) out['LogAlarms'] = [];
  if (ctx.truncate) out['NextToken'] = poisonedToken();
  else if (offset + maxRecords < alarms.length) out['NextToken'] = encodeToken({ o: offset + maxRecords });
  return out;
}

function setAlarmState(ctx: OpContext, input: JsonObject): unknown {
  const name = asString(input['AlarmName']);
  const value = asString(input['StateValue']);
  const reason = asString(input['StateReason']);
  const reasonData = asString(input['StateReasonData']);
  if (!name) throw validationError('cloudwatch', 'The parameter AlarmName is required.');
  if (reason === undefined) throw validationError('cloudwatch', 'The parameter StateReason is required.');
  if (!value || !STATE_VALUES.includes(value)) {
    throw validationError(
      'cloudwatch',
      `1 validation error detected: Value '${value ?? 'null'}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]`,
    );
  }
  if (reasonData !== undefined) {
    try {
      JSON.parse(reasonData);
    } catch {
      throw new ApiError(400, 'com.amazonaws.cloudwatch#InvalidFormatFault', 'StateReasonData is not valid JSON.', { queryCode: 'InvalidFormat' });
    }
  }
  if (![...(ctx.data.alarms ?? []), ...(ctx.data.compositeAlarms ?? [])].some((a) => a.AlarmName === name)) {
    throw new ApiError(404, 'com.amazonaws.cloudwatch#ResourceNotFound', `Alarm ${name} not found`, { queryCode: 'ResourceNotFound' });
  }
  const change = {
    account: ctx.account,
    region: ctx.region,
    AlarmName: name,
    StateValue: value,
    StateReason: reason,
    StateReasonData: reasonData,
    at: Date.now(),
  };
  ctx.state.alarmStates.set(stateKey(ctx, name), change);
  ctx.state.alarmStateChanges.push(change);
  return {};
}

export const cloudwatch: ServiceDef<JsonObject> = {
  name: 'cloudwatch',
  protocol: 'json1.0',
  queryCompatible: true,
  operations: { GetMetricData: getMetricData, DescribeAlarms: describeAlarms, SetAlarmState: setAlarmState },
  paginated: new Set(['GetMetricData', 'DescribeAlarms']),
};
