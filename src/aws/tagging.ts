import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import type { TagFilter } from '@aws-sdk/client-resource-groups-tagging-api';
import { listOf, malformed, paginate, stringOf } from '../util/paginate.js';
import type { PageBounds } from '../util/paginate.js';
import type { Clients } from './clients.js';

/** A page-by-page listing of one account and region, as `get-resources` prints it. */
export interface Listing {
  ResourceTagMappingList: { ResourceARN: string; Tags: { Key: string; Value: string }[] }[];
}

const API = 'tag.GetResources';

/**
 * Lists the tagged resources of one account and region (100 per page, all pages), limited to
 * the resource types in use and, where the API can express it, to the configured tags.
 * `onPage` reports progress. Throws when any page fails, breaks a bound (pages, a repeated
 * token, the deadline) or is malformed (no `ResourceTagMappingList`, an entry without an ARN):
 * a partial or doubtful listing is never used, and only a well-formed empty answer is an empty scope.
 */
export async function listResources(
  clients: Clients,
  options: { resourceTypeFilters?: string[]; tagFilters?: TagFilter[]; bounds: PageBounds; onPage?: (resources: number) => void },
): Promise<Listing> {
  const list: Listing['ResourceTagMappingList'] = [];
  const input = {
    ResourcesPerPage: 100,
    ...(options.resourceTypeFilters?.length ? { ResourceTypeFilters: options.resourceTypeFilters } : {}),
    ...(options.tagFilters?.length ? { TagFilters: options.tagFilters } : {}),
  };
  const pages = paginate(
    API,
    options.bounds,
    (token) => clients.tagging.send(new GetResourcesCommand({ ...input, ...(token ? { PaginationToken: token } : {}) }), { abortSignal: options.bounds.signal }),
    (answer) => answer.PaginationToken,
  );
  for await (const { answer, page } of pages) {
    listOf(API, answer, 'ResourceTagMappingList').forEach((m, i) => list.push(toMapping(m, `entry ${i + 1} of page ${page}`)));
    options.onPage?.(list.length);
  }
  return { ResourceTagMappingList: list };
}

/** One entry, checked: an ARN, and tags with a key and a (possibly empty) value each. */
function toMapping(m: unknown, where: string): Listing['ResourceTagMappingList'][number] {
  const arn = stringOf(API, m, 'ResourceARN', where);
  const tags = (m as { Tags?: unknown }).Tags ?? [];
  if (!Array.isArray(tags)) throw malformed(`${API} answered with ${where} (${arn}) whose Tags is not a list`);
  return {
    ResourceARN: arn,
    Tags: tags.map((t: unknown) => {
      const tag = (t ?? {}) as { Key?: unknown; Value?: unknown };
      if (typeof tag.Key !== 'string' || tag.Key === '' || typeof tag.Value !== 'string') throw malformed(`${API} answered with ${where} (${arn}) with a tag without a Key or a Value`);
      return { Key: tag.Key, Value: tag.Value };
    }),
  };
}
