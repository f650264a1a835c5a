import type { ScopeStatus } from './types.js';

export const SNAPSHOT_FILE = 'obsgen.snapshot.json';

/**
 * What `obsgen snapshot` wrote: files in the AWS CLI formats per account and region, and
 * which scopes were read completely, so an offline run treats an incomplete scope exactly as
 * the live run would.
 */
export interface SnapshotIndex {
  generator: 'obsgen-snapshot';
  version: number;
  scopes: { account: string; region: string; partition: string; complete: boolean }[];
  inventory: string[];
  logGroups: string[];
  /** Metric history files (for tuning), when history was fetched. */
  metrics?: string[];
}

/** The index for a set of written files (paths relative to the snapshot folder). */
export function snapshotIndex(scopes: readonly ScopeStatus[], inventory: string[], logGroups: string[], metrics: string[] = []): SnapshotIndex {
  return {
    generator: 'obsgen-snapshot',
    version: 1,
    scopes: scopes.map(({ account, region, partition, complete }) => ({ account, region, partition, complete })),
    inventory: [...inventory].sort(),
    logGroups: [...logGroups].sort(),
    ...(metrics.length > 0 ? { metrics: [...metrics].sort() } : {}),
  };
}

/** Where `obsgen snapshot` writes a scope's file of each kind (relative to the snapshot folder). */
export function snapshotFile(kind: 'inventory' | 'log-groups' | 'metrics', account: string, region: string): string {
  return `${kind}/${account}-${region}.json${kind === 'metrics' ? '.gz' : ''}`;
}

/** The scope a snapshot file holds, from its name (see `snapshotFile`); undefined for any other name. */
export function scopeOfSnapshotFile(path: string): { account: string; region: string } | undefined {
  const m = /^(?:inventory|log-groups|metrics)\/(\d{12})-([a-z0-9-]+)\.json(?:\.gz)?$/.exec(path);
  return m ? { account: m[1]!, region: m[2]! } : undefined;
}

/** A snapshot index as parsed from its JSON; undefined with a reason when it is not one. */
export function snapshotIndexOf(value: unknown): { index?: SnapshotIndex; problem?: string } {
  const data = (value ?? {}) as Partial<SnapshotIndex>;
  if (data.generator !== 'obsgen-snapshot' || data.version !== 1 || !Array.isArray(data.scopes) || !Array.isArray(data.inventory) || !Array.isArray(data.logGroups)) {
    return { problem: 'not an obsgen snapshot index (version 1)' };
  }
  const text = (v: unknown) => typeof v === 'string' && v !== '';
  const scope = (s: unknown) => {
    const x = (s ?? {}) as Record<string, unknown>;
    return text(x['account']) && text(x['region']) && text(x['partition']) && typeof x['complete'] === 'boolean';
  };
  if (!data.scopes.every(scope)) return { problem: 'each scope of a snapshot index needs account, region, partition (text) and complete (true or false)' };
  if (data.metrics !== undefined && !Array.isArray(data.metrics)) return { problem: 'not an obsgen snapshot index (version 1)' };
  const safe = (p: unknown) => typeof p === 'string' && /^[A-Za-z0-9._/-]+$/.test(p) && !p.split('/').includes('..');
  if (![...data.inventory, ...data.logGroups, ...(data.metrics ?? [])].every(safe)) return { problem: 'the snapshot index names files outside its folder' };
  return { index: data as SnapshotIndex };
}
