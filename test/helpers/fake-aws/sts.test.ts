import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws } from './index.js';
import type { FakeAws } from './index.js';
import { BASE, PROD, REGION } from './sample-fixture.js';

const STAGING = '333333333333';
const ROLE = `arn:aws:iam::${PROD}:role/obsgen-reader`;

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({
    baseAccount: BASE,
    accounts: {
      [BASE]: { regions: { [REGION]: { logGroups: [{ logGroupName: '/base' }] } } },
      [PROD]: { roleName: 'obsgen-reader', externalId: 'ext-123', regions: { [REGION]: { logGroups: [{ logGroupName: '/prod' }] } } },
      [STAGING]: { roleName: 'obsgen-reader', regions: { [REGION]: { logGroups: [{ logGroupName: '/staging' }] } } },
    },
  });
});
afterAll(() => fake.stop());

const stsClient = (): STSClient => new STSClient(fake.clientConfig(REGION));

describe('STS', () => {
  it('identifies the base credentials as the base account', async () => {
    const id = await stsClient().send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: BASE, Arn: `arn:aws:iam::${BASE}:user/fake-aws` });
    expect(id.UserId).toMatch(/^AIDA[0-9A-F]{17}$/);
  });

  it('AssumeRole mints credentials whose later calls are attributed to the assumed account', async () => {
    const out = await stsClient().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'obsgen', ExternalId: 'ext-123', DurationSeconds: 900 }));
    const creds = out.Credentials;
    expect(creds?.AccessKeyId).toMatch(new RegExp(`^ASIA${PROD}[0-9A-Z]{4}$`));
    expect(creds?.Expiration).toBeInstanceOf(Date);
    expect((creds?.Expiration?.getTime() ?? 0) - Date.now()).toBeGreaterThan(890_000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/obsgen-reader/obsgen`);
    expect(fake.calls.at(-1)).toMatchObject({ service: 'sts', operation: 'AssumeRole', account: BASE, region: REGION, status: 200 });

    const credentials = { accessKeyId: creds?.AccessKeyId ?? '', secretAccessKey: creds?.SecretAccessKey ?? '', sessionToken: creds?.SessionToken };
    const logs = new CloudWatchLogsClient({ endpoint: fake.url, region: REGION, credentials });
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((g) => g.logGroupArn)).toEqual([`arn:aws:logs:${REGION}:${PROD}:log-group:/prod`]);
    expect(fake.calls.at(-1)).toMatchObject({ service: 'logs', operation: 'DescribeLogGroups', account: PROD, region: REGION });

    const who = await new STSClient({ endpoint: fake.url, region: REGION, credentials }).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: PROD, Arn: out.AssumedRoleUser?.Arn });
  });

  it('works through fromTemporaryCredentials from @aws-sdk/credential-providers', async () => {
    const client = new CloudWatchLogsClient({
      endpoint: fake.url,
      region: 'us-west-2',
      credentials: fromTemporaryCredentials({
        params: { RoleArn: `arn:aws:iam::${STAGING}:role/obsgen-reader`, RoleSessionName: 'obsgen-discovery' },
        masterCredentials: fake.credentials,
        clientConfig: { endpoint: fake.url, region: REGION },
      }),
    });
    const out = await client.send(new DescribeLogGroupsCommand({}));
    expect(out.logGroups).toEqual([]); // us-west-2 of the staging account has none
    const last = fake.calls.slice(-2);
    expect(last).toMatchObject([
      { service: 'sts', operation: 'AssumeRole', account: BASE, region: REGION, status: 200 },
      { service: 'logs', operation: 'DescribeLogGroups', account: STAGING, region: 'us-west-2', status: 200 },
    ]);
  });

  it.each([
    ['a wrong external id', { RoleArn: ROLE, ExternalId: 'wrong' }],
    ['a missing external id', { RoleArn: ROLE }],
    ['a wrong role name', { RoleArn: `arn:aws:iam::${PROD}:role/admin`, ExternalId: 'ext-123' }],
    ['an account outside the fixture', { RoleArn: 'arn:aws:iam::999999999999:role/obsgen-reader' }],
    ['an account without a role', { RoleArn: `arn:aws:iam::${BASE}:role/obsgen-reader` }],
  ])('refuses AssumeRole with AccessDenied (403) for %s', async (_label, params) => {
    const err = await stsClient()
      .send(new AssumeRoleCommand({ RoleSessionName: 'obsgen', ...params }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    expect((err as Error).message).toBe(`User: arn:aws:iam::${BASE}:user/fake-aws is not authorized to perform: sts:AssumeRole on resource: ${params.RoleArn}`);
  });

  it('rejects access keys it never issued, per protocol', async () => {
    const credentials = { accessKeyId: `ASIA${PROD}ZZZZ`, secretAccessKey: 'x', sessionToken: 'y' };
    await expect(new STSClient({ endpoint: fake.url, region: REGION, credentials }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      new CloudWatchLogsClient({ endpoint: fake.url, region: REGION, credentials }).send(new DescribeLogGroupsCommand({})),
    ).rejects.toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 400 } });
  });

  it('attributes an AKIA<account> key to that account', async () => {
    const credentials = { accessKeyId: `AKIA${STAGING}ABCD`, secretAccessKey: 'x' };
    const out = await new STSClient({ endpoint: fake.url, region: REGION, credentials }).send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe(STAGING);
  });

  it('refuses a request with no Authorization header (403 MissingAuthenticationToken)', async () => {
    const query = await fetch(fake.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(query.status).toBe(403);
    expect(await query.text()).toContain('<Code>MissingAuthenticationToken</Code>');

    const json = await fetch(fake.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms' },
      body: '{}',
    });
    expect(json.status).toBe(403);
    expect(json.headers.get('x-amzn-query-error')).toBe('MissingAuthenticationToken;Sender');
    expect(fake.calls.at(-1)).toMatchObject({ service: 'cloudwatch', operation: 'DescribeAlarms', account: '', status: 403 });

    const unknown = await fetch(`${fake.url}/nothing-here`);
    expect(unknown.status).toBe(404);
  });
});
