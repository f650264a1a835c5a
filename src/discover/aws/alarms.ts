import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { Clients } from './clients.js';

/** The live alarms whose names start with obsgen's prefix (100 per page, all pages). */
export async function listAlarms(clients: Clients, prefix: string): Promise<MetricAlarm[]> {
  const out: MetricAlarm[] = [];
  for await (const page of paginateDescribeAlarms({ client: clients.cloudwatch }, { AlarmNamePrefix: prefix, MaxRecords: 100, AlarmTypes: ['MetricAlarm'] })) {
    out.push(...(page.MetricAlarms ?? []));
  }
  return out;
}
