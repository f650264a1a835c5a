import { compare } from './compare.js';
import { sha256 } from './hash.js';

/** One claimant of a name in a namespace. */
export interface NameClaim {
  /** The name it would have on its own. */
  name: string;
  /** Where names must differ (e.g. an account and region for alarm names); default: one namespace for all. */
  namespace?: string;
  /**
   * What it is, stably across runs (an ARN, a stable id): orders the claimants of one name and
   * is hashed into the name of those that do not get it. Unique among the claims.
   */
  identity: string;
  /**
   * The name came out of its template unaltered. A name that had to be cleaned or cut to be
   * valid gives way to one that did not: `pay_ments` keeps its name, `pay"ments` (cleaned to
   * the same) is told apart.
   */
  exact?: boolean;
}

/** What a namespace allows, and what it had before. */
export interface NamespaceRules {
  /** Which names are the same name (e.g. file names, lower-cased: macOS and Windows ignore case). Default: equal strings. */
  key?: (name: string) => string;
  /** Names no claimant may have (e.g. Windows device names for files). */
  reserved?: (name: string) => boolean;
  /**
   * A claimant's name told apart with `hash` (hex, from its identity), within the namespace's
   * syntax and length limit. Default: `<name>-<hash>`.
   */
  disambiguate?: (name: string, hash: string) => string;
  /**
   * The identity that had each name (by `namespacedKey`) in the previous run: it keeps it, so
   * the nightly run renames nothing that was there.
   */
  incumbents?: ReadonlyMap<string, string>;
  /** Names (by `namespacedKey`) that others hold already. */
  taken?: Iterable<string>;
}

/** A name's key within its namespace, for `incumbents` and `taken`. */
export function namespacedKey(namespace: string, key: string): string {
  return `${namespace}\u0000${key}`;
}

/** Hash lengths tried in turn for a claimant told apart: 8 hex digits, longer only if even that collides. */
const HASH_LENGTHS = [8, 12, 16, 24, 32, 64];

/**
 * Gives every claimant a distinct name, deterministically: a name wanted by one claimant only
 * (and not reserved or taken) is left exactly as it is. Of several claimants of one name, the
 * one that had it in the previous run keeps it, else an exact one, else the first by identity;
 * the others get the name with a short hash of their own identity, which depends on nothing
 * else in the run: resources that come and go never rename another (an index `-2` would).
 * Returns each claimant's name by identity.
 */
export function assignNames(claims: readonly NameClaim[], rules: NamespaceRules = {}): Map<string, string> {
  const plainKey = rules.key ?? ((name: string) => name);
  const keyOf = (claim: NameClaim, name: string) => namespacedKey(claim.namespace ?? '', plainKey(name));
  const reserved = rules.reserved ?? (() => false);
  const disambiguate = rules.disambiguate ?? ((name: string, hash: string) => `${name}-${hash}`);
  const used = new Set(rules.taken ?? []);
  const out = new Map<string, string>();

  // A name's claimants: one claim, as almost every name has (measured: building a list for each
  // made a third of the time of naming a 10,000-resource estate's objects), or a list of several.
  const byKey = new Map<string, NameClaim | NameClaim[]>();
  for (const claim of claims) {
    if (out.has(claim.identity)) throw new Error(`internal error: ${JSON.stringify(claim.identity)} claims two names`);
    out.set(claim.identity, claim.name);
    const key = keyOf(claim, claim.name);
    const had = byKey.get(key);
    if (had === undefined) byKey.set(key, claim);
    else if (Array.isArray(had)) had.push(claim);
    else byKey.set(key, [had, claim]);
  }

  // Every name that has a holder first, so that no suffixed name can take one.
  const others: NameClaim[] = [];
  for (const [key, had] of byKey) {
    const list = Array.isArray(had) ? had : undefined;
    const first = list ? list[0]! : (had as NameClaim);
    if (used.has(key) || reserved(first.name)) {
      others.push(...(list ?? [first]));
      continue;
    }
    used.add(key);
    if (!list) continue;
    const incumbent = rules.incumbents?.get(key);
    list.sort((a, b) => Number(b.identity === incumbent) - Number(a.identity === incumbent) || Number(b.exact ?? false) - Number(a.exact ?? false) || compare(a.identity, b.identity));
    others.push(...list.slice(1));
  }

  for (const claim of others.sort((a, b) => compare(a.identity, b.identity))) {
    const digest = sha256(claim.identity);
    const name = HASH_LENGTHS.map((n) => disambiguate(claim.name, digest.slice(0, n))).find((n) => !used.has(keyOf(claim, n)) && !reserved(n));
    if (name === undefined) throw new Error(`internal error: no distinct name for ${JSON.stringify(claim.identity)}`);
    used.add(keyOf(claim, name));
    out.set(claim.identity, name);
  }
  return out;
}
