import { Diagnostics, formatDiagnostic } from '../diagnostics/diagnostic.js';
import { parseJsonSource } from '../diagnostics/source-document.js';
import { MANIFEST_FILE, MANIFEST_VERSION } from './manifest.js';
import { SEVERITIES } from '../blueprints/types.js';
import type { Severity } from '../blueprints/types.js';
import { alarmIdentity } from '../resolve/identity.js';
import { NO_PREVIOUS_OVERRIDES } from '../match/types.js';
import type { PreviousOverrides } from '../match/types.js';
import type { PreviousDecision, PreviousDecisions } from '../tune/types.js';
import type { Manifest } from './manifest.js';
import { expandManifest, expandRecords } from './compact.js';
import { isShardPath, joinRecords } from './shards.js';
import type { ScopedRecords } from './shards.js';

/**
 * Version 1 manifests (before 0.x recorded resources, actions and hashes) still say which
 * files obsgen owns, the stack layout and the thresholds; what they lack stays undefined so
 * that `plan` does not report it as changed, and an incomplete scope has nothing to restore.
 */
function upgradeV1(m: Partial<Manifest>): Manifest {
  return { ...(m as Manifest), manifestVersion: MANIFEST_VERSION, upgradedFrom: 1, inputs: { fingerprint: '' }, resources: [], existingLogGroups: [] };
}

/**
 * Version 2 manifests record everything version 4 does but the resources' ids, each record
 * spelled out in full (see `compact.ts`): read as they are, nothing to restore; nothing reads a
 * resource's id back.
 */
function upgradeV2(m: Partial<Manifest>): Manifest {
  return { ...(m as Manifest), manifestVersion: MANIFEST_VERSION };
}

/**
 * A shard of a version 6 manifest by its path, as parsed JSON; a problem when it cannot be read,
 * or is not the file the root lists (`pipeline/inputs.ts` checks its hashes).
 */
export type ShardSource = (path: string) => { data?: unknown; problem?: string };

/** Reads a manifest from its root's text (and its shards, from `shard`); undefined with a reason when it is not one of ours. */
export function parseManifest(text: string, file = MANIFEST_FILE, shard?: ShardSource): { manifest?: Manifest; problem?: string } {
  const diags = new Diagnostics();
  const doc = parseJsonSource(file, text, diags);
  if (!doc) return { problem: diags.items.map((d) => formatDiagnostic({ ...d, severity: 'error' })).join('; ') };
  return manifestOf(doc.data, shard);
}

/** A parsed manifest root (with its shards, from `shard`) as a manifest; undefined with a reason when it is not one of ours. */
export function manifestOf(data: unknown, shard?: ShardSource): { manifest?: Manifest; problem?: string } {
  const m = data as Partial<Manifest> | null;
  if (!m || m.generator !== 'obsgen' || !Array.isArray(m.files)) return { problem: 'not an obsgen manifest' };
  if (m.manifestVersion === MANIFEST_VERSION) return sharded(m as Record<string, unknown>, shard);
  if (!Array.isArray(m.stacks)) return { problem: 'not an obsgen manifest' };
  if (m.manifestVersion === 1) return { manifest: upgradeV1(m) };
  if (m.manifestVersion === 2) return { manifest: upgradeV2(m) };
  // Versions 3 to 5 differ only in what an alarm's line leaves out (see compact.ts), all in one file.
  if (m.manifestVersion !== 3 && m.manifestVersion !== 4 && m.manifestVersion !== 5) return { problem: `manifest version ${String(m.manifestVersion)} is not supported (expected ${MANIFEST_VERSION})` };
  return expandManifest(m as Record<string, unknown>);
}

/** A version 6 root and the shards it lists (see shards.ts) as the manifest they record. */
function sharded(root: Record<string, unknown>, shard: ShardSource | undefined): { manifest?: Manifest; problem?: string } {
  const paths = root['shards'];
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && isShardPath(p)) || new Set(paths).size !== paths.length) return { problem: 'damaged manifest: its shards are not a list of shard paths, each once' };
  if (!Array.isArray(root['unmonitored']) || !Array.isArray(root['scopes'])) return { problem: 'damaged manifest: its scopes or unmonitored resources are not lists' };
  const parts: ScopedRecords[] = [];
  for (const path of paths as string[]) {
    const read = shard ? shard(path) : { problem: 'internal error: a version 6 manifest read without its shards' };
    if (read.problem !== undefined) return { problem: read.problem };
    const data = read.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null || Array.isArray(data) || data['generator'] !== 'obsgen' || data['manifestVersion'] !== MANIFEST_VERSION) return { problem: `${path} is not a shard of this manifest` };
    const { records, problem } = expandRecords(data);
    if (!records) return { problem: `${path}: ${problem}` };
    parts.push(records);
  }
  const { shards: _s, ...rest } = root;
  return { manifest: { ...(rest as unknown as Manifest), ...joinRecords(parts) } };
}

/** The previous run's threshold decisions by stable alarm id: what tuning needs of it. */
export function previousDecisions(manifest: Manifest): PreviousDecisions {
  const byId = new Map<string, PreviousDecision>(manifest.alarms.map((a) => [a.id, a]));
  return { get: (id) => byId.get(id) };
}

/**
 * What the previous run's overrides gave each alarm, for matching: an alarm is found by its
 * resource's ARN and the blueprint's alarm id (the last part of its stable id).
 */
export function previousOverrides(manifest: Manifest | undefined): PreviousOverrides {
  if (!manifest) return NO_PREVIOUS_OVERRIDES;
  const byIdentity = new Map(manifest.alarms.map((a) => [alarmIdentity(a.resource, a.id.slice(a.id.lastIndexOf('/') + 1)), a]));
  return {
    threshold(arn, alarmId, tag) {
      const a = byIdentity.get(alarmIdentity(arn, alarmId));
      return a?.provenance.kind === 'tag' && a.provenance.tag === tag ? a.threshold : undefined;
    },
    severity(arn, alarmId) {
      const s = byIdentity.get(alarmIdentity(arn, alarmId))?.severity;
      return (SEVERITIES as readonly string[]).includes(s ?? '') ? (s as Severity) : undefined;
    },
  };
}
