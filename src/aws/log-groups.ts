import { paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import type { Clients } from './clients.js';

/** What `describe-log-groups` prints for one log group (the fields obsgen reads). */
export interface LogGroupListing {
  logGroups: { logGroupName: string; arn: string; retentionInDays?: number; creationTime?: number; storedBytes?: number }[];
}

/**
 * Lists existing log groups under each prefix (50 per page, all pages), so generated log
 * groups that exist already are imported rather than created. Prefixes come from the
 * blueprints' log group names (`/aws/lambda/`), so a few calls cover thousands of functions.
 */
export async function listLogGroups(clients: Clients, prefixes: readonly string[], account: string, region: string, partition: string): Promise<LogGroupListing> {
  const seen = new Map<string, LogGroupListing['logGroups'][number]>();
  for (const prefix of minimalPrefixes(prefixes)) {
    for await (const page of paginateDescribeLogGroups({ client: clients.logs }, { ...(prefix ? { logGroupNamePrefix: prefix } : {}), limit: 50 })) {
      for (const g of page.logGroups ?? []) {
        if (!g.logGroupName) continue;
        seen.set(g.logGroupName, {
          logGroupName: g.logGroupName,
          arn: g.arn ?? `arn:${partition}:logs:${region}:${account}:log-group:${g.logGroupName}:*`,
          ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
          ...(g.creationTime !== undefined ? { creationTime: g.creationTime } : {}),
          ...(g.storedBytes !== undefined ? { storedBytes: g.storedBytes } : {}),
        });
      }
    }
  }
  return { logGroups: [...seen.values()].sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1)) };
}

/** Drops prefixes that another prefix already covers (`/aws/` covers `/aws/lambda/`). */
export function minimalPrefixes(prefixes: readonly string[]): string[] {
  const sorted = [...new Set(prefixes)].sort();
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}

/**
 * Few prefixes that cover the names: each name's folder (`/aws/lambda/` for Lambda log groups),
 * so one paginated listing serves all functions of a region.
 */
export function logGroupPrefixes(names: readonly string[]): string[] {
  const prefixes = new Set(names.map((n) => (n.lastIndexOf('/') > 0 ? n.slice(0, n.lastIndexOf('/') + 1) : n)));
  return [...prefixes].sort();
}
