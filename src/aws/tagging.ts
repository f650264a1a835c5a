import { paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import type { ResourceTagMapping, TagFilter } from '@aws-sdk/client-resource-groups-tagging-api';
import type { Clients } from './clients.js';

/** A page-by-page listing of one account and region, as `get-resources` prints it. */
export interface Listing {
  ResourceTagMappingList: { ResourceARN: string; Tags: { Key: string; Value: string }[] }[];
}

/**
 * Lists the tagged resources of one account and region (100 per page, all pages), limited to
 * the resource types in use and, where the API can express it, to the configured tags.
 * `onPage` reports progress. Throws when any page fails: a partial listing is never used.
 */
export async function listResources(
  clients: Clients,
  options: { resourceTypeFilters?: string[]; tagFilters?: TagFilter[]; onPage?: (resources: number) => void },
): Promise<Listing> {
  const list: Listing['ResourceTagMappingList'] = [];
  const pages = paginateGetResources(
    { client: clients.tagging, pageSize: 100 },
    {
      ResourcesPerPage: 100,
      ...(options.resourceTypeFilters?.length ? { ResourceTypeFilters: options.resourceTypeFilters } : {}),
      ...(options.tagFilters?.length ? { TagFilters: options.tagFilters } : {}),
    },
  );
  for await (const page of pages) {
    for (const m of page.ResourceTagMappingList ?? []) list.push(toMapping(m));
    options.onPage?.(list.length);
  }
  return { ResourceTagMappingList: list };
}

function toMapping(m: ResourceTagMapping): Listing['ResourceTagMappingList'][number] {
  return {
    ResourceARN: m.ResourceARN ?? '',
    Tags: (m.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
  };
}
