import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { parseValidatedJson } from '../diagnostics/schema-errors.js';
import { parseAwsCliOutput } from '../diagnostics/source-document.js';
import type { ExistingLogGroup } from './types.js';

interface RawLogGroups {
  logGroups: { logGroupName: string; arn: string; retentionInDays?: number }[];
}

/**
 * Reads what `aws logs describe-log-groups` prints (JSON, or YAML with `--output yaml`): log groups that already exist (services
 * such as Lambda create theirs on first use), to be imported instead of created. The
 * account and region come from each log group's ARN.
 */
export function parseLogGroupsText(file: string, text: string, diags: Diagnostics): ExistingLogGroup[] {
  const doc = parseValidatedJson(file, text, 'log-groups.schema.json', diags, parseAwsCliOutput);
  return doc ? existingLogGroups(doc.data as RawLogGroups) : [];
}

/** Existing log groups from a `describe-log-groups` listing (read from a file or fetched live). */
export function existingLogGroups(listing: RawLogGroups): ExistingLogGroup[] {
  return listing.logGroups.map((g) => {
    const [, , , region, account] = g.arn.split(':');
    return {
      account: account!,
      region: region!,
      name: g.logGroupName,
      ...(g.retentionInDays !== undefined ? { retentionDays: g.retentionInDays } : {}),
    };
  });
}
