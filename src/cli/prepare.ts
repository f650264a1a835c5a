import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { FileRecord, FileSink } from '../targets/files.js';
import type { Generated } from '../pipeline/generate.js';
import type { InputOptions } from '../pipeline/inputs.js';
import { runGenerate } from '../pipeline/run.js';
import type { OpenOutput } from '../pipeline/run.js';
import { incrementalEnabled } from '../pipeline/unchanged.js';
import type { Unchanged } from '../pipeline/unchanged.js';
import type { Manifest } from '../state/manifest.js';
import type { CliIo } from './io.js';
import { finishLive, progressPrinter } from './live-report.js';

export interface Prepared<F extends FileRecord> {
  config: Config;
  /** The manifest of the previous run in the output folder, if any. */
  previous: Manifest | undefined;
  result: Generated<F>;
  unchanged?: undefined;
  stopped?: undefined;
}

/** A run whose inputs and output folder are those of the previous run: answered from its manifest. */
export interface PreparedUnchanged {
  config: Config;
  unchanged: Unchanged;
  result?: undefined;
  stopped?: undefined;
}

/**
 * A run that an error stopped once it knew what it would generate (the removal guards): the
 * manifest it would have written, so that a plan can show what was refused. Nothing may be written.
 */
export interface PreparedStopped {
  config: Config;
  previous: Manifest | undefined;
  stopped: Manifest;
  result?: undefined;
  unchanged?: undefined;
}

/**
 * What `generate`, `plan` and `explain` share: a whole run (or, inputs and output unchanged,
 * the previous run's manifest: see pipeline/unchanged.ts), with progress on a terminal (the
 * live source's phases, then for large inputs the run's stages) and the live source's summary
 * on stderr. Undefined when an error (already in `diags`) stops it before the manifest is made.
 */
export async function prepareRun<F extends FileRecord>(
  options: InputOptions,
  io: CliIo,
  diags: Diagnostics,
  run: { quiet: boolean; allowRemovals: boolean; sinkFor: (config: Config, previous: Manifest | undefined) => FileSink<F>; open?: OpenOutput; reuse?: boolean },
): Promise<Prepared<F> | PreparedUnchanged | PreparedStopped | undefined> {
  const progress = progressPrinter(io, run.quiet);
  const outcome = await runGenerate(options, { cwd: io.cwd, onProgress: progress.update, onStage: progress.stage }, diags, { ...run, reuse: (run.reuse ?? false) && incrementalEnabled() });
  if (outcome.unchanged) return { config: outcome.unchanged.config, unchanged: outcome.unchanged.output };
  await finishLive(io, progress, outcome.inputs, run.quiet);
  const { inputs, result, state } = outcome;
  if (!inputs) return undefined;
  if (result) return { config: inputs.config, previous: inputs.previous, result };
  return state?.stoppedBy === 'guard-removals' && state.manifest ? { config: inputs.config, previous: inputs.previous, stopped: state.manifest } : undefined;
}
