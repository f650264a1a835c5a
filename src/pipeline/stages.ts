import type { Blueprint } from '../blueprints/types.js';
import { actionPath, configLocation } from '../config/load.js';
import { ACTION_TARGETS } from '../config/types.js';
import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Inventory } from '../discover/types.js';
import type { FileRecord, FileSink } from '../targets/files.js';
import { matchResources } from '../match/match.js';
import type { Matched } from '../match/types.js';
import { buildModel } from '../model/build.js';
import type { Model } from '../model/types.js';
import { resolve } from '../resolve/resolve.js';
import type { PreviousNames, Resolved } from '../resolve/types.js';
import { checkRemovals } from '../safety/guards.js';
import { keepIncompleteScopes } from '../safety/incomplete-scopes.js';
import { warnOfNewIdentities, warnOfStackMoves } from '../safety/same-names.js';
import { PACKAGE_VERSION } from '../package-root.js';
import { inputsFingerprint } from '../state/fingerprint.js';
import { formatLabel } from '../state/manifest.js';
import { outputTags } from '../state/output-tags.js';
import type { Manifest } from '../state/manifest.js';
import { previousDecisions, previousOverrides } from '../state/read.js';
import { previousNames } from '../state/previous-names.js';
import { buildManifest, withShards } from '../state/write.js';
import { compare } from '../util/compare.js';
import type { HistorySeries } from '../tune/history.js';
import { ThresholdTuning } from '../tune/thresholds.js';
import type { Decisions } from '../tune/types.js';
import { actionsFor, renderAction } from '../config/actions.js';
import type { ActionsOf } from '../config/actions.js';
import { warnWithoutActions } from './action-warnings.js';
import { warnOfUnreadableTuningTags, warnOfUselessDefaults } from './threshold-warnings.js';
import { emitTargets } from './emit.js';
import { incrementalEnabled } from './unchanged.js';
import type { TargetSummaries } from './emit.js';
import type { LiveSource } from './live.js';
import type { StackRecord } from '../targets/target.js';

/**
 * Everything a run knows, filled in stage by stage. The inputs come first; each stage reads
 * what earlier stages wrote and adds its own part.
 */
export interface RunState<F extends FileRecord = FileRecord> {
  readonly config: Config;
  readonly blueprints: readonly Blueprint[];
  /** The manifest of the previous run in the output folder, if any. */
  readonly previous: Manifest | undefined;
  readonly diags: Diagnostics;
  /** Where each generated file goes as it is made. */
  readonly sink: FileSink<F>;
  /** Proceed even when the run removes more monitoring than the guards allow. */
  readonly allowRemovals: boolean;
  /** What discovery found; a scope it did not complete is restored from the previous run. */
  inventory: Inventory;
  /**
   * The metric history, read by tuning series by series (files are read one at a time: see
   * ThresholdTuning); a reader may add to `historyUnavailable` as it finds a file it cannot use.
   */
  history: Iterable<HistorySeries>;
  /** Scopes (`account/region`) whose metric history could not be read. */
  historyUnavailable: Set<string>;
  /** When the inventory came from the live account: what else is looked up there, and what was seen (for `snapshot`). */
  live?: LiveSource;
  /** Incomplete scopes whose monitoring was kept from the previous run. */
  kept: string[];
  matched?: Matched;
  resolved?: Resolved;
  /**
   * What the previous run named, read from its manifest by the resolve stage and used again by
   * the model stage, which then lets it go: made twice, it cost a 10,000-resource nightly run
   * 0.1-0.2 s; kept to the end, its maps would add ~17 MB to the run's peak (at emit).
   */
  previousNames?: PreviousNames;
  decisions?: Decisions;
  model?: Model;
  /** The action ARNs configured for a severity (or applications) in a scope. */
  actionsOf?: ActionsOf;
  files: F[];
  stacks: StackRecord[];
  /** Each IaC target's summary line. */
  summaries: TargetSummaries;
  /** The render key of each keyed file (see targets/render-key.ts), recorded in the manifest. */
  renderKeys?: ReadonlyMap<string, string>;
  manifest?: Manifest;
  /** The manifest's shards (state/shards.ts), put with the manifest's stage; its root is written last, once the guards let the run finish. */
  shards?: F[];
  /** The run's incremental key (a run over files), recorded in the manifest when the run reports nothing. */
  incrementalKey?: string;
  /** Told as each stage starts, for a progress line. */
  onStage?: (p: StageProgress) => void;
  /** Threshold decisions in the making, from the first series of history to the tune stage. */
  tuning?: ThresholdTuning;
  /**
   * Where the live look-up sends each series of history it reads, when the run stops before
   * tuning and its caller wants them (`snapshot` writes them); otherwise they go to tuning.
   */
  historySink?: (scope: string, series: HistorySeries) => void;
  /**
   * The stage whose own errors stopped the run, when none came before it: with `guard-removals`,
   * the manifest is what the run would have written had the guards let it (a plan shows it).
   */
  stoppedBy?: StageId;
}

