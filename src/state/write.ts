import { createHash } from 'node:crypto';
import { BAND_COMPARISON } from '../tune/band.js';
import type { ActionTarget } from '../config/types.js';
import type { Scope } from '../discover/types.js';
import type { ExistingLogGroup } from '../discover/types.js';
import type { Resolved } from '../resolve/types.js';
import type { AlarmModel, Model } from '../model/types.js';
import { compare } from '../util/compare.js';
import { sha256 } from '../util/hash.js';
import type { FileRecord, FileSink } from '../targets/files.js';
import { compactRecords } from './compact.js';
import { recordedTags } from './fingerprint.js';
import type { OutputTags } from './output-tags.js';
import { INCREMENTAL_KEY, MANIFEST_FILE, MANIFEST_VERSION, ruleHash } from './manifest.js';
import type { IncrementalRecord, Manifest } from './manifest.js';
import { inListOrder, isShardPath, splitRecords } from './shards.js';
import type { Shard } from './shards.js';
import { formatNumber } from '../util/numbers.js';
import type { StackRecord } from '../targets/target.js';

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
  format: string;
  fingerprint: string;
  /** The tags to record: those that shape the output (see outputTags). */
  recordedTags: OutputTags;
  model: Model;
  resolved: Resolved;
  existingLogGroups: readonly ExistingLogGroup[];
  stacks: StackRecord[];
  files: readonly FileRecord[];
  /** The render key of each keyed file, by path (see targets/render-key.ts). */
  renderKeys?: ReadonlyMap<string, string>;
  /** The action ARNs an alarm of this severity (or a composite) notifies in a scope. */
  actionsOf: (target: ActionTarget, scope: Scope) => string[];
  /** The run's incremental key, when the next run may reuse it (see pipeline/unchanged.ts). */
  incrementalKey?: string;
}): Manifest {
  const { model, resolved } = args;
  const manifest: Manifest = {
    generator: 'obsgen',
    manifestVersion: MANIFEST_VERSION,
    version: args.version,
    format: args.format,
    inputs: { fingerprint: args.fingerprint },
    // Whether each scope was read completely (error texts vary between runs; they are reported, not recorded).
    scopes: resolved.scopes.map(({ partition, account, region, complete }) => ({ partition, account, region, complete })),
    resources: resolved.resources.map(({ matched: p, unit }) => ({
      id: unit,
      arn: p.resource.arn,
      account: p.resource.account,
      region: p.resource.region,
      type: p.resource.type,
      app: p.app,
      ...(p.env ? { env: p.env } : {}),
      tags: recordedTags(p.resource.tags, args.recordedTags),
    })),
    existingLogGroups: [...args.existingLogGroups],
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
      comparison: a.threshold.band ? BAND_COMPARISON[a.threshold.band.side] : a.comparison,
      treatMissingData: a.treatMissingData,
      threshold: Number(formatNumber(a.threshold.value)),
      ...(a.threshold.band ? { band: a.threshold.band } : {}),
      provenance: a.threshold.provenance,
      ...(a.threshold.report ? { report: a.threshold.report } : {}),
      ...(a.threshold.tuning ? { tuning: a.threshold.tuning } : {}),
      actions: a.notify === false ? [] : args.actionsOf(a.severity, a.scope),
    })),
    composites: model.composites.map((c) => ({ id: c.id, name: c.name, account: c.scope.account, region: c.scope.region, children: c.children.length, rule: ruleHash(c.rule), childAlarms: c.children, actions: args.actionsOf(c.target, c.scope) })),
    logGroups: model.logGroups.map((l) => ({ id: l.id, name: l.name, retentionDays: l.retentionDays, exists: l.exists, retain: l.retain })),
    metricFilters: model.metricFilters.map((f) => ({ id: f.id, logGroup: f.logGroupName, filterName: f.filterName, pattern: f.pattern, metric: `${f.metric.namespace} ${f.metric.name}` })),
    dashboards: model.dashboards.map((d) => ({ id: d.id, name: d.name, widgets: d.body.widgets.length, sha256: sha256(JSON.stringify(d.body)).slice(0, 16) })),
    unmonitored: resolved.unmonitored,
    files: fileEntries(args.files, args.renderKeys),
    // Last: the record's line carries the hash of the text above it (see manifestJson).
    ...(args.incrementalKey ? { incremental: { key: args.incrementalKey } } : {}),
  };
  // Each list in the one order the reader restores whichever shards it reads (shards.ts): as
  // built, most often.
  return { ...manifest, ...inListOrder(manifest) };
}

