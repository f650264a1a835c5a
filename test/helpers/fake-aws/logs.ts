/**
 * CloudWatch Logs (AWS JSON 1.1, `Logs_20140328.<Op>`): DescribeLogGroups. moto serves it too; here because
 * a run on the fake reads everything from one endpoint (beside listings moto cannot make).
 */
import type { OpContext, ServiceDef } from './context.js';
import { expiredTokenError, invalidTokenError, validationError } from './errors.js';
import { asNumber, asString, decodeToken, encodeToken, poisonedToken, tokenInt } from './protocol.js';
import type { JsonObject } from './protocol.js';
import { FIXTURE_EPOCH_MS } from './types.js';

function describeLogGroups(ctx: OpContext, input: JsonObject): unknown {
  const limit = asNumber(input['limit']) ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    throw validationError('logs', `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`);
  }
  const prefix = asString(input['logGroupNamePrefix']);
  const token = decodeToken(asString(input['nextToken']));
  if (token.kind === 'expired') throw expiredTokenError('logs');
  if (token.kind === 'invalid') throw invalidTokenError('logs');
  const offset = token.kind === 'ok' ? tokenInt(token.payload, 'o') : 0;
  if (offset === undefined) throw invalidTokenError('logs');

  // The service lists log groups in name order.
  const groups = [...(ctx.data.logGroups ?? [])]
    .filter((g) => prefix === undefined || g.logGroupName.startsWith(prefix))
    .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : a.logGroupName > b.logGroupName ? 1 : 0));
  const page = groups.slice(offset, offset + limit);
  const more = offset + limit < groups.length;
  const out: JsonObject = {
    logGroups: page.map((g) => {
      const arn = `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${g.logGroupName}`;
      return {
        logGroupName: g.logGroupName,
        creationTime: g.creationTime ?? FIXTURE_EPOCH_MS,
        ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
        metricFilterCount: 0,
        arn: `${arn}:*`,
        logGroupArn: arn,
        storedBytes: g.storedBytes ?? 0,
        ...(g.kmsKeyId !== undefined ? { kmsKeyId: g.kmsKeyId } : {}),
        logGroupClass: g.logGroupClass ?? 'STANDARD',
      };
    }),
  };
  if (ctx.truncate) out['nextToken'] = poisonedToken();
  else if (more) out['nextToken'] = encodeToken({ o: offset + limit });
  return out;
}

export const logs: ServiceDef<JsonObject> = {
  name: 'logs',
  protocol: 'json1.1',
  operations: { DescribeLogGroups: describeLogGroups },
  paginated: new Set(['DescribeLogGroups']),
};
