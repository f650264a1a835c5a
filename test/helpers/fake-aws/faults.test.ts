/**
 * Each fault kind, for each service, surfaces in the real SDK client as the error the service sends:
 * the `name`, HTTP status and retry classification below are what the installed clients produce
 * from the fake's responses (the shapes are in errors.ts).
 */
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient, paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
// The classifiers the SDK's retry strategies use (a dependency of every v3 client).
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws } from './index.js';
import type { FakeAws, FaultKind, ServiceName } from './index.js';
import { BASE, PROD, REGION, alarms, logGroups, taggedResources } from './sample-fixture.js';

let fake: FakeAws;
beforeAll(async () => {
  const region = {
    resources: taggedResources(30),
    logGroups: logGroups(10),
    alarms: alarms(10),
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

type Call = (region: string, maxAttempts: number) => Promise<unknown>;

function cfg(region: string, maxAttempts: number) {
  return { ...fake.clientConfig(region), maxAttempts };
}

/** One representative call per service, paginated where the service paginates. */
const CALLS: Record<ServiceName, Call> = {
  tagging: (r, n) => new ResourceGroupsTaggingAPIClient(cfg(r, n)).send(new GetResourcesCommand({ ResourcesPerPage: 10 })),
  logs: (r, n) => new CloudWatchLogsClient(cfg(r, n)).send(new DescribeLogGroupsCommand({ limit: 5 })),
  cloudwatch: (r, n) => new CloudWatchClient(cfg(r, n)).send(new DescribeAlarmsCommand({ MaxRecords: 5 })),
  sts: (r, n) => new STSClient(cfg(r, n)).send(new GetCallerIdentityCommand({})),
  apigateway: (r, n) => new APIGatewayClient(cfg(r, n)).send(new GetRestApisCommand({ limit: 2 })),
  apigatewayv2: (r, n) => new ApiGatewayV2Client(cfg(r, n)).send(new GetApisCommand({ MaxResults: '2' })),
  elbv2: (r, n) => new ElasticLoadBalancingV2Client(cfg(r, n)).send(new DescribeTargetGroupsCommand({ PageSize: 2 })),
};

const EXPECTED: Record<ServiceName, Record<'throttle' | 'server-error' | 'access-denied' | 'opt-in-disabled', [string, number]>> = {
  tagging: {
    throttle: ['ThrottledException', 400],
    'server-error': ['InternalServiceException', 500],
    'access-denied': ['AccessDeniedException', 400],
    'opt-in-disabled': ['UnrecognizedClientException', 400],
  },
  logs: {
    throttle: ['ThrottlingException', 400],
    'server-error': ['ServiceUnavailableException', 500],
    'access-denied': ['AccessDeniedException', 400],
    'opt-in-disabled': ['UnrecognizedClientException', 400],
  },
  cloudwatch: {
    throttle: ['Throttling', 400],
    'server-error': ['InternalServiceFault', 500],
    'access-denied': ['AccessDenied', 403],
    'opt-in-disabled': ['InvalidClientTokenId', 403],
  },
  sts: {
    throttle: ['Throttling', 400],
    'server-error': ['InternalFailure', 500],
    'access-denied': ['AccessDenied', 403],
    'opt-in-disabled': ['InvalidClientTokenId', 403],
  },
  apigateway: {
    throttle: ['TooManyRequestsException', 429],
    'server-error': ['ServiceUnavailableException', 503],
    'access-denied': ['AccessDeniedException', 403],
    'opt-in-disabled': ['UnrecognizedClientException', 403],
  },
  apigatewayv2: {
    throttle: ['TooManyRequestsException', 429],
    'server-error': ['ServiceUnavailableException', 503],
    'access-denied': ['AccessDeniedException', 403],
    'opt-in-disabled': ['UnrecognizedClientException', 403],
  },
  elbv2: {
    throttle: ['Throttling', 400],
    'server-error': ['InternalFailure', 500],
    'access-denied': ['AccessDenied', 403],
    'opt-in-disabled': ['InvalidClientTokenId', 403],
  },
};

const CASES = (Object.keys(EXPECTED) as ServiceName[]).flatMap((service) =>
  (Object.entries(EXPECTED[service]) as [FaultKind, [string, number]][]).map(([kind, [name, status]]) => ({ service, kind, name, status })),
);

describe('fault kinds surface as the services’ real errors', () => {
  it.each(CASES)('$service $kind → $name ($status)', async ({ service, kind, name, status }) => {
    fake.faults.push({ service, kind });
    const before = fake.calls.length;
    const err = await CALLS[service](REGION, 1).catch((e: unknown) => e);
    expect(err).toMatchObject({ name, $metadata: { httpStatusCode: status } });
    const e = err as Parameters<typeof isThrottlingError>[0];
    // The SDK's own classification: throttles are THROTTLING, server errors TRANSIENT, the rest not retried.
    expect(isThrottlingError(e)).toBe(kind === 'throttle');
    expect(isTransientError(e)).toBe(kind === 'server-error');
    expect(isServerError(e)).toBe(false);
    expect(fake.calls.slice(before)).toMatchObject([{ service, fault: kind, status, account: BASE, region: REGION }]);
  });

  it('access-denied messages name the caller and the IAM action', async () => {
    fake.faults.push({ kind: 'access-denied' });
    await expect(CALLS.logs(REGION, 1)).rejects.toThrow(`User: arn:aws:iam::${BASE}:user/fake-aws is not authorized to perform: logs:DescribeLogGroups`);
    await expect(CALLS.apigateway(REGION, 1)).rejects.toThrow(`apigateway:GET on resource: arn:aws:apigateway:${REGION}::/restapis`);
  });
});

describe('operations the fake does not implement', () => {
  it('answer the protocol’s unknown-operation error', async () => {
    await expect(
      new CloudWatchClient(cfg(REGION, 1)).send(new PutMetricAlarmCommand({ AlarmName: 'x', EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanThreshold' })),
    ).rejects.toMatchObject({ name: 'InvalidAction', $metadata: { httpStatusCode: 400 } });
    await expect(new STSClient(cfg(REGION, 1)).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({ name: 'InvalidAction' });
    await expect(new CloudWatchLogsClient(cfg(REGION, 1)).send(new DescribeLogStreamsCommand({ logGroupName: 'x' }))).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
  });
});

describe('fault rules', () => {
  it('scope by region, account, service and operation, and are live', async () => {
    fake.faults.push({ region: 'ap-east-1', kind: 'opt-in-disabled' });
    await expect(CALLS.cloudwatch('ap-east-1', 1)).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(CALLS.cloudwatch(REGION, 1)).resolves.toBeDefined();

    fake.faults.splice(0, fake.faults.length, { account: PROD, kind: 'access-denied' });
    await expect(CALLS.tagging(REGION, 1)).resolves.toBeDefined();
    const prod = new ResourceGroupsTaggingAPIClient({
      endpoint: fake.url,
      region: REGION,
      maxAttempts: 1,
      credentials: { accessKeyId: `AKIA${PROD}TEST`, secretAccessKey: 'x' },
    });
    await expect(prod.send(new GetResourcesCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException' });

    fake.faults.splice(0, fake.faults.length, { service: 'cloudwatch', operation: 'GetMetricData', kind: 'server-error' });
    await expect(CALLS.cloudwatch(REGION, 1)).resolves.toBeDefined();
    const gmd = new CloudWatchClient(cfg(REGION, 1)).send(
      new GetMetricDataCommand({ StartTime: new Date(0), EndTime: new Date(60_000), MetricDataQueries: [{ Id: 'a', Expression: '1' }] }),
    );
    await expect(gmd).rejects.toMatchObject({ name: 'InternalServiceFault' });

    fake.faults.length = 0;
    await expect(CALLS.cloudwatch('ap-east-1', 1)).resolves.toBeDefined();
  });

  it('count limits how many matching calls a rule affects, and the first rule with calls left wins', async () => {
    fake.faults.push({ service: 'sts', kind: 'access-denied', count: 2 }, { service: 'sts', kind: 'server-error', count: 1 });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await CALLS.sts(REGION, 1).then(() => 'ok', (e: Error) => e.name));
    }
    expect(outcomes).toEqual(['AccessDenied', 'AccessDenied', 'InternalFailure', 'ok']);
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
    const c = cfg(REGION, 1);
    const clients = {
      tagging: async (token?: string) =>
        (await new ResourceGroupsTaggingAPIClient(c).send(new GetResourcesCommand({ PaginationToken: token }))).PaginationToken,
      logs: async (token?: string) => (await new CloudWatchLogsClient(c).send(new DescribeLogGroupsCommand({ nextToken: token }))).nextToken,
      cloudwatch: async (token?: string) => (await new CloudWatchClient(c).send(new DescribeAlarmsCommand({ NextToken: token }))).NextToken,
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
    await new CloudWatchClient(cfg(REGION, 1)).send(new SetAlarmStateCommand({ AlarmName: 'legacy-cpu', StateValue: 'OK', StateReason: 'x' }));
    await CALLS.sts(REGION, 1);
    const pages: number[] = [];
    const listing = (async () => {
      for await (const page of paginateGetResources({ client: new ResourceGroupsTaggingAPIClient(cfg(REGION, 1)), pageSize: 10 }, {})) {
        pages.push(page.ResourceTagMappingList?.length ?? 0);
      }
    })();
    await expect(listing).rejects.toMatchObject({ name: 'PaginationTokenExpiredException' });
    expect(pages).toEqual([10]);
  });
});
