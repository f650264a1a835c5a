import { resolve as resolvePath } from 'node:path';
import type { LiveProgress } from '../aws/live-source.js';
import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { FileRecord, FileSink } from '../targets/files.js';
import type { Manifest } from '../state/manifest.js';
import { acquire } from './acquire.js';
import type { Acquired } from './acquire.js';
import type { Generated } from './generate.js';
import { configFor, readBlueprintsFor, readPreviousManifest } from './inputs.js';
import type { InputOptions } from './inputs.js';
import type { RunState, StageId, StageProgress } from './stages.js';
import type { HistorySeries } from '../tune/history.js';
import { incrementalKey, unchangedOutput } from './unchanged.js';
import type { Unchanged } from './unchanged.js';

/** What a run needs besides its options: where it runs, and how it reports live progress. */
export interface RunEnvironment {
  /** Relative paths on the command line are relative to this. */
  cwd: string;
  onProgress?: (p: LiveProgress) => void;
  /** Told as each stage of the run starts. */
  onStage?: (p: StageProgress) => void;
}

/** A run's inputs: the config (with the command line's overrides), blueprints, the previous manifest and the acquired inventory. */
export interface Inputs extends Acquired {
  config: Config;
  blueprints: Blueprint[];
  previous: Manifest | undefined;
  /** The run's incremental key, when it has one (a run over files; see unchanged.ts). */
  key?: string;
}

/** How a run reads its inputs. */
export interface ReadInputs {
  /** Read the previous run's manifest in the output folder. */
  previous: boolean;
  open?: OpenOutput;
  /** Answer from the manifest when the inputs are unchanged (see unchanged.ts), without reading them further. */
  reuse?: boolean;
}

/**
 * Loads what a run reads, in order: the config, the blueprints, the previous run's manifest in
 * the output folder, then the inventory (and history) from its source. With `reuse`, when the
 * run's key is the one the output folder's manifest records and the folder is intact, only the
 * config and that (see unchanged.ts). Undefined when an error (already in `diags`) stops it.
 */
export async function loadInputs(
  options: InputOptions & { allResourceTypes?: boolean },
  env: RunEnvironment,
  diags: Diagnostics,
  read: ReadInputs,
): Promise<Inputs | { config: Config; unchanged: Unchanged } | undefined> {
  const config = await configFor(options, env.cwd, diags);
  if (!config) return undefined;
  const blueprints = readBlueprintsFor(config, diags);
  // The output folder is opened (locked, an interrupted commit recovered) before its manifest is read.
  if (read.open && (diags.hasErrors || !(await read.open(config)))) return undefined;
  // Before the previous manifest is parsed and the inventory read: that is what it saves.
  // A snapshot's replay records no key, as the live run it replays (see incrementalKey).
  const key = read.previous && !options.snapshot && !diags.hasErrors ? incrementalKey(config, blueprints) : undefined;
  // A run that reported something (a warning from the config) records no key, so it never matches.
  const unchanged = read.reuse && key && diags.items.length === 0 ? unchangedOutput(config.output.dir, key) : undefined;
  if (unchanged) return { config, unchanged };
  const previous = read.previous ? readPreviousManifest(config.output.dir, diags) : undefined;
  if (diags.hasErrors) return undefined;
  const acquired = await acquire(
    config,
    blueprints,
    {
      ...(options.snapshot ? { snapshot: resolvePath(env.cwd, options.snapshot) } : {}),
      ...(options.allResourceTypes ? { allResourceTypes: true } : {}),
      ...(env.onProgress ? { onProgress: env.onProgress } : {}),
    },
    diags,
  );
  // With errors too: a caller reports what a live source did before the run stopped.
  return acquired && { ...acquired, config, blueprints, previous, ...(key ? { key } : {}) };
}

/**
 * Opens the output folder once the config says where it is, before the previous manifest there
 * is read (the write layer's lock and recovery); false stops the run, the reason in `diags`.
 */
export type OpenOutput = (config: Config) => Promise<boolean>;

/**
 * A run state over loaded inputs. The stages (and the targets they emit with) are loaded here,
 * once a run needs them: a run answered from the manifest (unchanged.ts) loads none of them.
 */
async function stateFor<F extends FileRecord>(inputs: Inputs, diags: Diagnostics, sink: FileSink<F>, allowRemovals: boolean): Promise<RunState<F>> {
  const { initialState } = await import('./generate.js');
  const state = initialState(inputs.inventory, inputs.blueprints, inputs.config, inputs.previous, diags, {
    sink,
    tuning: { history: inputs.history, unavailable: inputs.historyUnavailable },
    allowRemovals,
  });
  // The very set the acquired history reader marks as it finds a file it cannot use (a
  // snapshot's): it is read during the tune stage, which must see those marks.
  state.historyUnavailable = inputs.historyUnavailable;
  if (inputs.key) state.incrementalKey = inputs.key;
  return inputs.live ? { ...state, live: inputs.live } : state;
}

/** The outcome of a whole run: its inputs (when they loaded) and what it generated (when nothing stopped it). */
export interface RunOutcome<F extends FileRecord> {
  inputs?: Inputs;
  state?: RunState<F>;
  result?: Generated<F>;
  /** The inputs were those of the run that wrote the output folder, which is intact: nothing was built. */
  unchanged?: { config: Config; output: Unchanged };
}

/**
 * What `generate`, `plan` and `explain` share: the inputs, then every stage, the files going to
 * the sink the caller makes once the config says where output goes.
 */
export async function runGenerate<F extends FileRecord>(
  options: InputOptions,
  env: RunEnvironment,
  diags: Diagnostics,
  run: { allowRemovals: boolean; sinkFor: (config: Config, previous: Manifest | undefined) => FileSink<F>; open?: OpenOutput; reuse?: boolean },
): Promise<RunOutcome<F>> {
  const loaded = await loadInputs(options, env, diags, { previous: true, ...(run.open ? { open: run.open } : {}), reuse: run.reuse ?? false });
  if (loaded && 'unchanged' in loaded) return { unchanged: { config: loaded.config, output: loaded.unchanged } };
  const inputs = loaded;
  if (!inputs || diags.hasErrors) return inputs ? { inputs } : {};
  const state = await stateFor(inputs, diags, run.sinkFor(inputs.config, inputs.previous), run.allowRemovals);
  if (env.onStage) state.onStage = env.onStage;
  const { generateFrom } = await import('./generate.js');
  const result = await generateFrom(state);
  return { inputs, state, ...(result ? { result } : {}) };
}

/** Loads the inputs and runs the stages up to `until` (for commands that need less than a whole run). */
export async function runUntil<F extends FileRecord>(
  options: InputOptions & { allResourceTypes?: boolean },
  env: RunEnvironment,
  diags: Diagnostics,
  until: StageId,
  sink: FileSink<F>,
  historySink?: (scope: string, series: HistorySeries) => void,
): Promise<RunOutcome<F>> {
  const inputs = await loadInputs(options, env, diags, { previous: false });
  if (inputs && 'unchanged' in inputs) throw new Error('internal error: a run that does not reuse output was answered from it');
  if (!inputs || diags.hasErrors) return inputs ? { inputs } : {};
  const state = await stateFor(inputs, diags, sink, true);
  const { runStages, STAGES } = await import('./stages.js');
  // A run that stops before tuning hands the history the live source reads to its caller.
  const at = (id: StageId) => STAGES.findIndex((x) => x.id === id);
  if (historySink && at(until) < at('tune')) state.historySink = historySink;
  await runStages(state, until);
  return { inputs, state };
}
