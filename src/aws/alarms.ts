import { paginateDescribeAlarms, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import type { CompositeAlarm, DescribeAlarmsCommandInput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { Clients } from './clients.js';

export interface LiveAlarms {
  metric: MetricAlarm[];
  composite: CompositeAlarm[];
}

/** DescribeAlarms allows at most this many names per call. */
const NAMES_PER_CALL = 100;

async function describe(clients: Clients, input: DescribeAlarmsCommandInput, out: LiveAlarms): Promise<void> {
  for await (const page of paginateDescribeAlarms({ client: clients.cloudwatch }, { ...input, MaxRecords: 100, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })) {
    out.metric.push(...(page.MetricAlarms ?? []));
    out.composite.push(...(page.CompositeAlarms ?? []));
  }
}

/**
 * The live metric and composite alarms whose names start with `prefix` (all pages), plus any
 * of `names` outside that prefix (looked up by name, 100 per call). Read-only.
 */
export async function listAlarms(clients: Clients, prefix: string, names: readonly string[] = []): Promise<LiveAlarms> {
  const out: LiveAlarms = { metric: [], composite: [] };
  await describe(clients, { AlarmNamePrefix: prefix }, out);
  const outside = names.filter((n) => !n.startsWith(prefix));
  for (let i = 0; i < outside.length; i += NAMES_PER_CALL) {
    await describe(clients, { AlarmNames: outside.slice(i, i + NAMES_PER_CALL) }, out);
  }
  return out;
}

/** Sets an alarm's state until its next evaluation (the one write `gameday` makes). */
export async function setAlarmState(clients: Clients, name: string, state: 'ALARM' | 'OK', reason: string, reasonData: object): Promise<void> {
  await clients.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: reason, StateReasonData: JSON.stringify(reasonData) }));
}
