import { parseArn } from '../services/arn.js';
import { recogniseArn, SERVICES } from '../services/registry.js';
import type { EnrichContext, TagMapping } from '../services/service.js';
import type { Listing } from './tagging.js';

/**
 * Runs the enrich hook of every service with entries of its types in the listing, in registry
 * order, so that what ARNs do not carry (a REST API's name, a target group's load balancer) is
 * there as hint tags. A hook's code (and its SDK client) is loaded only when it has work.
 */
export async function enrichListing(context: EnrichContext, listing: Listing): Promise<void> {
  const byType = new Map<string, TagMapping[]>();
  for (const m of listing.ResourceTagMappingList) {
    const type = typeOf(m);
    if (type !== undefined) byType.set(type, [...(byType.get(type) ?? []), m]);
  }
  for (const service of SERVICES) {
    if (!service.enrich) continue;
    const mappings = service.enrich.types.flatMap((t) => byType.get(t) ?? []);
    if (mappings.length > 0) await (await service.enrich.load()).enrich(context, mappings);
  }
}

/** The type an entry is of, recognised or not (yet) monitorable for want of a hint tag. */
function typeOf(m: TagMapping): string | undefined {
  const arn = parseArn(m.ResourceARN);
  const found = arn && recogniseArn(arn, new Map(m.Tags.map((t) => [t.Key, t.Value])));
  if (!found) return undefined;
  return found.recognition.kind === 'unsupported' ? found.recognition.type : found.type.id;
}
