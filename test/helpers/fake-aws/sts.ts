/**
 * STS (awsQuery, XML in the `https://sts.amazonaws.com/doc/2011-06-15/` namespace): AssumeRole, GetCallerIdentity.
 * moto serves it too; here because the calls a run on the fake makes must be attributed to the accounts
 * of the fake's fixture (moto's keys belong to moto's accounts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OpContext, ServiceDef } from './context.js';
import { validationError } from './errors.js';
import { ApiError } from './protocol.js';
import type { QueryParams, XmlObject } from './protocol.js';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Access keys minted by AssumeRole are `ASIA` + the 12-digit account + a 4-character serial. */
export const ASSUMED_KEY_PATTERN = /^ASIA(\d{12})[0-9A-Z]{4}$/;

function uniqueId(prefix: string, seed: string): string {
  return prefix + createHash('sha256').update(seed).digest('hex').slice(0, 17).toUpperCase();
}

function assumeRole(ctx: OpContext, p: QueryParams): XmlObject {
  const roleArn = p.get('RoleArn');
  const sessionName = p.get('RoleSessionName');
  const externalId = p.get('ExternalId');
  const duration = p.number('DurationSeconds') ?? 3600;
  if (!roleArn) throw validationError('sts', "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  if (!sessionName || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw validationError(
      'sts',
      `1 validation error detected: Value '${sessionName ?? 'null'}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw validationError('sts', `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
  }
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  const target = m?.[1] ?? '';
  const roleName = m?.[2] ?? '';
  const account = ctx.fixture.accounts[target];
  const allowed =
    m !== null &&
    account !== undefined &&
    account.roleName !== undefined &&
    account.roleName === roleName &&
    (account.externalId === undefined || account.externalId === externalId);
  if (!allowed) {
    throw new ApiError(403, 'AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const serial = ctx.state.nextCredentialSerial++;
  const accessKeyId = `ASIA${target}${serial.toString(36).toUpperCase().padStart(4, '0')}`;
  const secretAccessKey = randomBytes(30).toString('base64');
  const sessionToken = `FQoGZXIvYXdzEFAKE${randomBytes(48).toString('base64')}`;
  const expiration = new Date(Math.floor(Date.now() / 1000) * 1000 + duration * 1000);
  ctx.state.issued.set(accessKeyId, { account: target, roleName, sessionName, secretAccessKey, sessionToken, expiration });
  return {
    Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, Expiration: expiration },
    AssumedRoleUser: {
      AssumedRoleId: `${uniqueId('AROA', `${target}:${roleName}`)}:${sessionName}`,
      Arn: `arn:aws:sts::${target}:assumed-role/${roleName}/${sessionName}`,
    },
  };
}

function getCallerIdentity(ctx: OpContext): XmlObject {
  return { UserId: ctx.caller.userId, Account: ctx.caller.account, Arn: ctx.caller.arn };
}

export const sts: ServiceDef<QueryParams> = {
  name: 'sts',
  protocol: 'query',
  xmlns: STS_XMLNS,
  operations: { AssumeRole: assumeRole, GetCallerIdentity: getCallerIdentity },
  paginated: new Set(),
};

export { uniqueId };
