import { Diagnostics } from '../diagnostics/diagnostic.js';
import { buildInventory } from '../discover/build-inventory.js';
import { mappingsOfListing } from '../discover/inventory-file.js';
import type { Inventory } from '../discover/types.js';
import { ResourceTypes } from '../services/catalog.js';
import type { Manifest } from '../state/manifest.js';
import { compare } from '../util/compare.js';

/**
 * A scope whose discovery did not complete keeps the monitoring it had: its resources (with
 * the tags they had) and known log groups come from the previous manifest instead of the
 * partial listing, so this run regenerates exactly what was there and removes nothing. `types`:
 * the run's resource types (declared ones too), to recognise the recorded ARNs again.
 */
export function keepIncompleteScopes(inventory: Inventory, previous: Manifest | undefined, types: ResourceTypes = ResourceTypes.BUILTIN): { inventory: Inventory; kept: string[] } {
  const incomplete = new Set(inventory.scopes.filter((s) => !s.complete).map((s) => `${s.account}/${s.region}`));
  if (incomplete.size === 0 || !previous) return { inventory, kept: [] };
  const inScope = (x: { account: string; region: string }) => incomplete.has(`${x.account}/${x.region}`);
  const earlier = previous.resources.filter(inScope);
  const listing = { ResourceTagMappingList: earlier.map((r) => ({ ResourceARN: r.arn, Tags: r.tags.map(([Key, Value]) => ({ Key, Value })) })) };
  // These ARNs and tags were valid when recorded; anything odd about them was reported then.
  const restored = buildInventory(mappingsOfListing('previous manifest', listing), new Diagnostics(), [], types);
  const resources = [...inventory.resources.filter((r) => !inScope(r)), ...restored.resources.filter(inScope)].sort((a, b) => compare(a.arn, b.arn));
  const existingLogGroups = [...inventory.existingLogGroups.filter((g) => !inScope(g)), ...previous.existingLogGroups.filter(inScope)];
  return { inventory: { ...inventory, resources, existingLogGroups }, kept: [...incomplete].filter((s) => earlier.some((r) => `${r.account}/${r.region}` === s)).sort(compare) };
}
