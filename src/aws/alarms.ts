import { DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import type { CompositeAlarm, DescribeAlarmsCommandInput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { malformed, paginate, stringOf } from '../util/paginate.js';
import type { PageBounds } from '../util/paginate.js';
import type { Clients } from './clients.js';

export interface LiveAlarms {
  metric: MetricAlarm[];
  composite: CompositeAlarm[];
}

/** DescribeAlarms allows at most this many names per call. */
const NAMES_PER_CALL = 100;

const API = 'cloudwatch.DescribeAlarms';

/**
 * One list of an answer that asked for both alarm types: a list when present. The service
 * may leave out an empty one, but an answer with neither list says nothing, and is malformed.
 */
function alarmsOf<T>(answer: Record<string, unknown>, member: 'MetricAlarms' | 'CompositeAlarms', page: number): T[] {
  const list = answer[member] ?? [];
  if (!Array.isArray(list)) throw malformed(`${API} answered with a non-list ${member}`);
  list.forEach((a, i) => stringOf(API, a, 'AlarmName', `${member} entry ${i + 1} of page ${page}`));
  return list as T[];
}

async function describe(clients: Clients, input: DescribeAlarmsCommandInput, out: LiveAlarms, bounds: PageBounds): Promise<void> {
  const pages = paginate(
    API,
    bounds,
    (token) => clients.cloudwatch.send(new DescribeAlarmsCommand({ ...input, MaxRecords: 100, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], ...(token ? { NextToken: token } : {}) }), { abortSignal: bounds.signal }),
    (answer) => answer.NextToken,
  );
  for await (const { answer, page } of pages) {
    const fields = answer as unknown as Record<string, unknown>;
    if (fields['MetricAlarms'] === undefined && fields['CompositeAlarms'] === undefined) throw malformed(`${API} answered without MetricAlarms or CompositeAlarms`);
    out.metric.push(...alarmsOf<MetricAlarm>(fields, 'MetricAlarms', page));
    out.composite.push(...alarmsOf<CompositeAlarm>(fields, 'CompositeAlarms', page));
  }
}

/**
 * The live metric and composite alarms whose names start with `prefix` (all pages), plus any
 * of `names` outside that prefix (looked up by name, 100 per call). Read-only. Bounded like
 * every listing; a malformed answer fails it (drift must not report alarms missing that an
 * answer only failed to mention).
 */
export async function listAlarms(clients: Clients, prefix: string, names: readonly string[], bounds: PageBounds): Promise<LiveAlarms> {
  const out: LiveAlarms = { metric: [], composite: [] };
  await describe(clients, { AlarmNamePrefix: prefix }, out, bounds);
  const outside = names.filter((n) => !n.startsWith(prefix));
  for (let i = 0; i < outside.length; i += NAMES_PER_CALL) {
    await describe(clients, { AlarmNames: outside.slice(i, i + NAMES_PER_CALL) }, out, bounds);
  }
  return out;
}

/** Sets an alarm's state until its next evaluation (the one write `gameday` makes). */
export async function setAlarmState(clients: Clients, name: string, state: 'ALARM' | 'OK', reason: string, reasonData: object, signal?: AbortSignal): Promise<void> {
  await clients.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: reason, StateReasonData: JSON.stringify(reasonData) }), { ...(signal ? { abortSignal: signal } : {}) });
}
