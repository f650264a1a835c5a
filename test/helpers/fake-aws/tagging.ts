/**
 * Resource Groups Tagging API (AWS JSON 1.1, `ResourceGroupsTaggingAPI_20170126.<Op>`): GetResources.
 * Why not moto: its GetResources never lists API Gateway stages, Kinesis streams, EventBridge rules
 * or OpenSearch domains, and lists ElastiCache clusters only under its own filter
 * `elasticache:cache_clusters`, not AWS's `elasticache:cluster` (tried with moto 5.2.1).
 */
import type { OpContext, ServiceDef } from './context.js';
import { expiredTokenError, invalidTokenError, validationError } from './errors.js';
import { asArray, asNumber, asObject, asString, asStringArray, decodeToken, encodeToken, poisonedToken, tokenInt } from './protocol.js';
import type { JsonObject } from './protocol.js';
import type { FakeResource } from './types.js';

/** Services whose ARNs carry no resource-type segment, and the type the Tagging API knows them by. */
const IMPLICIT_TYPES: Record<string, string> = { s3: 'bucket', sqs: 'queue', sns: 'topic' };

/** `service` and `resourceType` as ResourceTypeFilters see an ARN. */
export function arnResourceType(arn: string): { service: string; type: string | undefined } {
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  const implicit = IMPLICIT_TYPES[service];
  if (implicit) return { service, type: implicit };
  // API Gateway resources are paths (`::/restapis/<id>/stages/<stage>`): their type is the first segment.
  const resource = parts.slice(5).join(':').replace(/^\//, '');
  const m = /^([^/:]+)[/:]/.exec(resource);
  return { service, type: m ? m[1] : undefined };
}

function matchesTypeFilters(arn: string, filters: string[]): boolean {
  const { service, type } = arnResourceType(arn);
  return filters.some((f) => {
    const [fs, ft] = f.split(':', 2);
    return fs === service && (ft === undefined || ft === type);
  });
}

interface TagFilter {
  Key: string;
  Values?: string[];
}

function matchesTagFilters(resource: FakeResource, filters: TagFilter[]): boolean {
  const tags = resource.Tags ?? [];
  return filters.every((f) =>
    tags.some((t) => t.Key === f.Key && (f.Values === undefined || f.Values.length === 0 || f.Values.includes(t.Value))),
  );
}

function getResources(ctx: OpContext, input: JsonObject): unknown {
  const perPage = asNumber(input['ResourcesPerPage']) ?? 50;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    throw validationError('tagging', 'ResourcesPerPage must be between 1 and 100.');
  }
  const typeFilters = asStringArray(input['ResourceTypeFilters']);
  const tagFilters = (asArray(input['TagFilters']) ?? []).map((f) => {
    const o = asObject(f);
    return { Key: asString(o['Key']) ?? '', Values: asStringArray(o['Values']) };
  });
  if (tagFilters.length > 50) throw validationError('tagging', 'TagFilters can include up to 50 keys.');
  if (tagFilters.some((f) => (f.Values?.length ?? 0) > 20)) {
    throw validationError('tagging', 'Each TagFilter can include up to 20 values.');
  }
  if (typeFilters && typeFilters.length > 100) throw validationError('tagging', 'ResourceTypeFilters can include up to 100 items.');

  const all = ctx.data.resources ?? [];
  const token = decodeToken(asString(input['PaginationToken']));
  if (token.kind === 'expired') throw expiredTokenError('tagging');
  if (token.kind === 'invalid') throw invalidTokenError('tagging');
  const offset = token.kind === 'ok' ? tokenInt(token.payload, 'o') : 0;
  if (offset === undefined) throw invalidTokenError('tagging');

  const matching = all.filter(
    (r) => (!typeFilters || typeFilters.length === 0 || matchesTypeFilters(r.ResourceARN, typeFilters)) && matchesTagFilters(r, tagFilters),
  );
  const page = matching.slice(offset, offset + perPage);
  const more = offset + perPage < matching.length;
  // The service ends a listing with an empty-string PaginationToken, not by omitting it.
  const next = ctx.truncate ? poisonedToken() : more ? encodeToken({ o: offset + perPage }) : '';
  return { PaginationToken: next, ResourceTagMappingList: page.map(mapping) };
}

function mapping(r: FakeResource): JsonObject {
  return { ResourceARN: r.ResourceARN, Tags: r.Tags ?? [] };
}

export const tagging: ServiceDef<JsonObject> = {
  name: 'tagging',
  protocol: 'json1.1',
  operations: { GetResources: getResources },
  paginated: new Set(['GetResources']),
};
