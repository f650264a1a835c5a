import type { ExistingLogGroup, ScopeStatus } from '../discover/types.js';
import type { Unmonitored } from '../match/types.js';
import type { BandDecision, ThresholdProvenance, TuningReport } from '../tune/types.js';
import { sha256 } from '../util/hash.js';
import type { StackRecord } from '../targets/target.js';

/*
 * The manifest is the run's memory: what the previous run generated, read back by the next
 * one to keep stacks and thresholds stable, to compare (`plan`, `--check`, `drift`) and to know
 * which files it owns. Its types live here; `read.ts` parses (and upgrades) it, `write.ts`
 * builds and serialises it, `shards.ts` splits its records by account and region, `compact.ts`
 * leaves out of the files what the reader restores.
 */

export const MANIFEST_FILE = 'obsgen.manifest.json';
/**
 * 6: the records of each account and region in a shard of their own beside the root (see
 * `shards.ts`); 5 and earlier are one file, read as they are.
 * 5: an alarm's metric, when it is its group's with the resource's name in it, is left to the
 * group's `metricTemplate` (see `compact.ts`); 4 (every such metric in its alarm's line) and 3
 * (an alarm's resource by its index, so that adding a resource changed the line of every alarm
 * after it) and 2 are read as they are, 1 upgraded.
 */
export const MANIFEST_VERSION = 6;

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
  /** As deployed: with a band, the band's operator (`GreaterThanUpperThreshold`, …). */
  comparison: string;
  treatMissingData: string;
  /** The static threshold; with a band, the one the alarm would have without it (not deployed). */
  threshold: number;
  /** An anomaly detection band the alarm compares with instead of `threshold`. */
  band?: BandDecision;
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
  /** The first 16 hex digits of the SHA-256 of the alarm rule: what `drift` compares the live rule with. */
  rule: string;
  /**
   * The alarms the rule is in ALARM for (`ALARM("a") OR ALARM("b") …`), by name in rule order:
   * the rule in a form `plan` can show as alarms added to and removed from it, where two
   * hashes say only that it changed. Absent in manifests written before it was recorded.
   */
  childAlarms?: string[];
  actions: string[];
}

/** A monitored resource as discovered: enough to rebuild its monitoring when its scope could not be read. */
export interface ManifestResource {
  /** Its stable id (account/region/type/name), which its alarms' ids begin with; absent in manifests before version 4. */
  id?: string;
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
  /** The IaC targets written: `cloudformation`, `terraform`, `both`, or ids joined by `+`. */
  format: string;
  /** A hash of everything the run read (inventory, log groups, history, blueprints, config). */
  inputs: { fingerprint: string };
  scopes: ScopeStatus[];
  resources: ManifestResource[];
  /** Log groups known to exist, as read this run (or kept for an incomplete scope). */
  existingLogGroups: ExistingLogGroup[];
  stacks: StackRecord[];
  alarms: ManifestAlarm[];
  composites: ManifestComposite[];
  /** `retain`: kept in AWS with its logs when removed (absent in manifests before it was recorded: only imported ones were). */
  logGroups: { id: string; name: string; retentionDays: number; exists: boolean; retain?: boolean }[];
  metricFilters: { id: string; logGroup: string; filterName: string; pattern: string; metric: string }[];
  dashboards: { id: string; name: string; widgets: number; sha256: string }[];
  unmonitored: Unmonitored[];
  /**
   * Each file's hashes (see util/xxh64.ts; no `xxh64` in manifests written before it was recorded)
   * and `render`, its render key (targets/render-key.ts): absent for a file rendered every run,
   * and in manifests before it was recorded.
   */
  files: { path: string; sha256: string; xxh64?: string; render?: string }[];
  /**
   * The key of an incremental run (`pipeline/unchanged.ts`): written only by a run over files
   * that reported nothing, always as the last line, with the SHA-256 of every line above it.
   */
  incremental?: IncrementalRecord;
  /** Set when read from a manifest version that recorded less than this one (1; never written). */
  upgradedFrom?: number;
}

/**
 * What lets the next run with the same inputs answer without rebuilding: the hash of its raw
 * inputs, tool version and options (`key`), and of the manifest's text above this record
 * (`body`, added as the file is written), so that a manifest edited by hand is not trusted.
 */
export interface IncrementalRecord {
  key: string;
  body?: string;
}

/** The manifest's last key when a run records an incremental key. */
export const INCREMENTAL_KEY = 'incremental';

/** How the manifest records a composite alarm's rule (rules can be long; drift only compares them). */
export function ruleHash(rule: string): string {
  return sha256(rule).slice(0, 16);
}

/**
 * How the manifest (and the inputs fingerprint) names the IaC targets written: the one id,
 * `both` for CloudFormation and Terraform (as `--format` says it), else the ids joined by `+`.
 */
export function formatLabel(targets: readonly string[]): string {
  const ids = [...new Set(targets)].sort();
  return ids.join(',') === 'cloudformation,terraform' ? 'both' : ids.join('+');
}
