import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Cli } from './cli.js';
import { runObsgen } from './cli.js';
import { MIX, writeEstate } from './estate-files.js';
import type { HistoryFilesFigure } from './history-files.js';
import { writeHistoryFiles } from './history-files.js';
import { clean, interleaved, Samples } from './measure.js';

/** The first run of the #21 mix with metric history, per CLI, and the history it read. */
export interface HistoryRun {
  /** Resources in the listing. */
  listed: number;
  /** Of those, monitored (supported and tagged), as the first CLI's first run says. */
  resources: number;
  /** Days of one-minute history per series. */
  days: number;
  history: HistoryFilesFigure;
  byCli: Map<string, Samples>;
  /** Per CLI label: the alarms its first run generated. */
  alarms: Map<string, number>;
}

const DAYS = 14;

/**
 * The first run of the #21 mix (`n` resources over 3 accounts × 3 regions), both formats, when
 * its config lists metric history: 14 days at one minute for every alarm that tunes from
 * history, one gzip file per account/region (scripts/bench/history-files.ts, seed 1). The estate
 * and its history are written once; each run generates into a fresh output folder, the CLIs
 * interleaved, `runs` rounds.
 */
export async function firstRunWithHistory(clis: readonly Cli[], root: string, n: number, runs: number, log: (t: string) => void): Promise<HistoryRun> {
  const dir = join(root, `history-${n}`);
  clean(dir);
  const config = writeEstate(dir, n, 1, MIX);
  const started = performance.now();
  const history = await writeHistoryFiles(config, join(dir, 'metrics'), { seed: 1, days: DAYS });
  log(
    `  history for ${history.alarms} alarms: ${history.series} series, ${history.datapoints} datapoints in ${history.files.length} files, ${(history.gzipBytes / 2 ** 20).toFixed(1)} MB gzip (${(history.rawBytes / 2 ** 20).toFixed(1)} MB JSON), made in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  listMetrics(config, history.files.map((f) => relative(dir, f).split('\\').join('/')));
  const byCli = new Map(clis.map((c) => [c.label, new Samples()]));
  const alarms = new Map<string, number>();
  let resources = 0;
  const out = join(dir, 'out');
  for (let round = 0; round < runs; round++) {
    for (const cli of interleaved(clis, round)) {
      clean(out);
      const r = runObsgen(cli, ['generate', '--config', config, '--out', out, '--format', 'both', '--json'], dir);
      clean(out);
      byCli.get(cli.label)!.add(r);
      if (round === 0) {
        const summary = (JSON.parse(r.stdout) as { summary: { alarms: number; resources: number } }).summary;
        if (cli === clis[0]) resources = summary.resources;
        alarms.set(cli.label, summary.alarms);
      }
      log(`  ${n} with history, ${cli.label}: ${r.cpuSeconds.toFixed(1)} s CPU, ${r.seconds.toFixed(1)} s wall, ${r.peakMb.toFixed(0)} MB`);
    }
  }
  clean(dir);
  return { listed: n, resources, days: DAYS, history, byCli, alarms };
}

/** Lists the history files under `inputs.metrics` of the config writeEstate wrote. */
function listMetrics(config: string, files: readonly string[]): void {
  const text = readFileSync(config, 'utf8');
  const listed = text.replace(/^( {2}inventory: .*\n)/m, `$1  metrics: [${files.join(', ')}]\n`);
  if (listed === text) throw new Error(`${config}: no inputs.inventory line to list the metric history after`);
  writeFileSync(config, listed);
}
