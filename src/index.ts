/**
 * obsgen as a library: the generation the CLI runs, in-process, for a CDK app, a build script
 * or a test.
 *
 *   import { generate } from 'obsgen';
 *
 *   const run = await generate({ config: 'obsgen.config.yaml' });
 *   if (!run.ok) throw new Error(run.diagnostics.map(formatDiagnostic).join('\n'));
 *   for (const file of run.files) console.log(file.path, file.size);
 *
 * By default nothing is written: the files come back in memory. With `write: true` the output
 * folder is written as `obsgen generate` writes it (under the folder's lock; staged, then made
 * visible at one commit point only when the whole run succeeded; only files obsgen generated
 * are replaced or removed).
 */
import { resolve } from 'node:path';
import type { Config } from './config/types.js';
import { Diagnostics, sortDiagnostics } from './diagnostics/diagnostic.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { InputOptions } from './pipeline/inputs.js';
import { runGenerate } from './pipeline/run.js';
import type { RunOutcome } from './pipeline/run.js';
import type { Model } from './model/types.js';
import type { Manifest } from './state/manifest.js';
import { inMemory } from './targets/files.js';
import type { FileRecord, OutputFile } from './targets/files.js';
import { openOutputFolder, reportFolderError } from './write/folder.js';
import type { OpenFolder } from './write/folder.js';
import type { FolderChanges, OutputDir } from './write/output-dir.js';

export { formatDiagnostic } from './diagnostics/diagnostic.js';
export type { Diagnostic } from './diagnostics/diagnostic.js';
export type { Config } from './config/types.js';
export type { AlarmModel, CompositeAlarmModel, DashboardModel, LogGroupModel, MetricFilterModel, Model } from './model/types.js';
export type { Manifest } from './state/manifest.js';
export type { FileRecord, OutputFile } from './targets/files.js';
export type { FolderChanges } from './write/output-dir.js';
export type { ThresholdDecision, ThresholdProvenance } from './tune/types.js';

/** What to generate: the CLI's `generate` options, as an object. */
export interface GenerateRequest {
  /** Config file (default: searched in `cwd`, as the CLI does). */
  config?: string;
  /** Relative paths are relative to this (default: the process's working directory). */
  cwd?: string;
  /** Inventory files (`aws resourcegroupstaggingapi get-resources` output); overrides the config. */
  inventory?: string[];
  /** Existing log groups (`aws logs describe-log-groups` output). */
  logGroups?: string[];
  /** Metric history files for threshold tuning. */
  metrics?: string[];
  /** `aws` reads the live account (read-only) through the SDK's credential chain. */
  source?: 'files' | 'aws';
  region?: string[];
  profile?: string;
  /** A folder written by `obsgen snapshot`. */
  snapshot?: string;
  /** The output folder: its manifest is the previous run (stack layout, hysteresis, guards). */
  out?: string;
  format?: InputOptions['format'];
  syntax?: 'yaml' | 'json';
  /** Proceed even when the run removes more alarms than the guards allow. */
  allowRemovals?: boolean;
  /** A problem with one resource's tags (a malformed `obsgen:` tag, a tag a template reads that the resource lacks) is an error, not a warning. */
  strict?: boolean;
  /** Write the output folder (default: return the files in memory and write nothing). */
  write?: boolean;
}

/** What a run gave: whether it succeeded, every diagnostic, and what it generated. */
export interface GenerateOutcome {
  /** No error: files were generated (and, with `write`, written). */
  ok: boolean;
  /** Sorted as the CLI prints them; format one with `formatDiagnostic`. */
  diagnostics: Diagnostic[];
  /** The effective config (defaults applied, paths absolute), when it loaded. */
  config?: Config;
  /** The generated files in memory (without `write`), sorted by path, the manifest last. */
  files: OutputFile[];
  /** With `write`: what changed in the output folder. */
  written?: FolderChanges;
  model?: Model;
  manifest?: Manifest;
}

/** Runs a whole generation, as `obsgen generate` does, in this process. */
export async function generate(request: GenerateRequest = {}): Promise<GenerateOutcome> {
  const diags = new Diagnostics({ strict: request.strict ?? false });
  const cwd = resolve(request.cwd ?? process.cwd());
  const { write, allowRemovals, strict: _strict, cwd: _cwd, ...options } = request;
  // With `write`, the output folder is opened as `obsgen generate` opens it: locked for the
  // run, an interrupted commit recovered, before its manifest is read.
  let opened: OpenFolder | undefined;
  let folder: OutputDir | undefined;
  let outcome: RunOutcome<FileRecord> = {};
  let written: FolderChanges | undefined;
  try {
    outcome = await runGenerate<FileRecord>(options, { cwd }, diags, {
      allowRemovals: allowRemovals ?? false,
      sinkFor: (_config, previous) => (write ? (folder = opened!.sink(previous)) : inMemory),
      ...(write ? { open: async (config: Config) => (opened = await openOutputFolder(config.output.dir, 'write', diags)) !== undefined } : {}),
    });
    if (outcome.result && folder) {
      written = folder.changes();
      for (const path of written.conflicts) {
        diags.error('exists and was not generated by obsgen; refusing to overwrite it (move it away or choose another out)', { file: `${outcome.inputs!.config.output.dir}/${path}` });
      }
      if (!diags.hasErrors) {
        folder.commit();
        folder = undefined;
      }
    }
  } catch (e) {
    // The output folder's own problems (a permission, a full disk, a failed rename, undone).
    if (!reportFolderError(e, diags)) throw e;
  } finally {
    // Unless committed, the folder is left as it was.
    folder?.discard();
    opened?.close();
  }
  const result = outcome.result;
  const ok = result !== undefined && !diags.hasErrors;
  return {
    ok,
    diagnostics: sortDiagnostics(diags.items),
    ...(outcome.inputs ? { config: outcome.inputs.config } : {}),
    files: ok && !write ? (result.files as OutputFile[]) : [],
    ...(ok && written ? { written } : {}),
    ...(ok ? { model: result.model, manifest: result.manifest } : {}),
  };
}