/** Where a run is: the stage starting (1-based of all), over how many resources. */
export interface StageProgress {
  id: string;
  index: number;
  total: number;
  resources: number;
}

/** One step of a run. */
export interface Stage {
  id: string;
  /** Why it is here, for readers of the list. */
  does: string;
  run(state: RunState): void | Promise<void> | undefined;
  /** Stop the run after this stage when any error has been reported so far. */
  stopOnErrors?: boolean;
}

/**
 * The stages of a run, in order. Errors are collected, not thrown: a run reports every
 * problem it can find, and stops only where going on would write something wrong.
 */
export const STAGES = [
  { id: 'restore', does: 'keep the monitoring of scopes discovery did not complete', run: restoreScopes },
  { id: 'match', does: 'which blueprints apply to which resource, with tag overrides', run: (s) => void (s.matched = matchResources(s.inventory, s.blueprints, s.config, s.diags, previousOverrides(s.previous))) },
  { id: 'resolve', does: 'identities, log groups, metric filters and each alarm\'s metric, once', run: resolveStage },
  { id: 'look-up', does: 'live only: the log groups that exist and the tuned metrics\' history', run: lookUp },
  { id: 'tune', does: 'every alarm\'s threshold: tag, tuned from history, or default', run: tune },
  { id: 'model', does: 'alarms, composites, log groups, filters and dashboards', run: model },
  { id: 'check-actions', does: 'every configured action renders to an ARN in every scope', run: checkActions, stopOnErrors: true },
  { id: 'emit', does: 'the output targets write their files', run: emit },
  { id: 'manifest', does: 'what was generated, for the next run', run: emitManifest },
  { id: 'same-names', does: 'warn of an object AWS knows by a name that this run gives another id or stack (deleted and created again)', run: sameNames },
  { id: 'guard-removals', does: 'stop a run that would remove more than the guards allow', run: guardRemovals, stopOnErrors: true },
] as const satisfies readonly Stage[];

export type StageId = (typeof STAGES)[number]['id'];

/**
 * Runs the stages in order, up to and including `until` (all by default). False when an error
 * stopped the run.
 */
export async function runStages(state: RunState, until?: StageId): Promise<boolean> {
  for (const [i, stage] of (STAGES as readonly Stage[]).entries()) {
    state.onStage?.({ id: stage.id, index: i + 1, total: STAGES.length, resources: state.inventory.resources.length });
    const clean = !state.diags.hasErrors;
    await stage.run(state);
    if (stage.stopOnErrors && state.diags.hasErrors) return stopped(state, stage, clean);
    if (stage.id === until) break;
  }
  return until !== undefined || !state.diags.hasErrors;
}

/**
 * The same, for inputs already in memory (no live source): every stage then runs synchronously,
 * which is what the library's in-memory `generate` and the tests use.
 */
