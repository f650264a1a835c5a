import type { ActionsOf } from '../config/actions.js';
import type { Config } from '../config/types.js';
import type { Model } from '../model/types.js';
import type { Manifest } from '../state/manifest.js';
import type { FileRecord, FileSink } from '../targets/files.js';
import { TARGETS } from '../targets/registry.js';
import { Renders, reusableFiles } from '../targets/render-key.js';
import { PACKAGE_VERSION } from '../package-root.js';
import type { StackRecord } from '../targets/target.js';
import { compare } from '../util/compare.js';

/** Each target's summary line, by target id, for the run's report. */
export type TargetSummaries = { id: string; line: string }[];

/**
 * Every target the config asks for (its IaC targets, and the documentation), each with its own
 * options: the files sorted by path (the manifest comes later), the stacks laid out, and each
 * IaC target's summary line, and every keyed file's render key (see targets/render-key.ts).
 * With `reuse`, a keyed file whose key the previous manifest records, and which the sink still
 * holds as recorded, is kept instead of rendered.
 */
export function emitTargets<F extends FileRecord>(
  model: Model,
  config: Config,
  actions: ActionsOf,
  previous: Manifest | undefined,
  sink: FileSink<F>,
  reuse = false,
): { files: F[]; stacks: StackRecord[]; summaries: TargetSummaries; renders: Renders } {
  const files: F[] = [];
  const stacks: StackRecord[] = [];
  const summaries: TargetSummaries = [];
  const renders = new Renders(PACKAGE_VERSION, reuse && previous ? reusableFiles(previous.files) : undefined);
  const context = { actions, previousStacks: previous?.stacks ?? [], renders };
  for (const target of TARGETS) {
    if (target.kind === 'iac' && !config.output.targets.includes(target.id)) continue;
    const emitted = target.emit(model, config, context, sink);
    files.push(...emitted.files);
    stacks.push(...(emitted.stacks ?? []));
    if (target.describe) summaries.push({ id: target.id, line: target.describe(emitted, model.scopes.length) });
  }
  files.sort((a, b) => compare(a.path, b.path));
  return { files, stacks, summaries, renders };
}

/**
 * The summary lines a run that wrote these files and stacks gave, from the manifest alone (for
 * a run answered from it: see unchanged.ts). Each target's files are those under its folder.
 */
export function summariesOf(config: Config, manifest: Pick<Manifest, 'stacks' | 'files' | 'scopes'>): TargetSummaries {
  const summaries: TargetSummaries = [];
  for (const target of TARGETS) {
    if (target.kind === 'iac' && !config.output.targets.includes(target.id)) continue;
    const mine = (path: string) => path.startsWith(`${target.id}/`);
    const emitted = { files: manifest.files.filter((f) => mine(f.path)), stacks: manifest.stacks.filter((s) => mine(s.file)) };
    if (target.describe) summaries.push({ id: target.id, line: target.describe(emitted, manifest.scopes.length) });
  }
  return summaries;
}
