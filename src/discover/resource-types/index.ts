import type { Arn } from '../arn.js';
import { dynamodbTable } from './dynamodb-table.js';
import { lambdaFunction } from './lambda-function.js';
import type { Recognition, ResourceType } from './resource-type.js';
import { sqsQueue } from './sqs-queue.js';
import { groupBy } from '../../util/group.js';

export type { Recognition, ResourceType } from './resource-type.js';

/** Every supported resource type. */
export const RESOURCE_TYPES: readonly ResourceType[] = [lambdaFunction, sqsQueue, dynamodbTable];

const byId = new Map(RESOURCE_TYPES.map((t) => [t.id, t]));
const byService = groupBy(RESOURCE_TYPES, (t) => t.service);

/** The supported type with this id. */
export function resourceType(id: string): ResourceType | undefined {
  return byId.get(id);
}

/** Finds the type module that recognises an ARN; `undefined` type when none does. */
export function recogniseArn(arn: Arn): { type: ResourceType; recognition: Recognition } | undefined {
  for (const type of byService.get(arn.service) ?? []) {
    const recognition = type.recognise(arn);
    if (recognition) return { type, recognition };
  }
  return undefined;
}

/** `service:resource-type` as far as it can be read from an unrecognised ARN. */
export function describeUnknownArn(arn: Arn): string {
  const m = /^([A-Za-z0-9-]+)[/:]/.exec(arn.resource);
  return m ? `${arn.service}:${m[1]}` : arn.service;
}
