import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { historyJson, metricOfKey } from '../../tune/history.js';
import { dirname, join, relative, resolve } from 'node:path';
import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { SNAPSHOT_FILE, snapshotFile, snapshotIndex } from '../../discover/snapshot.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { EXIT } from '../io.js';
import { runUntil } from '../../pipeline/run.js';
import { inMemory } from '../../targets/files.js';
import { finishLive, progressPrinter } from '../live-report.js';
import { exitCodeFor, printDiagnostics } from '../report.js';

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
  // Everything the live source reads: resources, then the log groups and metric history that depend on resolved names.
  const { inputs, state } = options.out ? await runUntil({ ...options, source: 'aws', out: undefined }, { cwd: io.cwd, onProgress: progress.update }, diags, 'look-up', inMemory) : {};
  await finishLive(io, progress, inputs, quiet);
  const live = inputs?.live;
  if (!live || !inputs || !state) {
    printDiagnostics(diags, io);
    return EXIT.failure;
  }
  const out = resolve(io.cwd, options.out!);
  const writeRaw = (path: string, data: string | Buffer) => {
    const target = join(out, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(`${target}.tmp`, data);
    renameSync(`${target}.tmp`, target);
  };
  const write = (path: string, data: unknown) => writeRaw(path, `${JSON.stringify(data, null, 2)}\n`);
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
  const metrics = [...live.historyByScope].sort(([a], [b]) => (a < b ? -1 : 1)).map(([scope, series]) => {
    const [account, region] = scope.split('/') as [string, string];
    const path = snapshotFile('metrics', account, region);
    const text = historyJson(series.map((s) => ({ ...metricOfKey(s.key), start: s.start, values: s.values })));
    writeRaw(path, gzipSync(text));
    return path;
  });
  // The index goes last: a folder without it is not a snapshot.
  write(SNAPSHOT_FILE, snapshotIndex(inputs.inventory.scopes, inventory, logGroups, metrics));
  printDiagnostics(diags, io);
  if (!options.quiet) io.stdout(`snapshot: ${inventory.length} inventory, ${logGroups.length} log group and ${metrics.length} metric history files in ${relative(io.cwd, out) || '.'}/\n`);
  return exitCodeFor(diags);
}
