import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Cli } from './cli.js';
import { runObsgen } from './cli.js';
import { MIX, writeEstate } from './estate-files.js';
import type { HistoryFilesFigure } from './history-files.js';
import { writeHistoryFiles } from './history-files.js';
import { clean, interleaved, Samples } from './measure.js';

/** Runs of the #21 mix with metric history, per CLI, and the history they read. */
export interface HistoryRun {
  /** Resources in the listing. */
  listed: number;
  /** Of those, monitored (supported and tagged), as the first CLI's first run says. */
  resources: number;
  /** Days of one-minute history per series. */
  days: number;
  history: HistoryFilesFigure;
  /** The first run: a fresh output folder. */
  byCli: Map<string, Samples>;
  /** The next night: the history a day on, over the first run's output. */
  nextNight: Map<string, Samples>;
  /** Per CLI label: files the next night rewrote (its last round). */
  nextNightWritten: Map<string, number>;
  /** Per CLI label: the alarms its first run generated. */
  alarms: Map<string, number>;
}

const DAYS = 14;

/**
 * The #21 mix (`n` resources over 3 accounts × 3 regions), both formats, when its config lists
 * metric history: 14 days at one minute for every alarm that tunes from history, one gzip file
 * per account/region (scripts/bench/history-files.ts, seed 1). Two runs: the first, into a fresh
 * output folder; then the next night, over that output (its thresholds the previous ones), with
 * the same series a day on (the window moved by a day: 13 days the first run saw, one new). The
 * estate and both histories are written once; the CLIs interleaved, `runs` rounds.
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
  const next = await writeHistoryFiles(config, join(dir, 'metrics-next'), { seed: 1, days: DAYS, shiftDays: 1 });
  const nextConfig = join(dir, 'obsgen.next-night.yaml');
  writeFileSync(nextConfig, readFileSync(config, 'utf8'));
  listMetrics(config, history.files.map((f) => relative(dir, f).split('\\').join('/')));
  listMetrics(nextConfig, next.files.map((f) => relative(dir, f).split('\\').join('/')));
  const byCli = new Map(clis.map((c) => [c.label, new Samples()]));
  const nextNight = new Map(clis.map((c) => [c.label, new Samples()]));
  const nextNightWritten = new Map<string, number>();
  const alarms = new Map<string, number>();
  let resources = 0;
  const out = join(dir, 'out');
  for (let round = 0; round < runs; round++) {
    for (const cli of interleaved(clis, round)) {
      clean(out);
      const r = runObsgen(cli, ['generate', '--config', config, '--out', out, '--format', 'both', '--json'], dir);
      const night = runObsgen(cli, ['generate', '--config', nextConfig, '--out', out, '--format', 'both', '--json'], dir);
      clean(out);
      byCli.get(cli.label)!.add(r);
      nextNight.get(cli.label)!.add(night);
      nextNightWritten.set(cli.label, (JSON.parse(night.stdout) as { summary: { written?: string[] } }).summary.written?.length ?? 0);
      if (round === 0) {
        const summary = (JSON.parse(r.stdout) as { summary: { alarms: number; resources: number } }).summary;
        if (cli === clis[0]) resources = summary.resources;
        alarms.set(cli.label, summary.alarms);
      }
      log(`  ${n} with history, ${cli.label}: first run ${r.cpuSeconds.toFixed(1)} s CPU, ${r.seconds.toFixed(1)} s wall, ${r.peakMb.toFixed(0)} MB; next night ${night.cpuSeconds.toFixed(1)} s CPU, ${night.peakMb.toFixed(0)} MB`);
    }
  }
  clean(dir);
  return { listed: n, resources, days: DAYS, history, byCli, nextNight, nextNightWritten, alarms };
}

/** Lists the history files under `inputs.metrics` of the config writeEstate wrote. */
function listMetrics(config: string, files: readonly string[]): void {
  const text = readFileSync(config, 'utf8');
  const listed = text.replace(/^( {2}inventory: .*\n)/m, `$1  metrics: [${files.join(', ')}]\n`);
  if (listed === text) throw new Error(`${config}: no inputs.inventory line to list the metric history after`);
  writeFileSync(config, listed);
}
