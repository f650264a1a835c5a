import type { OutputFormat } from '../config/types.js';
import type { ScopeStatus } from '../discover/types.js';
import type { Unmonitored } from '../match/types.js';
import { formatNumber } from '../model/describe.js';
import type { AlarmModel, Model } from '../model/types.js';
import type { ThresholdProvenance } from '../tune/types.js';
import { compare } from '../util/compare.js';
import { sha256 } from '../util/hash.js';
import type { StackRecord } from './cloudformation/index.js';
import type { OutputFile } from './files.js';

export const MANIFEST_FILE = 'obsgen.manifest.json';
export const MANIFEST_VERSION = 1;

export interface ManifestAlarm {
  id: string;
  name: string;
  resource: string;
  app: string;
  severity: string;
  metric: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  comparison: string;
  treatMissingData: string;
  threshold: number;
  provenance: ThresholdProvenance;
}

/**
 * What a run generated: every object by stable id with its key settings, every file with
 * its hash, and the stack layout. The next run reads it back to keep stacks stable, to
 * compare (`--check`) and to know which files it may replace or delete.
 */
export interface Manifest {
  generator: 'obsgen';
  manifestVersion: number;
  version: string;
  format: OutputFormat;
  scopes: ScopeStatus[];
  stacks: StackRecord[];
  alarms: ManifestAlarm[];
  composites: { id: string; name: string; children: number }[];
  logGroups: { id: string; name: string; retentionDays: number; exists: boolean }[];
  metricFilters: { id: string; logGroup: string; filterName: string; pattern: string }[];
  dashboards: { id: string; name: string; widgets: number }[];
  unmonitored: Unmonitored[];
  files: { path: string; sha256: string }[];
}

/** One-line identity of an alarm's metric, for diffs and docs. */
export function metricSummary(a: AlarmModel): string {
  if (a.metric.kind === 'single') {
    const m = a.metric.metric;
    const dims = m.dimensions.map((d) => `${d.name}=${d.value}`).join(',');
    return `${m.namespace} ${m.name}${dims ? ` {${dims}}` : ''} ${m.statistic}`;
  }
  return `math ${a.metric.expression} (${a.metric.queries.map((q) => `${q.id}=${q.metric.namespace} ${q.metric.name} ${q.metric.statistic}`).join('; ')})`;
}

/** Builds the manifest for a set of generated files (which it hashes). */
export function buildManifest(args: {
  version: string;
  format: OutputFormat;
  model: Model;
  scopes: ScopeStatus[];
  stacks: StackRecord[];
  unmonitored: Unmonitored[];
  files: readonly OutputFile[];
}): Manifest {
  const { model } = args;
  return {
    generator: 'obsgen',
    manifestVersion: MANIFEST_VERSION,
    version: args.version,
    format: args.format,
    // Whether each scope was read completely (error texts vary between runs; they are reported, not recorded).
    scopes: args.scopes.map(({ partition, account, region, complete }) => ({ partition, account, region, complete })),
    stacks: args.stacks,
    alarms: model.alarms.map((a) => ({
      id: a.id,
      name: a.name,
      resource: a.resource.arn,
      app: a.resource.app,
      severity: a.severity,
      metric: metricSummary(a),
      period: a.period,
      evaluationPeriods: a.evaluationPeriods,
      datapointsToAlarm: a.datapointsToAlarm,
      comparison: a.comparison,
      treatMissingData: a.treatMissingData,
      threshold: Number(formatNumber(a.threshold.value)),
      provenance: a.threshold.provenance,
    })),
    composites: model.composites.map((c) => ({ id: c.id, name: c.name, children: c.children.length })),
    logGroups: model.logGroups.map((l) => ({ id: l.id, name: l.name, retentionDays: l.retentionDays, exists: l.exists })),
    metricFilters: model.metricFilters.map((f) => ({ id: f.id, logGroup: f.logGroupName, filterName: f.filterName, pattern: f.pattern })),
    dashboards: model.dashboards.map((d) => ({ id: d.id, name: d.name, widgets: d.body.widgets.length })),
    unmonitored: args.unmonitored,
    files: args.files
      .map((f) => ({ path: f.path, sha256: sha256(f.content) }))
      .sort((a, b) => compare(a.path, b.path)),
  };
}

/** The manifest as a file: stable key order from construction, two-space JSON. */
export function manifestFile(manifest: Manifest): OutputFile {
  return { path: MANIFEST_FILE, content: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** Reads a manifest from disk text; undefined with a reason when it is not one of ours. */
export function parseManifest(text: string): { manifest?: Manifest; problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { problem: `not JSON (${(e as Error).message})` };
  }
  const m = data as Partial<Manifest> | null;
  if (!m || m.generator !== 'obsgen' || !Array.isArray(m.files) || !Array.isArray(m.stacks)) {
    return { problem: 'not an obsgen manifest' };
  }
  if (m.manifestVersion !== MANIFEST_VERSION) return { problem: `manifest version ${String(m.manifestVersion)} is not supported (expected ${MANIFEST_VERSION})` };
  return { manifest: m as Manifest };
}
