import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { listOf, malformed, paginate, stringOf } from '../util/paginate.js';
import type { PageBounds } from '../util/paginate.js';
import type { Clients } from './clients.js';

const API = 'logs.DescribeLogGroups';

/** What `describe-log-groups` prints for one log group (the fields obsgen reads). */
export interface LogGroupListing {
  logGroups: { logGroupName: string; arn: string; retentionInDays?: number; creationTime?: number; storedBytes?: number }[];
}

/**
 * Lists existing log groups under each prefix (50 per page, all pages), so generated log
 * groups that exist already are imported rather than created. Prefixes come from the
 * blueprints' log group names (`/aws/lambda/`), so a few calls cover thousands of functions.
 * Each listing is bounded like every other (pages, repeated tokens, the deadline), and an
 * answer without a `logGroups` list, or a log group without a name, fails the scope: a log
 * group taken for missing would be created again.
 */
export async function listLogGroups(clients: Clients, prefixes: readonly string[], scope: { account: string; region: string; partition: string }, bounds: PageBounds): Promise<LogGroupListing> {
  const { account, region, partition } = scope;
  const seen = new Map<string, LogGroupListing['logGroups'][number]>();
  for (const prefix of minimalPrefixes(prefixes)) {
    const input = { ...(prefix ? { logGroupNamePrefix: prefix } : {}), limit: 50 };
    const pages = paginate(
      API,
      bounds,
      (token) => clients.logs.send(new DescribeLogGroupsCommand({ ...input, ...(token ? { nextToken: token } : {}) }), { abortSignal: bounds.signal }),
      (answer) => answer.nextToken,
    );
    for await (const { answer, page } of pages) {
      for (const [i, entry] of listOf(API, answer, 'logGroups').entries()) {
        const name = stringOf(API, entry, 'logGroupName', `entry ${i + 1} of page ${page}`);
        const g = entry as { arn?: unknown; retentionInDays?: unknown; creationTime?: unknown; storedBytes?: unknown };
        if (g.arn !== undefined && typeof g.arn !== 'string') throw malformed(`${API} answered with log group ${name} whose arn is not a string`);
        for (const member of ['retentionInDays', 'creationTime', 'storedBytes'] as const) {
          if (g[member] !== undefined && !Number.isFinite(g[member])) throw malformed(`${API} answered with log group ${name} whose ${member} is not a number`);
        }
        const numbers = entry as { retentionInDays?: number; creationTime?: number; storedBytes?: number };
        seen.set(name, {
          logGroupName: name,
          arn: typeof g.arn === 'string' ? g.arn : `arn:${partition}:logs:${region}:${account}:log-group:${name}:*`,
          ...(numbers.retentionInDays !== undefined ? { retentionInDays: numbers.retentionInDays } : {}),
          ...(numbers.creationTime !== undefined ? { creationTime: numbers.creationTime } : {}),
          ...(numbers.storedBytes !== undefined ? { storedBytes: numbers.storedBytes } : {}),
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
