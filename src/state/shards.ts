import { idScope, logGroupKey } from '../resolve/identity.js';
import { compare } from '../util/compare.js';
import type { Manifest } from './manifest.js';

/*
 * The manifest in files of one account and region each (version 6).
 *
 * Up to version 5 the manifest was one file. It grows with the estate (12.3 MB at 10,000
 * resources, 49 MB at 40,000), and a nightly job commits it: GitHub warns at 50 MB and refuses
 * a file over 100 MB, so an organisation of about 80,000 resources could no longer push its
 * monitoring. A reviewer meets the same size: one file holding every account's records, most of
 * a pull request's diff view taken to find the lines of the one account that changed.
 *
 * Each record of an account and region (a resource, the stacks laid out there, its alarms,
 * composite alarms, log groups, metric filters and dashboards, the log groups known to exist
 * there) is written to that scope's shard, `manifest/<account>/<region>.json`; a shard is as large
 * as its scope, whatever the estate's size. The root, `obsgen.manifest.json`, keeps what is
 * the run's as a whole: the tool version, the inputs' fingerprint, the scopes read and how
 * completely, the unmonitored resources, the shards' paths, every file with its hashes (the
 * shards' among them) and the incremental record. So a change in one scope rewrites its shard
 * and the root's lines of the files it changed.
 *
 * The root lists each shard with its hashes like any other file, and the reader checks them
 * (`pipeline/inputs.ts`): the root's rename stays the commit point (`write/journal.ts`), and a
 * shard that is not the one the root was written with (edited by hand, or read while another run
 * commits) is refused, never mixed in. Records whose account or region cannot name a folder go
 * to `manifest/unscoped.json`, so nothing depends on what an account id looks like.
 *
 * Each list is kept in one order (`LIST_ORDER`), which the writer makes and the reader restores,
 * so a manifest read back is the manifest written whichever shard each record came from.
 */

/** The folder of the shards, beside the root. */
export const SHARD_DIR = 'manifest';
const UNSCOPED = `${SHARD_DIR}/unscoped.json`;

/** The lists whose records belong to one account and region, in the order a shard has them. */
export const SCOPED_LISTS = ['resources', 'existingLogGroups', 'stacks', 'alarms', 'composites', 'logGroups', 'metricFilters', 'dashboards'] as const;
export type ScopedList = (typeof SCOPED_LISTS)[number];
export type ScopedRecords = Pick<Manifest, ScopedList>;

type Scope = { account: string; region: string };

/** Each scoped list's record's scope. */
const SCOPE_OF: { [L in ScopedList]: (record: Manifest[L][number]) => Scope } = {
  resources: (r) => r,
  existingLogGroups: (g) => g,
  stacks: (s) => s,
  alarms: (a) => a,
  composites: (c) => c,
  logGroups: (l) => idScope(l.id),
  metricFilters: (f) => idScope(f.id),
  dashboards: (d) => idScope(d.id),
};

/**
 * The order of each list, as a key per record: the order `buildManifest` gives them (resources
 * as matching sorts them, by ARN; the others by the id that begins with their scope).
 */
export const LIST_ORDER: { [L in ScopedList]: (record: Manifest[L][number]) => string } = {
  resources: (r) => r.arn,
  existingLogGroups: (g) => logGroupKey(g, g.name),
  stacks: (s) => s.file,
  alarms: (a) => a.id,
  composites: (c) => c.id,
  logGroups: (l) => l.id,
  metricFilters: (f) => f.id,
  dashboards: (d) => d.id,
};

/** `items` in the order of `key`: as they are when they are in it already (most often: a scan, no sort). */
export function inOrder<T>(items: T[], key: (item: T) => string): T[] {
  for (let i = 1; i < items.length; i++) {
    if (compare(key(items[i - 1]!), key(items[i]!)) > 0) return [...items].sort((a, b) => compare(key(a), key(b)));
  }
  return items;
}

// An account or region names a folder only as lower-case letters, digits, `-` and `_` (AWS's
// are): two names that differ in case only would be one folder on macOS's and Windows' disks.
const SEGMENT = /^[a-z0-9][a-z0-9_-]*$/;

/** The shard a scope's records go to. */
export function shardPath({ account, region }: Scope): string {
  return SEGMENT.test(account) && SEGMENT.test(region) ? `${SHARD_DIR}/${account}/${region}.json` : UNSCOPED;
}

/** Whether `path` is where a shard of the manifest is written (the run's own file, remade each run). */
export function isShardPath(path: string): boolean {
  if (path === UNSCOPED) return true;
  const parts = path.split('/');
  return parts.length === 3 && parts[0] === SHARD_DIR && SEGMENT.test(parts[1]!) && parts[2]!.endsWith('.json') && SEGMENT.test(parts[2]!.slice(0, -'.json'.length));
}

/** One shard: its path, the scope it holds (none for the unscoped one) and its records. */
export interface Shard {
  path: string;
  scope?: Scope;
  records: ScopedRecords;
}

function noRecords(): ScopedRecords {
  return { resources: [], existingLogGroups: [], stacks: [], alarms: [], composites: [], logGroups: [], metricFilters: [], dashboards: [] };
}

/** The manifest's scoped records by shard, in path order; each list in its manifest's order. */
export function splitRecords(m: ScopedRecords): Shard[] {
  const shards = new Map<string, Shard>();
  // By account and region first: a path (two pattern tests) per scope, not per record.
  const byScope = new Map<string, Map<string, Shard>>();
  for (const list of SCOPED_LISTS) {
    const scopeOf = SCOPE_OF[list] as (r: unknown) => Scope;
    for (const record of m[list] as unknown[]) {
      const { account, region } = scopeOf(record);
      let regions = byScope.get(account);
      if (!regions) byScope.set(account, (regions = new Map()));
      let shard = regions.get(region);
      if (!shard) {
        const path = shardPath({ account, region });
        shard = shards.get(path);
        if (!shard) shards.set(path, (shard = { path, ...(path === UNSCOPED ? {} : { scope: { account, region } }), records: noRecords() }));
        regions.set(region, shard);
      }
      (shard.records[list] as unknown[]).push(record);
    }
  }
  return [...shards.values()].sort((a, b) => compare(a.path, b.path));
}

/** The records of every shard as the manifest's lists, each in its order (`LIST_ORDER`). */
export function joinRecords(shards: readonly ScopedRecords[]): ScopedRecords {
  const out = noRecords();
  for (const list of SCOPED_LISTS) (out[list] as unknown[]) = shards.flatMap((s) => s[list] as unknown[]);
  return inListOrder(out);
}

/** The records with each list in its order (`LIST_ORDER`): as they are, most often (a scan, no sort). */
export function inListOrder(records: ScopedRecords): ScopedRecords {
  const out = noRecords();
  for (const list of SCOPED_LISTS) (out[list] as unknown[]) = inOrder(records[list] as unknown[], LIST_ORDER[list] as (r: unknown) => string);
  return out;
}
