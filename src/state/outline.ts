import { sha256 } from '../util/hash.js';
import type { ScopeStatus } from '../discover/types.js';
import type { StackRecord } from '../targets/target.js';
import { INCREMENTAL_KEY, MANIFEST_VERSION } from './manifest.js';
import type { IncrementalRecord, Manifest } from './manifest.js';

/*
 * What an unchanged run needs of the manifest, read without parsing all of it: at 10,000
 * resources the manifest is 15 MB, and reading it whole (`JSON.parse`, then restoring what the
 * file leaves out, see `compact.ts`) costs 0.25 s CPU, half the budget of a run that has
 * nothing to do; its outline 0.03 s.
 * Only a manifest whose incremental record vouches for its text (the SHA-256 of every line
 * above it) is read this way, so the layout `write.ts` gives it can be relied on: one
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

/** The outline of a manifest's bytes; undefined unless it has an incremental record that matches its text. */
export function manifestOutline(bytes: Buffer): ManifestOutline | undefined {
  const marker = Buffer.from(`,\n  ${JSON.stringify(INCREMENTAL_KEY)}: `);
  const at = bytes.lastIndexOf(marker);
  if (at < 0) return undefined;
  const record = parseRecord(bytes.subarray(at + marker.length).toString('utf8'));
  // The body is every byte before the comma that ends the line above the record's.
  if (!record || record.body !== sha256(bytes.subarray(0, at))) return undefined;
  return outlineOf(`${bytes.subarray(0, at).toString('utf8')}\n`, record);
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

function outlineOf(text: string, record: IncrementalRecord): ManifestOutline | undefined {
  const top = new Map<string, unknown>();
  const counts = new Map<string, number>();
  const parsed = new Map<string, unknown[]>();
  const itemsOf = new Set(['scopes', 'stacks', 'files']);
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
    if (itemsOf.has(key)) parsed.set(key, lines.map((l) => JSON.parse(l.trim().replace(/,$/, '')) as unknown));
    pos = text.indexOf('\n', close + 1) + 1;
  }
  if (top.get('generator') !== 'obsgen' || top.get('manifestVersion') !== MANIFEST_VERSION) return undefined;
  const list = (key: string) => (parsed.get(key) ?? (Array.isArray(top.get(key)) ? (top.get(key) as unknown[]) : undefined));
  const scopes = list('scopes');
  const stacks = list('stacks');
  const files = list('files');
  if (!scopes || !stacks || !files || typeof top.get('version') !== 'string' || typeof top.get('format') !== 'string') return undefined;
  const count = (key: string) => counts.get(key) ?? (Array.isArray(top.get(key)) ? (top.get(key) as unknown[]).length : NaN);
  const counted = Object.fromEntries(COUNTED.map((k) => [k, count(k)])) as Record<CountedList, number>;
  if (Object.values(counted).some(Number.isNaN)) return undefined;
  return {
    record,
    version: top.get('version') as string,
    format: top.get('format') as string,
    scopes: scopes as ScopeStatus[],
    stacks: stacks as StackRecord[],
    files: files as Manifest['files'],
    counts: counted,
  };
}
