import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Inventory } from '../discover/types.js';
import type { FileRecord, FileSink } from '../targets/files.js';
import type { Model } from '../model/types.js';
import type { Resolved } from '../resolve/types.js';
import type { Manifest } from '../state/manifest.js';
import { manifestFile } from '../state/write.js';
import type { HistorySeries } from '../tune/history.js';
import type { TargetSummaries } from './emit.js';
import type { RunState } from './stages.js';
import { runStages, runStagesSync } from './stages.js';

export interface Generated<F extends FileRecord = FileRecord> {
  resolved: Resolved;
  model: Model;
  /** The generated files as the sink returned them, sorted by path, the manifest last. */
  files: F[];
  manifest: Manifest;
  /** Incomplete scopes whose monitoring was kept from the previous run. */
  keptScopes: string[];
  /** Each IaC target's summary line. */
  summaries: TargetSummaries;
}

export interface GenerateOptions<F extends FileRecord> {
  /** Where each file goes as it is made (in memory, or the output folder's staging). */
  sink: FileSink<F>;
  /** Metric history, and the scopes (`account/region`) whose history could not be read. */
  tuning?: { history: Iterable<HistorySeries>; unavailable?: ReadonlySet<string> };
  /** Proceed even when the run removes more monitoring than the guards allow. */
  allowRemovals?: boolean;
}

/** A run's state before its first stage. */
export function initialState<F extends FileRecord>(
  inventory: Inventory,
  blueprints: readonly Blueprint[],
  config: Config,
  previous: Manifest | undefined,
  diags: Diagnostics,
  options: GenerateOptions<F>,
): RunState<F> {
  return {
    config,
    blueprints,
    previous,
    diags,
    sink: options.sink,
    allowRemovals: options.allowRemovals ?? false,
    inventory,
    history: options.tuning?.history ?? [],
    historyUnavailable: new Set(options.tuning?.unavailable ?? []),
    kept: [],
    files: [],
    stacks: [],
    summaries: [],
  };
}

/**
 * Runs every stage over inputs in memory: match → resolve → tune → model → emit, then the
 * manifest. Scopes that discovery did not complete keep their previous monitoring; a run that
 * would remove more than the guards allow is an error. Undefined when an error stops it.
 */
export function generate<F extends FileRecord>(
  inventory: Inventory,
  blueprints: readonly Blueprint[],
  config: Config,
  previous: Manifest | undefined,
  diags: Diagnostics,
  options: GenerateOptions<F>,
): Generated<F> | undefined {
  const state = initialState(inventory, blueprints, config, previous, diags, options);
  return runStagesSync(state) ? generated(state) : undefined;
}

/** The same over a run state that may have a live source. */
export async function generateFrom<F extends FileRecord>(state: RunState<F>): Promise<Generated<F> | undefined> {
  return (await runStages(state)) ? generated(state) : undefined;
}

/** What a finished run generated; the manifest's file is written last, once nothing stopped the run. */
function generated<F extends FileRecord>(state: RunState<F>): Generated<F> {
  const manifest = state.manifest!;
  return { resolved: state.resolved!, model: state.model!, files: [...state.files, manifestFile(manifest, state.shards ?? [], state.sink, state.previous?.incremental)], manifest, keptScopes: state.kept, summaries: state.summaries };
}
