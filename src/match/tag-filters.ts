import type { TagPredicate } from '../blueprints/types.js';
import type { TagFilter } from '../config/types.js';

/** Whether a resource's tags satisfy a filter: the tag is present, with one of the values if given. */
export function tagFilterMatches(filter: TagFilter, tags: ReadonlyMap<string, string>): boolean {
  const value = tags.get(filter.tag);
  if (value === undefined) return false;
  return filter.values === undefined || filter.values.includes(value);
}

/** A blueprint predicate: a filter, optionally negated. */
export function tagPredicateHolds(predicate: TagPredicate, tags: ReadonlyMap<string, string>): boolean {
  return tagFilterMatches(predicate, tags) !== (predicate.absent ?? false);
}