export function runStagesSync(state: RunState, until?: StageId): boolean {
  if (state.live) throw new Error('internal error: a live run needs runStages');
  for (const stage of STAGES as readonly Stage[]) {
    const clean = !state.diags.hasErrors;
    if (stage.run(state) !== undefined) throw new Error(`internal error: stage ${stage.id} did not finish synchronously`);
    if (stage.stopOnErrors && state.diags.hasErrors) return stopped(state, stage, clean);
    if (stage.id === until) break;
  }
  return until !== undefined || !state.diags.hasErrors;
}

/** Records which stage stopped the run, when the errors are all its own; false. */
function stopped(state: RunState, stage: Stage, clean: boolean): false {
  if (clean) state.stoppedBy = stage.id as StageId;
  return false;
}

/** A stage's input; missing means the stages ran out of order (a bug, not bad input). */
function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal error: ${what} is needed before it is made`);
  return value;
}

function restoreScopes(s: RunState): void {
  const { inventory, kept } = keepIncompleteScopes(s.inventory, s.previous, s.config.resourceTypes);
  s.inventory = inventory;
  s.kept = kept;
}

function lookUp(s: RunState): Promise<void> | undefined {
  return s.live ? lookUpThenRedo(s, s.live) : undefined;
}

async function lookUpThenRedo(s: RunState, live: LiveSource): Promise<void> {
  // Loaded only for a live run, as in acquire.ts: it brings the AWS SDK, which a file-based
  // run would otherwise load for nothing (about a third of a one-resource run's CPU).
  const { lookUpLive } = await import('./live.js');
  // Each series fetched goes to tuning at once, or to the caller of a run that stops before
  // tuning (`snapshot`).
  const feed = s.historySink ?? ((_scope: string, series: HistorySeries) => tuningOf(s).feed(series));
  const { incomplete } = await lookUpLive(live, s, need(s.resolved, 'resolved'), feed);
  // A scope whose existing log groups could not be read is kept as it was, like one whose
  // resources could not be listed: its resources are restored, then matched and resolved again.
  if (incomplete) for (const id of ['restore', 'match', 'resolve']) await STAGES.find((x) => x.id === id)!.run(s);
}

function tune(s: RunState): void {
  // History files come after what the live source read: for the same metric, they win.
  const tuning = tuningOf(s);
  for (const series of s.history) tuning.feed(series);
  s.decisions = tuning.decisions(need(s.resolved, 'resolved'));
  s.tuning = undefined;
  warnOfUselessDefaults(need(s.resolved, 'resolved'), s.decisions, s.diags);
  warnOfUnreadableTuningTags(need(s.resolved, 'resolved'), s.config, s.diags);
}

/**
 * The run's threshold tuning, made when the first series comes (live: in the look-up stage) or
 * at the tune stage. Which scopes' history is unavailable is asked as each alarm is decided: a
 * scope discovery did not complete has none this run (its tuned thresholds hold); a live fetch
 * that failed, or a snapshot's file found unusable as it is read, marks its scope, and then what
 * tuning was handed of it is not used either (`unread`: marked after tuning began).
 */
function tuningOf(s: RunState): ThresholdTuning {
  if (s.tuning) return s.tuning;
  const given = new Set(s.historyUnavailable);
  const scopeKey = (x: { account: string; region: string }) => `${x.account}/${x.region}`;
  const incomplete = (scope: string) => s.inventory.scopes.some((x) => !x.complete && scopeKey(x) === scope);
  return (s.tuning = new ThresholdTuning(need(s.resolved, 'resolved'), s.config, {
    unavailable: { has: (scope) => s.historyUnavailable.has(scope) || incomplete(scope) },
    unread: { has: (scope) => s.historyUnavailable.has(scope) && !given.has(scope) },
    ...(s.previous ? { previous: previousDecisions(s.previous) } : {}),
  }));
}

function resolveStage(s: RunState): void {
  s.previousNames ??= previousNames(s.previous);
  s.resolved = resolve(need(s.matched, 'matched'), s.config, s.diags, s.previousNames);
}

function model(s: RunState): void {
  s.model = buildModel(need(s.resolved, 'resolved'), need(s.decisions, 'decisions'), s.inventory.existingLogGroups, s.config, s.diags, need(s.previousNames, 'previous names'));
  s.previousNames = undefined;
  s.actionsOf = actionsFor(s.config);
}

// No comma: a CloudFormation stack takes a severity's actions as one comma-delimited list parameter.
const ACTION_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d*:[^,]+$/;

/** Every configured action must render to an ARN in every scope it is used in; and some alarm notifies someone. */
function checkActions(s: RunState): void {
  const actionsOf = need(s.actionsOf, 'actions');
  warnWithoutActions(need(s.model, 'model'), s.config, actionsOf, s.diags);
  for (const scope of need(s.model, 'model').scopes) {
    for (const target of ACTION_TARGETS) {
      for (const [i, source] of s.config.actions[target].entries()) {
        const at = configLocation(s.config, actionPath(s.config, target, i));
        let value: string;
        try {
          value = renderAction(source, scope);
        } catch (e) {
          s.diags.error(`${(e as Error).message.split('\n')[0]} (variables: partition, account, region)`, at);
          continue;
        }
        if (!ACTION_ARN.test(value)) s.diags.error(`gives ${JSON.stringify(value)} for ${scope.account}/${scope.region}, which is not an ARN${value.includes(',') ? ' (commas cannot be in an action ARN)' : ''}`, at);
      }
    }
  }
}

function emit(s: RunState): void {
  // Files are kept rather than rendered only where the unchanged-run fast path may answer (see
  // incrementalEnabled): the keys name the code by the tool version. Reuse cannot change a byte
  // of the output (render-key.ts), so a live run and its replay from a snapshot may both use it.
  const { files, stacks, summaries, renders } = emitTargets(need(s.model, 'model'), s.config, need(s.actionsOf, 'actions'), s.previous, s.sink, incrementalEnabled());
  s.renderKeys = renders.keys;
  s.files = files;
  s.stacks = stacks;
  s.summaries = summaries;
}

/**
 * The manifest of what this run generated, and its shards (among the run's files: `plan` and the
 * guards see them like any other). Its root is written once the guards let the run finish.
 */
function emitManifest(s: RunState): void {
  const { manifest, shards } = withShards(buildRunManifest(s), s.sink);
  s.manifest = manifest;
  s.shards = shards;
  s.files = [...s.files, ...shards].sort((a, b) => compare(a.path, b.path));
}

function buildRunManifest(s: RunState): Manifest {
  const resolved = need(s.resolved, 'resolved');
  const actionsOf = need(s.actionsOf, 'actions');
  const recorded = outputTags(s.config, s.blueprints);
  return buildManifest({
    version: PACKAGE_VERSION,
    format: formatLabel(s.config.output.targets),
    fingerprint: inputsFingerprint(s.inventory, s.blueprints, s.config, recorded),
    recordedTags: recorded,
    model: need(s.model, 'model'),
    resolved,
    existingLogGroups: s.inventory.existingLogGroups,
    stacks: s.stacks,
    files: s.files,
    ...(s.renderKeys ? { renderKeys: s.renderKeys } : {}),
    actionsOf: (target, scope) => actionsOf.list(target, scope),
    // Only a run that reported nothing can be answered again from its manifest: a warning (and
    // its exit code) is not recorded, so it could not be given again without the full run.
    ...(s.incrementalKey && s.diags.items.length === 0 ? { incrementalKey: s.incrementalKey } : {}),
  });
}

function sameNames(s: RunState): void {
  const manifest = need(s.manifest, 'manifest');
  warnOfNewIdentities(s.previous, manifest, s.diags);
  warnOfStackMoves(s.previous, manifest, s.diags);
}

function guardRemovals(s: RunState): void {
  checkRemovals(s.previous, need(s.manifest, 'manifest'), { ...s.config.guards, allowRemovals: s.allowRemovals }, s.diags);
}
