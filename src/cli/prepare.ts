import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { FileRecord, FileSink } from '../emit/files.js';
import type { Manifest } from '../state/manifest.js';
import { generate, readBlueprints } from '../pipeline.js';
import type { Generated } from '../pipeline.js';
import { acquireInventory, tuningOf } from './acquire.js';
import { configFor, readBlueprintSources, readPreviousManifest } from './inputs.js';
import type { InputOptions } from './inputs.js';
import type { CliIo } from './io.js';

export interface Prepared<F extends FileRecord> {
  config: Config;
  /** The manifest of the previous run in the output folder, if any. */
  previous: Manifest | undefined;
  result: Generated<F>;
}

/**
 * Everything `generate`, `plan` and `explain` share: config, blueprints, the previous
 * manifest, the inventory from its source, and the generation itself, its files going to
 * the sink the command makes once the config says where output goes (nothing is written to
 * the output folder here). Undefined when an error (already in `diags`) stops it.
 */
export async function prepareRun<F extends FileRecord>(
  options: InputOptions,
  io: CliIo,
  diags: Diagnostics,
  run: { quiet: boolean; allowRemovals: boolean; sinkFor: (config: Config, previous: Manifest | undefined) => FileSink<F> },
): Promise<Prepared<F> | undefined> {
  const config = await configFor(options, io.cwd, diags);
  if (!config) return undefined;
  const blueprints = readBlueprints(readBlueprintSources(config, diags), diags);
  const previous = readPreviousManifest(config.output.dir, diags);
  if (diags.hasErrors) return undefined;
  const acquired = await acquireInventory(config, blueprints, io, { quiet: run.quiet, ...(options.snapshot ? { snapshot: options.snapshot } : {}) }, diags);
  if (!acquired || diags.hasErrors) return undefined;
  const result = generate(acquired.inventory, blueprints, config, previous, diags, { sink: run.sinkFor(config, previous), tuning: tuningOf(acquired), allowRemovals: run.allowRemovals });
  return result ? { config, previous, result } : undefined;
}
