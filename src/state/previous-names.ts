import { alarmIdentity, alarmNamespace, idScope, logGroupKey, metricFilterNamespace } from '../resolve/identity.js';
import { NO_PREVIOUS_NAMES } from '../resolve/types.js';
import type { PreviousNames } from '../resolve/types.js';
import { namespacedKey } from '../util/name-registry.js';
import type { Manifest } from './manifest.js';

/**
 * What the previous run named, from its manifest, so that a name keeps its holder when a
 * newcomer claims it too. Ids end in the blueprint's id after the last `/` (blueprint ids have
 * none), and begin with the account and region.
 */
export function previousNames(manifest: Manifest | undefined): PreviousNames {
  if (!manifest) return NO_PREVIOUS_NAMES;
  const units = new Map<string, string>();
  const alarms = new Map<string, string>();
  const alarmNames = new Map<string, string>();
  // Every resource's unit: one with no alarms (all turned off by a tag) still has log groups and
  // a dashboard section whose ids begin with it. Manifests before version 4 recorded no resource
  // ids: their units come from the alarms' ids below.
  for (const r of manifest.resources) if (r.id !== undefined) units.set(namespacedKey('', r.id), r.arn);
  for (const a of manifest.alarms) {
    const cut = a.id.lastIndexOf('/');
    const identity = alarmIdentity(a.resource, a.id.slice(cut + 1));
    units.set(namespacedKey('', a.id.slice(0, cut)), a.resource);
    alarms.set(namespacedKey(alarmNamespace(a), a.name), identity);
    alarmNames.set(identity, a.name);
  }
  const composites = new Map(manifest.composites.map((c) => [namespacedKey(alarmNamespace(c), c.name), c.id]));
  const metricFilters = new Map(
    manifest.metricFilters.map((f) => {
      return [namespacedKey(metricFilterNamespace(idScope(f.id), f.logGroup), f.filterName), f.id];
    }),
  );
  const logGroupIds = new Map(manifest.logGroups.map((l) => [logGroupKey(idScope(l.id), l.name), l.id]));
  return { units, logGroupIds, alarms, alarmNames, composites, metricFilters };
}
