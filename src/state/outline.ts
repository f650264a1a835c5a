import { sha256 } from '../util/hash.js';
import type { ScopeStatus } from '../discover/types.js';
import type { StackRecord } from '../targets/target.js';
import { INCREMENTAL_KEY, MANIFEST_VERSION } from './manifest.js';
import type { IncrementalRecord, Manifest } from './manifest.js';
import { inOrder, LIST_ORDER } from './shards.js';

/*
 * What an unchanged run needs of the manifest, read without parsing all of it: at 10,000
 * resources the manifest is 12 MB, and reading it whole (`JSON.parse`, then restoring what the
 * files leave out, see `compact.ts`) costs 0.25 s CPU, half the budget of a run that has
 * nothing to do; its outline 0.03 s.
 * Only a root whose incremental record vouches for its text (the SHA-256 of every line above
 * it), and shards whose hashes that text lists (the caller checks them, with every other
 * file's), are read this way, so the layout `write.ts` gives them can be relied on: one
 * top-level key per line, one array element per line. Anything else is no outline, and the
 * run is a full one.
 */

/** The lists of a manifest that an unchanged run only counts. */
const COUNTED = ['resources', 'alarms', 'composites', 'logGroups', 'metricFilters', 'dashboards', 'unmonitored'] as const;
export type CountedList = (typeof COUNTED)[number];

/** A manifest as an unchanged run sees it. */
export interface ManifestOutline {
  record: IncrementalRecord;
  version: string;
  format: string;
  scopes: ScopeStatus[];
  stacks: StackRecord[];
  files: Manifest['files'];
  /** How many items each counted list holds. */
  counts: Record<CountedList, number>;
}

/**
 * The outline of a manifest: its root's bytes, and `shard` giving each shard's when they have the
 * XXH64 the root records for it (undefined otherwise). Undefined unless the root has an
 * incremental record with `key` that matches its text, and every file is laid out as written.
 */
export function manifestOutline(bytes: Buffer, key: string, shard: (path: string, xxh64: string) => Buffer | undefined): ManifestOutline | undefined {
  const marker = Buffer.from(`,\n  ${JSON.stringify(INCREMENTAL_KEY)}: `);
  const at = bytes.lastIndexOf(marker);
  if (at < 0) return undefined;
  const record = parseRecord(bytes.subarray(at + marker.length).toString('utf8'));
  // The body is every byte before the comma that ends the line above the record's.
  if (!record || record.key !== key || record.body !== sha256(bytes.subarray(0, at))) return undefined;
  const root = layout(`${bytes.subarray(0, at).toString('utf8')}\n`, ['scopes', 'shards', 'files']);
  if (!root || !isOurs(root)) return undefined;
  const scopes = root.list('scopes');
  const shards = root.list('shards');
  const files = root.list('files');
  if (!scopes || !shards || !files || typeof root.top.get('version') !== 'string' || typeof root.top.get('format') !== 'string') return undefined;
  const counts = Object.fromEntries(COUNTED.map((k) => [k, 0])) as Record<CountedList, number>;
  counts.unmonitored = root.count('unmonitored');
  const stacks: StackRecord[] = [];
  const hashes = new Map((files as Partial<Manifest['files'][number]>[]).map((f) => [f.path, f.xxh64]));
  for (const path of shards) {
    const xxh64 = hashes.get(path as string);
    const text = typeof path === 'string' && typeof xxh64 === 'string' ? shard(path, xxh64)?.toString('utf8') : undefined;
    const part = text === undefined ? undefined : layout(text.slice(0, text.lastIndexOf('\n}')) + '\n', ['stacks']);
    if (!part || !isOurs(part)) return undefined;
    const partStacks = part.list('stacks');
    if (!partStacks) return undefined;
    stacks.push(...(partStacks as StackRecord[]));
    for (const k of COUNTED) if (k !== 'unmonitored') counts[k] += part.count(k);
  }
  if (Object.values(counts).some(Number.isNaN)) return undefined;
  return {
    record,
    version: root.top.get('version') as string,
    format: root.top.get('format') as string,
    scopes: scopes as ScopeStatus[],
    stacks: inOrder(stacks, LIST_ORDER.stacks),
    files: files as Manifest['files'],
    counts,
  };
}

function parseRecord(tail: string): IncrementalRecord | undefined {
  if (!tail.endsWith('\n}\n')) return undefined;
  try {
    const r = JSON.parse(tail.slice(0, -3)) as Partial<IncrementalRecord> | null;
    return r && typeof r.key === 'string' && typeof r.body === 'string' ? { key: r.key, body: r.body } : undefined;
  } catch {
    return undefined;
  }
}

/** A file laid out as `write.ts` lays it out: its one-line values, and its lists (counted; parsed where asked). */
interface Layout {
  top: Map<string, unknown>;
  /** A list's items (of those asked for, or written on one line). */
  list(key: string): unknown[] | undefined;
  /** How many items a list holds (NaN when the file has no such list). */
  count(key: string): number;
}

function isOurs({ top }: Layout): boolean {
  return top.get('generator') === 'obsgen' && top.get('manifestVersion') === MANIFEST_VERSION;
}

/** The layout of a file's text up to its last value (and a newline); undefined when it is not laid out as written. */
function layout(text: string, itemsOf: readonly string[]): Layout | undefined {
  try {
    return layoutOf(text, itemsOf);
  } catch {
    // A line that is not JSON: not laid out as written.
    return undefined;
  }
}

function layoutOf(text: string, itemsOf: readonly string[]): Layout | undefined {
  const top = new Map<string, unknown>();
  const counts = new Map<string, number>();
  const parsed = new Map<string, unknown[]>();
  let pos = text.indexOf('\n') + 1;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos, end);
    pos = end + 1;
    const m = /^ {2}"([A-Za-z]+)": (.*?),?$/.exec(line);
    if (!m) return undefined;
    const [, key, rest] = m as unknown as [string, string, string];
    if (rest !== '[') {
      top.set(key, JSON.parse(rest));
      continue;
    }
    // An array: its elements up to the line `  ]`, parsed only where the outline keeps them.
    const close = text.indexOf('\n  ]', pos - 1);
    if (close < 0) return undefined;
    const lines = text.slice(pos, close).split('\n');
    counts.set(key, lines.length);
    if (itemsOf.includes(key)) parsed.set(key, lines.map((l) => JSON.parse(l.trim().replace(/,$/, '')) as unknown));
    pos = text.indexOf('\n', close + 1) + 1;
  }
  return {
    top,
    list: (key) => parsed.get(key) ?? (Array.isArray(top.get(key)) ? (top.get(key) as unknown[]) : undefined),
    count: (key) => counts.get(key) ?? (Array.isArray(top.get(key)) ? (top.get(key) as unknown[]).length : NaN),
  };
}
