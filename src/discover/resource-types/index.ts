import { groupBy } from '../../util/group.js';
import type { Arn } from '../arn.js';
import { apigatewayApi, apigatewayRestStage } from './apigateway.js';
import { cloudfrontDistribution } from './cloudfront.js';
import { dynamodbIndex, dynamodbTable } from './dynamodb.js';
import { ec2Instance } from './ec2.js';
import { ecsService } from './ecs.js';
import { elasticacheCluster } from './elasticache.js';
import { applicationLoadBalancer, networkLoadBalancer, targetGroup } from './elasticloadbalancing.js';
import { eventBridgeRule } from './events.js';
import { kinesisStream } from './kinesis.js';
import { lambdaFunction } from './lambda.js';
import { openSearchDomain } from './opensearch.js';
import { auroraCluster, rdsInstance } from './rds.js';
import type { HintTag, Recognition, ResourceType } from './resource-type.js';
import { s3Bucket } from './s3.js';
import { snsTopic } from './sns.js';
import { sqsQueue } from './sqs.js';
import { stepFunctionsStateMachine } from './states.js';

export type { HintTag, Recognition, ResourceType } from './resource-type.js';

/** Every supported resource type. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  lambdaFunction,
  sqsQueue,
  dynamodbTable,
  dynamodbIndex,
  apigatewayRestStage,
  apigatewayApi,
  applicationLoadBalancer,
  networkLoadBalancer,
  targetGroup,
  rdsInstance,
  auroraCluster,
  ecsService,
  ec2Instance,
  snsTopic,
  stepFunctionsStateMachine,
  kinesisStream,
  elasticacheCluster,
  cloudfrontDistribution,
  eventBridgeRule,
  s3Bucket,
  openSearchDomain,
];

const byId = new Map(RESOURCE_TYPES.map((t) => [t.id, t]));
const byService = groupBy(RESOURCE_TYPES, (t) => t.service);

/** The supported type with this id. */
export function resourceType(id: string): ResourceType | undefined {
  return byId.get(id);
}

/** Every documented hint tag, with the types it applies to. */
export function hintTags(): (HintTag & { types: string[] })[] {
  const out = new Map<string, HintTag & { types: string[] }>();
  for (const t of RESOURCE_TYPES) {
    for (const h of t.hintTags ?? []) {
      const entry = out.get(h.tag) ?? { ...h, types: [] };
      entry.types.push(t.id);
      out.set(h.tag, entry);
    }
  }
  return [...out.values()];
}

/** Finds the type module that recognises an ARN; undefined when none does. */
export function recogniseArn(arn: Arn, tags: ReadonlyMap<string, string>): { type: ResourceType; recognition: Recognition } | undefined {
  for (const type of byService.get(arn.service) ?? []) {
    const recognition = type.recognise(arn, tags);
    if (recognition) return { type, recognition };
  }
  return undefined;
}

/** `service:resource-type` as far as it can be read from an unrecognised ARN. */
export function describeUnknownArn(arn: Arn): string {
  const m = /^([A-Za-z0-9-]+)[/:]/.exec(arn.resource);
  return m ? `${arn.service}:${m[1]}` : arn.service;
}
