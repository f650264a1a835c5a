import type { ActionsOf } from '../config/actions.js';
import type { Config } from '../config/types.js';
import type { Model } from '../model/types.js';
import type { FileRecord, FileSink } from './files.js';
import type { Renders } from './render-key.js';

/** What the manifest records of a CloudFormation stack, and what the next run reads back. */
export interface StackRecord {
  account: string;
  region: string;
  name: string;
  tier: string;
  file: string;
  resources: number;
  bytes: number;
  units: string[];
  /**
   * Each unit's render key and the bytes its entries take, in the order of `units`: what lets
   * the next run lay out stacks without serialising units that did not change (render-key.ts).
   * Absent in manifests before it was recorded.
   */
  unitKeys?: [key: string, bytes: number][];
}

/** What every target may draw on besides the model and its own options. */
export interface TargetContext {
  /** The configured action ARNs per severity (or applications) and scope. */
  actions: ActionsOf;
  /** The stacks the previous run laid out, so that units stay in theirs. */
  previousStacks: readonly StackRecord[];
  /** Where keyed files go: rendered, or kept when the previous run rendered them from the same arguments. */
  renders: Renders;
}

/** What a target made: its files, and the stacks it laid out (for the manifest). */
export interface Emitted<F extends FileRecord> {
  files: F[];
  stacks?: StackRecord[];
}

/**
 * What an output target declares: plain data and a function from the model to files. The
 * function reads only the target's own options (taken from the config once, by `options`) and
 * the context, never the config; adding a target is a folder under `targets/` and a line in the
 * registry.
 */
export interface TargetDefinition<O> {
  id: string;
  /** `iac`: a deployable format the config chooses (`output.targets`); `docs`: written by every run. */
  kind: 'iac' | 'docs';
  /** Its options, from the config. */
  options(config: Config): O;
  emit<F extends FileRecord>(model: Model, options: O, context: TargetContext, sink: FileSink<F>): Emitted<F>;
  /** One line for the run's summary (IaC targets), e.g. how many stacks in how many scopes. */
  describe?(emitted: Described, scopes: number): string;
}

/** A registered target, its options taken from the config when it runs. */
export interface Target {
  readonly id: string;
  readonly kind: 'iac' | 'docs';
  emit<F extends FileRecord>(model: Model, config: Config, context: TargetContext, sink: FileSink<F>): Emitted<F>;
  describe?(emitted: Described, scopes: number): string;
}

/** What a summary line is made from: the files' paths and the stacks (from a run, or from the manifest). */
export interface Described {
  files: readonly Pick<FileRecord, 'path'>[];
  stacks?: readonly StackRecord[];
}

/** Declares a target. */
export function target<O>(definition: TargetDefinition<O>): Target {
  return {
    id: definition.id,
    kind: definition.kind,
    emit: (model, config, context, sink) => definition.emit(model, definition.options(config), context, sink),
    ...(definition.describe ? { describe: definition.describe } : {}),
  };
}
