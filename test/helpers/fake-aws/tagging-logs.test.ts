import { CloudWatchLogsClient, DescribeLogGroupsCommand, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
} from '@aws-sdk/client-resource-groups-tagging-api';
import type { ResourceTagMapping } from '@aws-sdk/client-resource-groups-tagging-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnResourceType, startFakeAws } from './index.js';
import type { FakeAws } from './index.js';
import { BASE, REGION, logGroups, taggedResources } from './sample-fixture.js';

let fake: FakeAws;
const resources = taggedResources(250);

beforeAll(async () => {
  fake = await startFakeAws({
    baseAccount: BASE,
    accounts: { [BASE]: { regions: { [REGION]: { resources, logGroups: logGroups(60) }, 'us-east-1': {} } } },
  });
});
afterAll(() => fake.stop());

function tagging(region = REGION): ResourceGroupsTaggingAPIClient {
  return new ResourceGroupsTaggingAPIClient(fake.clientConfig(region));
}

function callsOf(operation: string, since: number): number {
  return fake.calls.slice(since).filter((c) => c.operation === operation).length;
}

describe('Tagging API GetResources', () => {
  it('pages through a 250-resource region and ends with an empty-string PaginationToken', async () => {
    const client = tagging();
    const seen: string[] = [];
    const tokens: (string | undefined)[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new GetResourcesCommand({ ResourcesPerPage: 100, PaginationToken: token }));
      seen.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN ?? ''));
      token = page.PaginationToken;
      tokens.push(token);
    } while (token);
    expect(seen).toEqual(resources.map((r) => r.ResourceARN));
    expect(tokens).toHaveLength(3);
    expect(tokens[2]).toBe('');
  });

  it('defaults ResourcesPerPage to 50 and returns once-tagged resources with Tags: []', async () => {
    const before = fake.calls.length;
    const all: ResourceTagMapping[] = [];
    for await (const page of paginateGetResources({ client: tagging() }, {})) all.push(...(page.ResourceTagMappingList ?? []));
    expect(all).toHaveLength(250);
    expect(callsOf('GetResources', before)).toBe(5);
    expect(all[9]).toEqual({ ResourceARN: resources[9]?.ResourceARN, Tags: [] });
  });

  it('applies ResourceTypeFilters and TagFilters (AND across keys, OR across values) through the SDK paginator', async () => {
    const before = fake.calls.length;
    const arns: string[] = [];
    const paginator = paginateGetResources(
      { client: tagging(), pageSize: 7 },
      {
        ResourceTypeFilters: ['lambda:function', 'sqs'],
        TagFilters: [{ Key: 'env', Values: ['prod', 'qa'] }, { Key: 'team' }],
      },
    );
    for await (const page of paginator) arns.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN ?? ''));
    const expected = resources
      .filter((r) => /:(lambda|sqs):/.test(r.ResourceARN))
      .filter((r) => r.Tags?.some((t) => t.Key === 'env' && t.Value === 'prod') && r.Tags.some((t) => t.Key === 'team'))
      .map((r) => r.ResourceARN);
    expect(expected.length).toBeGreaterThan(20);
    expect(arns).toEqual(expected);
    expect(callsOf('GetResources', before)).toBe(Math.ceil(expected.length / 7));
  });

  it('treats sqs, sns and s3 ARNs (no type segment) as queue, topic and bucket', async () => {
    const client = tagging();
    const bySqs = await client.send(new GetResourcesCommand({ ResourceTypeFilters: ['sqs'], ResourcesPerPage: 100 }));
    const bySqsQueue = await client.send(new GetResourcesCommand({ ResourceTypeFilters: ['sqs:queue'], ResourcesPerPage: 100 }));
    const byWrongType = await client.send(new GetResourcesCommand({ ResourceTypeFilters: ['sqs:queue-1'] }));
    expect(bySqs.ResourceTagMappingList).toHaveLength(50);
    expect(bySqsQueue.ResourceTagMappingList).toEqual(bySqs.ResourceTagMappingList);
    expect(byWrongType.ResourceTagMappingList).toEqual([]);
    expect(arnResourceType('arn:aws:s3:::my-bucket')).toEqual({ service: 's3', type: 'bucket' });
    expect(arnResourceType('arn:aws:sns:eu-west-1:1:topic-3')).toEqual({ service: 'sns', type: 'topic' });
    expect(arnResourceType('arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/tg/1')).toEqual({ service: 'elasticloadbalancing', type: 'targetgroup' });
    expect(arnResourceType('arn:aws:lambda:eu-west-1:1:function:fn:alias')).toEqual({ service: 'lambda', type: 'function' });
    expect(arnResourceType('arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod')).toEqual({ service: 'apigateway', type: 'restapis' });
  });

  it('pages a generated region of 5,000 resources quickly, per account and region', async () => {
    const big = await startFakeAws({
      baseAccount: BASE,
      accounts: { [BASE]: { regions: { [REGION]: { resources: taggedResources(5000) }, 'us-east-1': { resources: taggedResources(3, BASE, 'us-east-1') } } } },
    });
    try {
      let n = 0;
      const client = new ResourceGroupsTaggingAPIClient(big.clientConfig(REGION));
      for await (const page of paginateGetResources({ client, pageSize: 100 }, { TagFilters: [{ Key: 'team', Values: ['t1'] }] })) {
        n += page.ResourceTagMappingList?.length ?? 0;
      }
      expect(n).toBe(taggedResources(5000).filter((r) => r.Tags?.some((t) => t.Value === 't1')).length);
      const east = await new ResourceGroupsTaggingAPIClient(big.clientConfig('us-east-1')).send(new GetResourcesCommand({}));
      expect(east.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual(taggedResources(3, BASE, 'us-east-1').map((r) => r.ResourceARN));
    } finally {
      await big.stop();
    }
  });

  it('serves an empty region, and rejects an out-of-range ResourcesPerPage like the service', async () => {
    const empty = await tagging('us-east-1').send(new GetResourcesCommand({}));
    expect(empty).toMatchObject({ ResourceTagMappingList: [], PaginationToken: '' });
    await expect(tagging().send(new GetResourcesCommand({ ResourcesPerPage: 101 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(tagging().send(new GetResourcesCommand({ PaginationToken: 'not-a-token' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

describe('CloudWatch Logs DescribeLogGroups', () => {
  it('pages by limit in name order with a prefix, with ARNs and retention as the service returns them', async () => {
    const before = fake.calls.length;
    const groups: LogGroup[] = [];
    const client = new CloudWatchLogsClient(fake.clientConfig(REGION));
    for await (const page of paginateDescribeLogGroups({ client, pageSize: 25 }, { logGroupNamePrefix: '/aws/lambda/' })) {
      groups.push(...(page.logGroups ?? []));
    }
    expect(callsOf('DescribeLogGroups', before)).toBe(3);
    expect(groups.map((g) => g.logGroupName)).toEqual(Array.from({ length: 60 }, (_, i) => `/aws/lambda/fn-${String(i).padStart(3, '0')}`));
    expect(groups[0]).toMatchObject({
      arn: `arn:aws:logs:${REGION}:${BASE}:log-group:/aws/lambda/fn-000:*`,
      logGroupArn: `arn:aws:logs:${REGION}:${BASE}:log-group:/aws/lambda/fn-000`,
      retentionInDays: 14,
      storedBytes: 0,
    });
    expect(typeof groups[0]?.creationTime).toBe('number');
    expect(groups[1]?.retentionInDays).toBeUndefined();
  });

  it('defaults the limit to 50 and rejects a limit over 50', async () => {
    const client = new CloudWatchLogsClient(fake.clientConfig(REGION));
    const first = await client.send(new DescribeLogGroupsCommand({}));
    expect(first.logGroups).toHaveLength(50);
    expect(first.nextToken).toBeTruthy();
    await expect(client.send(new DescribeLogGroupsCommand({ limit: 51 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('is reachable through AWS_ENDPOINT_URL and the environment credential chain', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, fake.env(REGION));
    delete process.env['AWS_PROFILE'];
    try {
      const client = new CloudWatchLogsClient({});
      const out = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/', limit: 5 }));
      expect(out.logGroups?.map((g) => g.logGroupName)).toEqual(['/ecs/svc-000', '/ecs/svc-001', '/ecs/svc-002', '/ecs/svc-003', '/ecs/svc-004']);
      expect(fake.calls.at(-1)).toMatchObject({ service: 'logs', operation: 'DescribeLogGroups', account: BASE, region: REGION, status: 200 });
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
