import { fileURLToPath } from 'node:url';
import { compare } from '../util/compare.js';
import { groupBy } from '../util/group.js';
import { apigateway } from './apigateway/index.js';
import type { Arn } from './arn.js';
import { cloudfront } from './cloudfront/index.js';
import { dynamodb } from './dynamodb/index.js';
import { ec2 } from './ec2/index.js';
import { ecs } from './ecs/index.js';
import { elasticache } from './elasticache/index.js';
import { elasticloadbalancing } from './elasticloadbalancing/index.js';
import { events } from './events/index.js';
import { kinesis } from './kinesis/index.js';
import { lambda } from './lambda/index.js';
import { opensearch } from './opensearch/index.js';
import { rds } from './rds/index.js';
import { s3 } from './s3/index.js';
import type { HintTag, Recognition, ResourceType, Service } from './service.js';
import { sns } from './sns/index.js';
import { sqs } from './sqs/index.js';
import { states } from './states/index.js';

export type { HintTag, Recognition, ResourceType, Service } from './service.js';

/**
 * Every supported AWS service, one line each: adding a service is adding its folder and a
 * line here. Within a service, the order of its types is the order ARNs are tried in.
 */
export const SERVICES: readonly Service[] = [
  lambda,
  sqs,
  dynamodb,
  apigateway,
  elasticloadbalancing,
  rds,
  ecs,
  ec2,
  sns,
  states,
  kinesis,
  elasticache,
  cloudfront,
  events,
  s3,
  opensearch,
];

/** Every supported resource type, in registry order. */
export const RESOURCE_TYPES: readonly ResourceType[] = SERVICES.flatMap((s) => s.types);

const byId = new Map(RESOURCE_TYPES.map((t) => [t.id, t]));
const byArnService = groupBy(RESOURCE_TYPES, (t) => t.service);

/**
 * The built-in blueprint files of every service, as absolute paths sorted by file name: each
 * lives in its service's folder (copied beside the compiled code by the build).
 */
export function builtinBlueprintFiles(): string[] {
  return SERVICES.flatMap((s) => s.blueprints.map((file) => fileURLToPath(new URL(`./${s.id}/${file}`, import.meta.url)))).sort(compare);
}

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
  for (const type of byArnService.get(arn.service) ?? []) {
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
