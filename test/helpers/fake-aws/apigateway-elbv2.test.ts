import { APIGatewayClient, GetRestApisCommand, paginateGetRestApis } from '@aws-sdk/client-api-gateway';
import type { RestApi } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import type { Api } from '@aws-sdk/client-apigatewayv2';
import { ElasticLoadBalancingV2Client, paginateDescribeTargetGroups } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_EPOCH_MS, startFakeAws } from './index.js';
import type { FakeAws, FakeTargetGroup } from './index.js';
import { BASE, REGION } from './sample-fixture.js';

const lb = (i: number): string => `arn:aws:elasticloadbalancing:${REGION}:${BASE}:loadbalancer/app/alb-${i}/${(1e15 + i).toString(16)}`;
const targetGroups: FakeTargetGroup[] = Array.from({ length: 450 }, (_, i) => ({
  TargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${BASE}:targetgroup/tg-${i}/${(2e15 + i).toString(16)}`,
  LoadBalancerArns: i % 9 === 0 ? [] : [lb(i % 4)],
}));

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({
    baseAccount: BASE,
    accounts: {
      [BASE]: {
        regions: {
          [REGION]: {
            restApis: Array.from({ length: 60 }, (_, i) => ({ id: `r${String(i).padStart(8, '0')}`, name: `rest-${i}` })),
            apis: Array.from({ length: 23 }, (_, i) => ({ ApiId: `h${i}`, Name: `api-${i}`, ProtocolType: i % 3 === 0 ? 'WEBSOCKET' : 'HTTP' })),
            targetGroups,
          },
        },
      },
    },
  });
});
afterAll(() => fake.stop());

describe('API Gateway', () => {
  it('pages GetRestApis (GET /restapis, item/position) with the SDK paginator', async () => {
    const client = new APIGatewayClient(fake.clientConfig(REGION));
    const before = fake.calls.length;
    const apis: RestApi[] = [];
    for await (const page of paginateGetRestApis({ client, pageSize: 25 }, {})) apis.push(...(page.items ?? []));
    expect(apis.map((a) => a.name)).toEqual(Array.from({ length: 60 }, (_, i) => `rest-${i}`));
    expect(apis[0]?.createdDate).toEqual(new Date(FIXTURE_EPOCH_MS));
    expect(apis[0]?.endpointConfiguration?.types).toEqual(['EDGE']);
    expect(fake.calls.slice(before).map((c) => [c.service, c.operation, c.status])).toEqual([
      ['apigateway', 'GetRestApis', 200],
      ['apigateway', 'GetRestApis', 200],
      ['apigateway', 'GetRestApis', 200],
    ]);
    const defaultPage = await client.send(new GetRestApisCommand({}));
    expect(defaultPage.items).toHaveLength(25);
  });

  it('pages GetApis (GET /v2/apis, lowerCamel items/nextToken) by hand: the v2 client has no paginator', async () => {
    const client = new ApiGatewayV2Client(fake.clientConfig(REGION));
    const apis: Api[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new GetApisCommand({ MaxResults: '10', NextToken: token }));
      apis.push(...(page.Items ?? []));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(apis).toHaveLength(23);
    expect(apis[0]).toMatchObject({
      ApiId: 'h0',
      Name: 'api-0',
      ProtocolType: 'WEBSOCKET',
      ApiEndpoint: `wss://h0.execute-api.${REGION}.amazonaws.com`,
      CreatedDate: new Date(FIXTURE_EPOCH_MS),
    });
    expect(apis[1]).toMatchObject({ ProtocolType: 'HTTP', ApiEndpoint: `https://h1.execute-api.${REGION}.amazonaws.com` });
    await expect(client.send(new GetApisCommand({ MaxResults: '0' }))).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});

describe('ELBv2 DescribeTargetGroups', () => {
  it('pages by PageSize/Marker/NextMarker (the SDK paginator ignores pageSize: PageSize goes in the input)', async () => {
    const client = new ElasticLoadBalancingV2Client(fake.clientConfig(REGION));
    const before = fake.calls.length;
    const all: TargetGroup[] = [];
    for await (const page of paginateDescribeTargetGroups({ client }, { PageSize: 200 })) all.push(...(page.TargetGroups ?? []));
    expect(fake.calls.slice(before)).toHaveLength(3);
    expect(all.map((t) => t.TargetGroupArn)).toEqual(targetGroups.map((t) => t.TargetGroupArn));
    expect(all[1]).toMatchObject({ TargetGroupName: 'tg-1', LoadBalancerArns: [lb(1)], Port: 80, Protocol: 'HTTP', TargetType: 'instance' });
    expect(all[0]?.LoadBalancerArns).toEqual([]);
  });
});
