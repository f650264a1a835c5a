import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Resource } from '../discover/types.js';
import { compare } from '../util/compare.js';
import { TAG_PREFIX } from './overrides.js';

/** The value of the first of `keys` a resource has (an empty value counts as none). */
export function tagOf(tags: ReadonlyMap<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = tags.get(key);
    if (value) return value;
  }
  return undefined;
}

type Concept = 'application' | 'environment';

/**
 * Spellings of each concept in common use, compared without case and punctuation: AWS's
 * tagging guidance writes `Application` and `Environment`, teams write `app`, `env`,
 * `app-name`, `stage`. A resource without the configured key but with one of these most
 * likely means the key, spelled another way.
 */
const SPELLINGS: Record<Concept, readonly string[]> = {
  application: ['app', 'application', 'appname', 'applicationname', 'appid', 'applicationid'],
  environment: ['env', 'environment', 'envname', 'environmentname', 'stage'],
};

/** A key without case, punctuation or a namespace (`acme:Application` → `application`). */
function normalised(key: string): string {
  return (key.split(/[:/]/).pop() ?? key).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Warns about tag keys that look like the configured application or environment key spelled
 * another way, on resources that lack the configured key: without the warning they all land
 * in the default application (or have no environment), silently. One warning per spelling,
 * at its first resource, with the config line that accepts it.
 */
export function checkTagSpellings(resources: readonly Resource[], config: Config, diags: Diagnostics): void {
  for (const concept of ['application', 'environment'] as const) {
    const configured = config.tags[concept];
    const alike = new Set([...SPELLINGS[concept], ...configured.map(normalised)]);
    const found = new Map<string, string[]>();
    for (const r of resources) {
      if (tagOf(r.tags, configured) !== undefined) continue;
      for (const [key, value] of r.tags) {
        if (value === '' || key.startsWith(TAG_PREFIX) || key.startsWith('aws:') || configured.includes(key) || !alike.has(normalised(key))) continue;
        const arns = found.get(key) ?? [];
        arns.push(r.arn);
        found.set(key, arns);
      }
    }
    for (const [key, arns] of [...found].sort((a, b) => compare(a[0], b[0]))) {
      const first = arns.sort(compare)[0]!;
      const count = arns.length === 1 ? 'this resource has' : `${arns.length} resources (this is the first) have`;
      const effect = concept === 'application' ? `so ${arns.length === 1 ? 'it is' : 'they are'} in application ${JSON.stringify(config.tags.defaultApplication)}` : `so ${arns.length === 1 ? 'it has' : 'they have'} no environment`;
      const keys = [...configured, key].map((k) => JSON.stringify(k)).join(', ');
      diags.warning(
        `${count} no ${configured.map((k) => JSON.stringify(k)).join(' or ')} tag but ${arns.length === 1 ? 'is' : 'are'} tagged ${JSON.stringify(key)}, ${effect}. Fix: tags: { ${concept}: [${keys}] } in the config, or tag ${arns.length === 1 ? 'it' : 'them'} ${JSON.stringify(configured[0])}.`,
        { arn: first, tag: key },
      );
    }
  }
}
