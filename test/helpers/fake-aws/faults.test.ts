/**
 * The fake's fault rules: what moto and its proxy cannot give (moto-proxy.test.ts has throttling,
 * server errors, access denied and unknown credentials). `answer` sends any body, `truncate` a
 * pagination token whose next use fails as expired; `slow` is in slow.test.ts.
 */
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient, paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws } from './index.js';
import type { FakeAws, ServiceName } from './index.js';
import { BASE, PROD, REGION, logGroups, taggedResources } from './sample-fixture.js';

let fake: FakeAws;
beforeAll(async () => {
  const region = {
    resources: taggedResources(30),
    logGroups: logGroups(10),
    restApis: Array.from({ length: 3 }, (_, i) => ({ id: `r${i}`, name: `rest-${i}` })),
    apis: Array.from({ length: 3 }, (_, i) => ({ ApiId: `h${i}`, Name: `api-${i}`, ProtocolType: 'HTTP' as const })),
    targetGroups: Array.from({ length: 3 }, (_, i) => ({
      TargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${BASE}:targetgroup/tg-${i}/1`,
      LoadBalancerArns: [],
    })),
    metricValue: () => 1,
  };
  fake = await startFakeAws({
    baseAccount: BASE,
    accounts: { [BASE]: { regions: { [REGION]: region, 'ap-east-1': region } }, [PROD]: { regions: { [REGION]: region } } },
  });
});
afterAll(() => fake.stop());
afterEach(() => {
  fake.faults.length = 0;
});

function cfg(region: string) {
  return { ...fake.clientConfig(region), maxAttempts: 1 };
}

const logGroupNames = async (region = REGION) => ((await new CloudWatchLogsClient(cfg(region)).send(new DescribeLogGroupsCommand({ limit: 5 }))).logGroups ?? []).map((g) => g.logGroupName);
const answered = (name: string) => ({ logGroups: [{ logGroupName: name }] });

describe('operations the fake does not implement', () => {
  it('answer the protocol’s unknown-operation error', async () => {
    await expect(
      new CloudWatchClient(cfg(REGION)).send(new PutMetricAlarmCommand({ AlarmName: 'x', EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanThreshold' })),
    ).rejects.toMatchObject({ name: 'InvalidAction', $metadata: { httpStatusCode: 400 } });
    await expect(new STSClient(cfg(REGION)).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({ name: 'InvalidAction' });
    await expect(new CloudWatchLogsClient(cfg(REGION)).send(new DescribeLogStreamsCommand({ logGroupName: 'x' }))).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
  });
});

describe('fault rules', () => {
  it('answer: any body in place of the operation’s, given the call number', async () => {
    fake.faults.push({ service: 'tagging', operation: 'GetResources', kind: 'answer', answer: (n) => ({ PaginationToken: `page-${n + 1}`, ResourceTagMappingList: 'none' }) });
    const tagging = new ResourceGroupsTaggingAPIClient(cfg(REGION));
    expect(await tagging.send(new GetResourcesCommand({}))).toMatchObject({ PaginationToken: 'page-2', ResourceTagMappingList: 'none' });
    expect(await tagging.send(new GetResourcesCommand({ PaginationToken: 'page-2' }))).toMatchObject({ PaginationToken: 'page-3' });
    expect(fake.calls.slice(-2)).toMatchObject([
      { service: 'tagging', fault: 'answer', status: 200 },
      { service: 'tagging', fault: 'answer', status: 200 },
    ]);
    // DescribeAlarms answers an empty account, unless a rule answers for it.
    expect(await new CloudWatchClient(cfg(REGION)).send(new DescribeAlarmsCommand({}))).toMatchObject({ MetricAlarms: [], CompositeAlarms: [] });
  });

  it('scope by region, account, service and operation, and are live', async () => {
    fake.faults.push({ region: 'ap-east-1', service: 'logs', kind: 'answer', answer: () => answered('in ap-east-1') });
    expect(await logGroupNames('ap-east-1')).toEqual(['in ap-east-1']);
    expect(await logGroupNames()).toHaveLength(5);

    fake.faults.splice(0, fake.faults.length, { account: PROD, kind: 'answer', answer: () => ({ ResourceTagMappingList: [] }) });
    expect((await new ResourceGroupsTaggingAPIClient(cfg(REGION)).send(new GetResourcesCommand({}))).ResourceTagMappingList).toHaveLength(30);
    const prod = new ResourceGroupsTaggingAPIClient({ endpoint: fake.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: `AKIA${PROD}TEST`, secretAccessKey: 'x' } });
    expect((await prod.send(new GetResourcesCommand({}))).ResourceTagMappingList).toEqual([]);

    fake.faults.splice(0, fake.faults.length, { service: 'cloudwatch', operation: 'GetMetricData', kind: 'answer', answer: () => ({}) });
    expect(await new CloudWatchClient(cfg(REGION)).send(new DescribeAlarmsCommand({}))).toMatchObject({ MetricAlarms: [] });
    const gmd = await new CloudWatchClient(cfg(REGION)).send(
      new GetMetricDataCommand({ StartTime: new Date(0), EndTime: new Date(60_000), MetricDataQueries: [{ Id: 'a', Expression: '1' }] }),
    );
    expect(gmd.MetricDataResults).toBeUndefined();

    fake.faults.length = 0;
    expect(await logGroupNames('ap-east-1')).toHaveLength(5);
  });

  it('count limits how many matching calls a rule affects, and the first rule with calls left wins', async () => {
    fake.faults.push({ service: 'logs', kind: 'answer', count: 2, answer: () => answered('first') }, { service: 'logs', kind: 'answer', count: 1, answer: () => answered('second') });
    const names: (string | undefined)[][] = [];
    for (let i = 0; i < 4; i++) names.push(await logGroupNames());
    expect(names.slice(0, 3)).toEqual([['first'], ['first'], ['second']]);
    expect(names[3]).toHaveLength(5);
    expect(fake.calls.slice(-4).map((c) => c.fault ?? 'none')).toEqual(['answer', 'answer', 'answer', 'none']);
  });

  it.each([
    ['tagging', 'PaginationTokenExpiredException'],
    ['logs', 'InvalidParameterException'],
    ['cloudwatch', 'InvalidNextToken'],
    ['apigateway', 'BadRequestException'],
    ['apigatewayv2', 'BadRequestException'],
    ['elbv2', 'ValidationError'],
  ] as [ServiceName, string][])('truncate: a %s page carries a token whose next page fails with %s', async (service, name) => {
    fake.faults.push({ service, kind: 'truncate', count: 1 });
    const c = cfg(REGION);
    const gmd = (token?: string) =>
      new CloudWatchClient(c).send(
        new GetMetricDataCommand({
          StartTime: new Date(0),
          EndTime: new Date(600_000),
          NextToken: token,
          MetricDataQueries: [{ Id: 'a', MetricStat: { Metric: { Namespace: 'N', MetricName: 'M' }, Period: 60, Stat: 'Sum' } }],
        }),
      );
    const clients = {
      tagging: async (token?: string) =>
        (await new ResourceGroupsTaggingAPIClient(c).send(new GetResourcesCommand({ PaginationToken: token }))).PaginationToken,
      logs: async (token?: string) => (await new CloudWatchLogsClient(c).send(new DescribeLogGroupsCommand({ nextToken: token }))).nextToken,
      cloudwatch: async (token?: string) => (await gmd(token)).NextToken,
      apigateway: async (token?: string) => (await new APIGatewayClient(c).send(new GetRestApisCommand({ position: token }))).position,
      apigatewayv2: async (token?: string) => (await new ApiGatewayV2Client(c).send(new GetApisCommand({ NextToken: token }))).NextToken,
      elbv2: async (token?: string) =>
        (await new ElasticLoadBalancingV2Client(c).send(new DescribeTargetGroupsCommand({ Marker: token }))).NextMarker,
      sts: async () => undefined,
    } satisfies Record<ServiceName, (token?: string) => Promise<string | undefined>>;
    // Every page of these fits in one response: without the fault there would be no token at all.
    const token = await clients[service]();
    expect(token).toBeTruthy();
    await expect(clients[service](token)).rejects.toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
    expect(fake.calls.at(-2)).toMatchObject({ service, fault: 'truncate', status: 200 });
  });

  it('truncate breaks the SDK paginator mid-listing, and leaves operations without pagination alone', async () => {
    fake.faults.push({ kind: 'truncate', count: 1 });
    await new CloudWatchClient(cfg(REGION)).send(new DescribeAlarmsCommand({}));
    await new STSClient(cfg(REGION)).send(new GetCallerIdentityCommand({}));
    const pages: number[] = [];
    const listing = (async () => {
      for await (const page of paginateGetResources({ client: new ResourceGroupsTaggingAPIClient(cfg(REGION)), pageSize: 10 }, {})) {
        pages.push(page.ResourceTagMappingList?.length ?? 0);
      }
    })();
    await expect(listing).rejects.toMatchObject({ name: 'PaginationTokenExpiredException' });
    expect(pages).toEqual([10]);
  });
});
