/**
 * The evaluation's only door into obsgen. Every import from `src/` is in this file, behind
 * `emitAlarm`: `src/` is being reorganised, and rewiring the evaluation means rewiring this
 * file alone. The rest of the harness sees only the types declared here and in `types.ts`.
 *
 * It runs the real pipeline (`generate`: match → tune → build → emit, in memory, built-in
 * blueprints, default config) over a one-resource inventory with the scenario's history
 * under the exact key the alarm evaluates, and reads the emitted alarm back from the model.
 */
import { readFileSync } from 'node:fs';
import type { Blueprint, TuningSpec } from '../../src/blueprints/types.js';
import { resolveConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { inMemory } from '../../src/targets/files.js';
import type { Manifest } from '../../src/state/manifest.js';
import type { AlarmModel } from '../../src/model/types.js';
import { generate } from '../../src/pipeline/generate.js';
import { readBlueprints, readInventory } from '../../src/pipeline/inputs.js';
import { builtinBlueprintFiles } from '../../src/services/registry.js';
import { historyKey, MetricHistory } from '../../src/tune/history.js';
import { ARN_MAKERS } from '../lib/arn-makers.js';
import type { Comparison, DeployedAlarm, TreatMissingData } from './types.js';

/** Which alarm of which built-in blueprint, on a resource of which type. */
export interface AlarmTarget {
  /** obsgen's resource type id, e.g. `ec2:instance` (a key of ARN_MAKERS). */
  resourceType: string;
  /** `<blueprint id>/<alarm id>`, e.g. `ec2-instance/cpu`. */
  alarm: string;
  /** The resource's name (it must match the blueprint, e.g. no `dlq` in an SQS queue's). */
  name: string;
  /** Extra tags on the resource (e.g. `obsgen:timeout-ms`). */
  tags?: Record<string, string>;
}

/** A tuning policy forced onto the alarm through the config's `tuning.policies`. */
export interface PolicySpec {
  policy: 'percentile' | 'robust' | 'noise-budget' | 'envelope';
  /** Forces an anomaly detection band (`always`). */
  band?: 'always';
  percentile?: number;
  k?: number;
  maxEpisodes?: number;
  headroom?: number;
  floor?: number;
  newNormalAfterDays?: number;
}

/** How the run decides thresholds: tuning disabled, the default config, or a forced policy. */
export type TuningChoice = { kind: 'off' } | { kind: 'default' } | { kind: 'policy'; spec: PolicySpec };

/** The metric's history as the run would have fetched it: one value per period, NaN = missing. */
export interface HistoryWindow {
  /** Epoch seconds of the first value. */
  start: number;
  period: number;
  values: Float64Array;
}

declare const previousRunBrand: unique symbol;
/** The previous run's state (its manifest), opaque to the harness: handed back on the next night. */
export interface PreviousRun {
  readonly [previousRunBrand]: true;
}

/** What one run emitted for the alarm. */
export interface Emission {
  alarm: DeployedAlarm;
  /** Where the threshold came from (`tuned: …`, `fallback: …`, `default …`, or `kept by hysteresis …`). */
  provenance: string;
  /** For the next night's run. */
  run: PreviousRun;
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ANCHOR = `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0123456789abcdef0`;

let blueprints: Blueprint[] | undefined;
function builtinBlueprints(): Blueprint[] {
  if (!blueprints) {
    const diags = new Diagnostics();
    const sources = builtinBlueprintFiles().map((file) => ({ file, text: readFileSync(file, 'utf8'), builtin: true }));
    blueprints = readBlueprints(sources, diags);
    failOn(diags, 'built-in blueprints');
  }
  return blueprints;
}

function failOn(diags: Diagnostics, what: string): void {
  if (diags.hasErrors) throw new Error(`${what}: ${diags.items.map(formatDiagnostic).join('; ')}`);
}

const configs = new Map<string, Config>();
function configFor(target: AlarmTarget, tuning: TuningChoice): Config {
  const key = JSON.stringify([target.alarm, tuning]);
  let config = configs.get(key);
  if (!config) {
    const policies: Record<string, TuningSpec> = tuning.kind === 'policy' ? { [target.alarm]: { ...tuning.spec } } : {};
    // The alarm is turned on even when it is opt-in (traffic-drop): the scenario is about it.
    config = resolveConfig({ tuning: { enabled: tuning.kind !== 'off', policies }, enable: [{ alarms: [target.alarm] }] }, undefined, '/nonexistent');
    configs.set(key, config);
  }
  return config;
}

function inventoryText(target: AlarmTarget): string {
  const make = ARN_MAKERS[target.resourceType];
  if (!make) throw new Error(`no ARN maker for ${target.resourceType}`);
  const made = make(ACCOUNT, REGION, target.name);
  const tags = { ...made.tags, ...target.tags };
  return JSON.stringify({
    ResourceTagMappingList: [
      { ResourceARN: made.arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      // API Gateway ARNs carry no account (S3 ones no region): obsgen takes them from the other
      // resources of the listing, as a real get-resources listing has. A type obsgen does not
      // monitor supplies them without adding any alarm.
      { ResourceARN: ANCHOR, Tags: [] },
    ],
  });
}

/** The real pipeline over a one-resource inventory of the target's resource. */
function generateOne(target: AlarmTarget, config: Config, history: MetricHistory, previous: Manifest | undefined): { result: NonNullable<ReturnType<typeof generate>>; diags: Diagnostics } {
  const diags = new Diagnostics();
  const inventory = readInventory([{ file: 'inventory.json', text: inventoryText(target) }], diags);
  failOn(diags, `inventory for ${target.alarm}`);
  const result = generate(inventory, builtinBlueprints(), config, previous, diags, { sink: inMemory, tuning: { history }, allowRemovals: true });
  failOn(diags, `generate for ${target.alarm}`);
  return { result: result!, diags };
}

function run(target: AlarmTarget, tuning: TuningChoice, history: MetricHistory, previous: Manifest | undefined): { alarm: AlarmModel; manifest: Manifest } {
  const { result, diags } = generateOne(target, configFor(target, tuning), history, previous);
  const [blueprint, id] = target.alarm.split('/');
  const alarm = result.model.alarms.find((a) => a.blueprintId === blueprint && a.alarmId === id);
  if (!alarm) throw new Error(`${target.alarm} was not emitted for a ${target.resourceType} named ${target.name}: ${JSON.stringify(result.manifest.unmonitored)} ${diags.items.map(formatDiagnostic).join('; ')}`);
  return { alarm, manifest: result.manifest };
}

// The history key depends only on the resource and the alarm; found once by a run without history.
const keys = new Map<string, string>();
function keyOf(target: AlarmTarget): string {
  const k = JSON.stringify(target);
  let key = keys.get(k);
  if (!key) {
    const { alarm } = run(target, { kind: 'off' }, new MetricHistory(), undefined);
    key = historyKey(alarm.metric, alarm.period);
    keys.set(k, key);
  }
  return key;
}

/** A metric math alarm's expression and, by query id, the CloudWatch metric name each id reads. */
export interface AlarmMath {
  expression: string;
  metrics: Record<string, string>;
}

/**
 * The expression the alarm evaluates, as emitted (no history, tuning off: the expression does
 * not depend on either), or undefined for an alarm on one metric. The corpus gives a math
 * alarm's raw metrics; the evaluation computes the expression from them (scripts/eval/math.ts).
 */
export function alarmMath(target: AlarmTarget): AlarmMath | undefined {
  const { alarm } = run(target, { kind: 'off' }, new MetricHistory(), undefined);
  if (alarm.metric.kind !== 'math') return undefined;
  return { expression: alarm.metric.expression, metrics: Object.fromEntries(alarm.metric.queries.map((q) => [q.id, q.metric.name])) };
}

/**
 * Runs obsgen's real pipeline for one resource with the given history (under the key the
 * alarm evaluates) and returns the alarm as emitted. `previous` is the last night's run, so
 * that hysteresis and whatever tuning does with the previous decision take part.
 */
export function emitAlarm(target: AlarmTarget, tuning: TuningChoice, history: HistoryWindow, previous?: PreviousRun): Emission {
  const series = { key: keyOf(target), start: history.start, period: history.period, values: history.values };
  const { alarm, manifest } = run(target, tuning, new MetricHistory([series]), previous as unknown as Manifest | undefined);
  if (alarm.period !== history.period) throw new Error(`${target.alarm} evaluates ${alarm.period}-second periods, the history has ${history.period}`);
  const p = alarm.threshold.provenance;
  // A decision kept by hysteresis carries the previous run's provenance verbatim; say so.
  const band = alarm.threshold.band;
  const source = band ? `band: ${band.reason}` : p.kind === 'default' ? 'default (no tuning policy for this alarm)' : `${p.kind}${'reason' in p ? `: ${p.reason}` : ''}`;
  const kept = alarm.threshold.kept;
  return {
    alarm: {
      threshold: alarm.threshold.value,
      ...(band ? { band: { width: band.width, side: band.side, ...(band.fill === undefined ? {} : { fill: band.fill }) } } : {}),
      comparison: alarm.comparison satisfies Comparison,
      evaluationPeriods: alarm.evaluationPeriods,
      datapointsToAlarm: alarm.datapointsToAlarm,
      treatMissingData: alarm.treatMissingData satisfies TreatMissingData,
      period: alarm.period,
    },
    provenance: kept ? `kept by hysteresis (${kept.reason}); ${source}` : source,
    run: manifest as unknown as PreviousRun,
  };
}

/** One window alarm of a service level objective, as obsgen emits it. */
export interface SloWindowAlarm {
  pair: 'fast' | 'slow' | 'ticket';
  role: 'long' | 'short';
  /** Seconds: the window's length and the alarm's one period. */
  period: number;
  threshold: number;
  expression: string;
  /** Query id → CloudWatch metric name (its Sum or SampleCount over the period). */
  queries: Record<string, string>;
}

/**
 * The window alarms obsgen emits for an availability objective (percent over 30 days) on the
 * target's resource: the real pipeline with the config's `slos`, no history. Which of them page
 * is the composite rule documented in src/match/slo-alarms.ts (long AND short, per pair).
 */
export function emitSloWindows(target: AlarmTarget, availability: number): SloWindowAlarm[] {
  const config = resolveConfig({ tuning: { enabled: false }, slos: [{ availability }] }, undefined, '/nonexistent');
  const { result } = generateOne(target, config, new MetricHistory(), undefined);
  const windows = result.model.alarms.filter((a) => a.slo && a.slo.kind === 'availability');
  if (windows.length === 0) throw new Error(`no SLO window alarms for ${target.resourceType}`);
  return windows.map((a) => {
    if (a.metric.kind !== 'math') throw new Error(`${a.id}: an SLO window is metric math`);
    return {
      pair: a.slo!.pair,
      role: a.slo!.role,
      period: a.period,
      threshold: a.threshold.value,
      expression: a.metric.expression,
      queries: Object.fromEntries(a.metric.queries.map((q) => [q.id, q.metric.name])),
    };
  });
}
