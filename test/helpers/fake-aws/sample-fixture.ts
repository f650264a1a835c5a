/** Generated fixtures for the fake-aws tests (and for anyone who wants a big, varied region quickly). */
import type { FakeLogGroup, FakeResource } from './types.js';

export const BASE = '111111111111';
export const PROD = '222222222222';
export const REGION = 'eu-west-1';

const KINDS = [
  (acct: string, region: string, i: number) => `arn:aws:lambda:${region}:${acct}:function:fn-${i}`,
  (acct: string, region: string, i: number) => `arn:aws:sqs:${region}:${acct}:queue-${i}`,
  (acct: string, region: string, i: number) => `arn:aws:dynamodb:${region}:${acct}:table/table-${i}`,
  (acct: string, region: string, i: number) => `arn:aws:sns:${region}:${acct}:topic-${i}`,
  (acct: string, region: string, i: number) => `arn:aws:elasticloadbalancing:${region}:${acct}:loadbalancer/app/alb-${i}/${(1e15 + i).toString(16)}`,
];

/**
 * `n` resources cycling through Lambda functions, SQS queues, DynamoDB tables, SNS topics and ALBs,
 * tagged `env` = prod (even i) / staging (odd i) and `team` = t0…t2 (i % 3); every tenth resource
 * (i % 10 === 9) was once tagged and now has `Tags: []`.
 */
export function taggedResources(n: number, acct = BASE, region = REGION): FakeResource[] {
  return Array.from({ length: n }, (_, i) => {
    const arn = (KINDS[i % KINDS.length] as (a: string, r: string, i: number) => string)(acct, region, i);
    if (i % 10 === 9) return { ResourceARN: arn, Tags: [] };
    return {
      ResourceARN: arn,
      Tags: [
        { Key: 'env', Value: i % 2 === 0 ? 'prod' : 'staging' },
        { Key: 'team', Value: `t${i % 3}` },
      ],
    };
  });
}

/** `n` Lambda log groups and `n` ECS log groups, in shuffled order; every third has a retention. */
export function logGroups(n: number): FakeLogGroup[] {
  const out: FakeLogGroup[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ logGroupName: `/ecs/svc-${String(i).padStart(3, '0')}` });
    out.push({ logGroupName: `/aws/lambda/fn-${String(i).padStart(3, '0')}`, ...(i % 3 === 0 ? { retentionInDays: 14 } : {}) });
  }
  return out.reverse();
}
