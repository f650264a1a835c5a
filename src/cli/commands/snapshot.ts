import { join, relative, resolve } from 'node:path';
import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { SNAPSHOT_FILE, snapshotFile, snapshotIndex } from '../../discover/snapshot.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { EXIT } from '../io.js';
import { runUntil } from '../../pipeline/run.js';
import { inMemory } from '../../targets/files.js';
import { finishLive, progressPrinter } from '../live-report.js';
import { HistoryWriter } from '../history-writer.js';
import { exitCodeFor, printDiagnostics } from '../report.js';
import { writeFileWhole } from '../../util/whole-file.js';

/**
 * `obsgen snapshot --out <dir>`: what the live source sees, frozen into files (inventory and
 * existing log groups per account/region in the AWS CLI formats, plus which scopes were read
 * completely), for `obsgen generate --snapshot <dir>` to run on offline.
 */
export async function snapshotCommand(options: InputOptions & { out?: string; quiet?: boolean; allResourceTypes?: boolean }, io: CliIo): Promise<ExitCode> {
  const diags = new Diagnostics();
  if (!options.out) diags.error('snapshot needs --out <dir>');
  const quiet = options.quiet ?? false;
  const progress = progressPrinter(io, quiet);
  const out = options.out ? resolve(io.cwd, options.out) : undefined;
  // The metric history goes to its files as it is read (history-writer.ts).
  const history = out ? new HistoryWriter(out) : undefined;
  // Everything the live source reads: resources, then the log groups and metric history that depend on resolved names.
  const { inputs, state } = out
    ? await runUntil({ ...options, source: 'aws', out: undefined }, { cwd: io.cwd, onProgress: progress.update }, diags, 'look-up', inMemory, (scope, series) => history!.add(scope, series))
    : {};
  await finishLive(io, progress, inputs, quiet);
  const live = inputs?.live;
  if (!live || !inputs || !state || !out || !history) {
    history?.discard();
    printDiagnostics(diags, io);
    return EXIT.failure;
  }
  const write = (path: string, data: unknown) => writeFileWhole(join(out, path), `${JSON.stringify(data, null, 2)}\n`);
  const inventory = live.listings.map((l) => {
    const path = snapshotFile('inventory', l.account, l.region);
    write(path, l.listing);
    return path;
  });
  const logGroups = live.logGroups.map((l) => {
    const path = snapshotFile('log-groups', l.account, l.region);
    write(path, l.listing);
    return path;
  });
  // A scope whose history could not be read whole has no file: the replay keeps its thresholds.
  const metrics = await history.finish(state.historyUnavailable);
  // The index goes last: a folder without it is not a snapshot.
  write(SNAPSHOT_FILE, snapshotIndex(inputs.inventory.scopes, inventory, logGroups, metrics));
  printDiagnostics(diags, io);
  if (!options.quiet) io.stdout(`snapshot: ${inventory.length} inventory, ${logGroups.length} log group and ${metrics.length} metric history files in ${relative(io.cwd, out) || '.'}/\n`);
  return exitCodeFor(diags);
}
