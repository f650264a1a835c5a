import type { Blueprint } from '../blueprints/types.js';
import { allAlarmSpecs } from '../blueprints/types.js';
import { tagsReadBy } from '../blueprints/template-tags.js';
import type { Config } from '../config/types.js';
import { TAG_PREFIX } from '../match/overrides.js';

/** Whether a tag key can change what a run generates. */
export type OutputTags = (key: string) => boolean;

/**
 * The tag keys that can change the output under this config and these blueprints: the
 * application and environment keys, the filters' and blueprints' match keys, tags a tuning
 * policy reads, tags a template reads, and every `obsgen:` tag (overrides and the hint tags
 * that recognise a resource). The manifest records only these, and the inputs fingerprint
 * hashes only these, so a tag that shapes nothing (`Owner`, a `git-sha` stamped on every
 * resource) is not a change: no `changed: true`, no `--check` failure, no manifest-only diff.
 *
 * The recorded tags are also what a scope discovery could not read is rebuilt from
 * (src/safety/incomplete-scopes.ts): these are exactly the tags that rebuild it as it was.
 * When a template reads the tags as a whole (`{{#each tags}}`), every tag counts.
 */
export function outputTags(config: Config, blueprints: readonly Blueprint[]): OutputTags {
  const keys = new Set<string>([...config.tags.application, ...config.tags.environment]);
  for (const f of [...config.filters.include, ...config.filters.exclude]) keys.add(f.tag);
  for (const policy of config.tuning.policies.values()) if (policy.tag) keys.add(policy.tag);
  let all = false;
  const read = (source: string) => {
    const r = tagsReadBy(source);
    for (const k of r.keys) keys.add(k);
    all ||= r.all;
  };
  read(config.naming.alarmName);
  for (const b of blueprints) {
    for (const p of b.match.tags) keys.add(p.tag);
    for (const a of allAlarmSpecs(b)) if (a.tuning?.tag) keys.add(a.tuning.tag);
    // Every string of the blueprint that may be a template: walking them all, rather than
    // naming the template fields, keeps a field added later from being missed.
    forEachString(b, read);
  }
  return all ? () => true : (key) => key.startsWith(TAG_PREFIX) || keys.has(key);
}

/** Calls `f` on every string in a blueprint's data (not its source positions, `at`). */
function forEachString(value: unknown, f: (s: string) => void): void {
  if (typeof value === 'string') f(value);
  else if (Array.isArray(value)) for (const v of value) forEachString(v, f);
  else if (value && typeof value === 'object' && !(value instanceof RegExp)) {
    for (const [key, v] of Object.entries(value)) if (key !== 'at') forEachString(v, f);
  }
}
