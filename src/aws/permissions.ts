import type { Permission } from '../services/service.js';

/**
 * What the live source itself calls, whatever the services: the resource listing
 * (tagging.ts), metric history and drift (metric-data.ts, alarms.ts) and existing log groups
 * (log-groups.ts). Services' enrich hooks add theirs; the README's read-only policy is made from
 * both, and a test checks it against every call in the code.
 */
export const CORE_PERMISSIONS: readonly Permission[] = [
  { actions: ['tag:GetResources', 'cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'logs:DescribeLogGroups'] },
];