/** The manifest's entries of `files`, sorted by path: their hashes, and the render key of a keyed one. */
function fileEntries(files: readonly FileRecord[], renderKeys: ReadonlyMap<string, string> | undefined): Manifest['files'] {
  return files
    .map((f) => {
      const render = renderKeys?.get(f.path);
      return { path: f.path, sha256: f.sha256, xxh64: f.xxh64, ...(render ? { render } : {}) };
    })
    .sort((a, b) => compare(a.path, b.path));
}

/**
 * Puts the manifest's shards (see shards.ts), one file per account and region, and gives the
 * manifest with their hashes in its files (in place of any it listed), ready for its root.
 */
export function withShards<F extends FileRecord>(manifest: Manifest, sink: FileSink<F>): { manifest: Manifest; shards: F[] } {
  const shards = splitRecords(manifest).map((shard) => sink.put(shard.path, shardJson(shard)));
  const others = manifest.files.filter((f) => !isShardPath(f.path));
  return { manifest: { ...manifest, files: [...others, ...fileEntries(shards, undefined)].sort((a, b) => compare(a.path, b.path)) }, shards };
}

/**
 * The manifest's root as a file (keys in construction order, so the text is deterministic), over
 * the shards `withShards` put. `previous`: the previous run's incremental record, kept when
 * this root is otherwise the same (see rootJson).
 */
export function manifestFile<F extends FileRecord>(manifest: Manifest, shards: readonly FileRecord[], sink: FileSink<F>, previous?: IncrementalRecord): F {
  return sink.put(MANIFEST_FILE, rootJson(manifest, shards, previous));
}

/** The manifest as its files, shards first and the root last (what a run writes, in one call). */
export function manifestFiles<F extends FileRecord>(manifest: Manifest, sink: FileSink<F>, previous?: IncrementalRecord): F[] {
  const { manifest: whole, shards } = withShards(manifest, sink);
  return [...shards, manifestFile(whole, shards, sink, previous)];
}

/** A shard as JSON, laid out as the root is (see rootJson). */
function* shardJson({ scope, records }: Shard): Generator<string> {
  const head = { generator: 'obsgen', manifestVersion: MANIFEST_VERSION, ...(scope ? { scope } : {}) };
  yield* manifestLines(Object.entries({ ...head, ...compactRecords(records) }));
  yield '\n}\n';
}

/**
 * The root as JSON with one top-level key, and one array element, per line: compact for large
 * estates (no deep indentation), and a change to one object is a one-line diff.
 *
 * The incremental record, last, carries the SHA-256 of the text above it (its `body`, up to the
 * comma before it); the text lists every shard's hashes, so it vouches for them too. When that
 * text is the previous run's, the previous record is kept as it was: inputs that shape nothing
 * (a tag nobody reads, metric history whose thresholds stay in the hysteresis band) must leave
 * the output byte-identical, and its key still names inputs that give exactly this output.
 * Otherwise the run's own key is written, if it has one (a run that reported nothing), else none.
 */
function* rootJson(manifest: Manifest, shards: readonly FileRecord[], previous: IncrementalRecord | undefined): Generator<string> {
  // As pieces made while the file is encoded: at scale the file lists thousands of files, and
  // its text is never held, neither as one string nor as pieces.
  const body = createHash('sha256');
  const root = {
    generator: manifest.generator,
    manifestVersion: MANIFEST_VERSION,
    version: manifest.version,
    format: manifest.format,
    inputs: manifest.inputs,
    scopes: manifest.scopes,
    shards: shards.map((f) => f.path),
    unmonitored: manifest.unmonitored,
    files: manifest.files,
  };
  for (const piece of manifestLines(Object.entries(root))) {
    body.update(piece);
    yield piece;
  }
  const digest = body.digest('hex');
  const record = previous?.body === digest ? previous : manifest.incremental ? { key: manifest.incremental.key, body: digest } : undefined;
  yield record ? `,\n  ${JSON.stringify(INCREMENTAL_KEY)}: ${JSON.stringify({ key: record.key, body: record.body })}\n}\n` : '\n}\n';
}

/** The manifest's keys, one per line, up to the last value (without what follows it). */
function* manifestLines(entries: [string, unknown][]): Generator<string> {
  yield '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    if (i > 0) yield ',\n';
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
  }
}
