import type { ActionTarget, OutputFormat } from '../config/types.js';
import type { ExistingLogGroup, Scope, ScopeStatus } from '../discover/types.js';
import type { Plan, Unmonitored } from '../match/types.js';
import { formatNumber } from '../model/describe.js';
import type { AlarmModel, Model } from '../model/types.js';
import type { ThresholdProvenance, TuningReport } from '../tune/types.js';
import { compare } from '../util/compare.js';
import { sha256 } from '../util/hash.js';
import type { StackRecord } from './cloudformation/index.js';
import type { FileRecord, FileSink } from './files.js';

export const MANIFEST_FILE = 'obsgen.manifest.json';
export const MANIFEST_VERSION = 2;

export interface ManifestAlarm {
  id: string;
  name: string;
  account: string;
  region: string;
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
  /** For thresholds a tuning policy decided: the decision's history report and inputs hash, so a later run can keep it verbatim. */
  report?: TuningReport;
  tuning?: string;
  /** Alarm (and OK) action ARNs with the configured defaults. */
  actions: string[];
}

export interface ManifestComposite {
  id: string;
  name: string;
  account: string;
  region: string;
  children: number;
  /** The first 16 hex digits of the SHA-256 of the alarm rule. */
  rule: string;
  actions: string[];
}

/** A monitored resource as discovered: enough to rebuild its monitoring when its scope could not be read. */
export interface ManifestResource {
  arn: string;
  account: string;
  region: string;
  type: string;
  app: string;
  env?: string;
  tags: [key: string, value: string][];
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
  /** A hash of everything the run read (inventory, log groups, history, blueprints, config). */
  inputs: { fingerprint: string };
  scopes: ScopeStatus[];
  resources: ManifestResource[];
  /** Log groups known to exist, as read this run (or kept for an incomplete scope). */
  existingLogGroups: ExistingLogGroup[];
  stacks: StackRecord[];
  alarms: ManifestAlarm[];
  composites: ManifestComposite[];
  logGroups: { id: string; name: string; retentionDays: number; exists: boolean }[];
  metricFilters: { id: string; logGroup: string; filterName: string; pattern: string; metric: string }[];
  dashboards: { id: string; name: string; widgets: number; sha256: string }[];
  unmonitored: Unmonitored[];
  files: { path: string; sha256: string }[];
  /** Set when read from an older manifest version (never written). */
  upgradedFrom?: number;
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

/** How the manifest records a composite alarm's rule (rules can be long; drift only compares them). */
export function ruleHash(rule: string): string {
  return sha256(rule).slice(0, 16);
}

/** Builds the manifest for a set of generated files (which it hashes). */
export function buildManifest(args: {
  version: string;
  format: OutputFormat;
  fingerprint: string;
  model: Model;
  plan: Plan;
  stacks: StackRecord[];
  files: readonly FileRecord[];
  /** The action ARNs an alarm of this severity (or a composite) notifies in a scope. */
  actionsOf: (target: ActionTarget, scope: Scope) => string[];
}): Manifest {
  const { model, plan } = args;
  return {
    generator: 'obsgen',
    manifestVersion: MANIFEST_VERSION,
    version: args.version,
    format: args.format,
    inputs: { fingerprint: args.fingerprint },
    // Whether each scope was read completely (error texts vary between runs; they are reported, not recorded).
    scopes: plan.scopes.map(({ partition, account, region, complete }) => ({ partition, account, region, complete })),
    resources: plan.resources.map((p) => ({
      arn: p.resource.arn,
      account: p.resource.account,
      region: p.resource.region,
      type: p.resource.type,
      app: p.app,
      ...(p.env ? { env: p.env } : {}),
      tags: [...p.resource.tags].sort((a, b) => compare(a[0], b[0])),
    })),
    existingLogGroups: [...plan.existingLogGroups].sort((a, b) => compare(`${a.account}/${a.region}/${a.name}`, `${b.account}/${b.region}/${b.name}`)),
    stacks: args.stacks,
    alarms: model.alarms.map((a) => ({
      id: a.id,
      name: a.name,
      account: a.scope.account,
      region: a.scope.region,
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
      ...(a.threshold.report ? { report: a.threshold.report } : {}),
      ...(a.threshold.tuning ? { tuning: a.threshold.tuning } : {}),
      actions: args.actionsOf(a.severity, a.scope),
    })),
    composites: model.composites.map((c) => ({ id: c.id, name: c.name, account: c.scope.account, region: c.scope.region, children: c.children.length, rule: ruleHash(c.rule), actions: args.actionsOf('application', c.scope) })),
    logGroups: model.logGroups.map((l) => ({ id: l.id, name: l.name, retentionDays: l.retentionDays, exists: l.exists })),
    metricFilters: model.metricFilters.map((f) => ({ id: f.id, logGroup: f.logGroupName, filterName: f.filterName, pattern: f.pattern, metric: `${f.metric.namespace} ${f.metric.name}` })),
    dashboards: model.dashboards.map((d) => ({ id: d.id, name: d.name, widgets: d.body.widgets.length, sha256: sha256(JSON.stringify(d.body)).slice(0, 16) })),
    unmonitored: plan.unmonitored,
    files: args.files
      .map((f) => ({ path: f.path, sha256: f.sha256 }))
      .sort((a, b) => compare(a.path, b.path)),
  };
}

/** The manifest as a file (keys in construction order, so the text is deterministic). */
export function manifestFile<F extends FileRecord>(manifest: Manifest, sink: FileSink<F>): F {
  return sink.put(MANIFEST_FILE, manifestJson(manifest));
}

/**
 * The manifest as JSON with one top-level key, and one array element, per line: compact for
 * large estates (no deep indentation), and a change to one object is a one-line diff.
 */
function* manifestJson(manifest: Manifest): Generator<string> {
  // As pieces made while the file is encoded: at scale the manifest runs to tens of
  // megabytes, and its text is never held, neither as one string nor as pieces.
  yield '{\n';
  const entries = Object.entries(manifest).filter(([, value]) => value !== undefined);
  for (const [i, [key, value]] of entries.entries()) {
    const k = JSON.stringify(key);
    if (!Array.isArray(value)) yield `  ${k}: ${JSON.stringify(value)}`;
    else if (value.length === 0) yield `  ${k}: []`;
    else {
      yield `  ${k}: [\n`;
      for (const [j, v] of value.entries()) {
        // Apart, not joined: a joined line would be one more copy of its text.
        yield '    ';
        yield JSON.stringify(v);
        yield j < value.length - 1 ? ',\n' : '\n';
      }
      yield '  ]';
    }
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}\n';
}

/**
 * Version 1 manifests (before 0.x recorded resources, actions and hashes) still say which
 * files obsgen owns, the stack layout and the thresholds; what they lack stays undefined so
 * that `plan` does not report it as changed, and an incomplete scope has nothing to restore.
 */
function upgradeV1(m: Partial<Manifest>): Manifest {
  return { ...(m as Manifest), manifestVersion: MANIFEST_VERSION, upgradedFrom: 1, inputs: { fingerprint: '' }, resources: [], existingLogGroups: [] };
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
  if (m.manifestVersion === 1) return { manifest: upgradeV1(m) };
  if (m.manifestVersion !== MANIFEST_VERSION) return { problem: `manifest version ${String(m.manifestVersion)} is not supported (expected ${MANIFEST_VERSION})` };
  return { manifest: m as Manifest };
}
