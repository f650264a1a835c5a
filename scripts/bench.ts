/**
 * `npm run bench`: what obsgen costs, measured as users run it (the built CLI, a whole process
 * under GNU time: CPU, wall and peak memory), written to docs/benchmarks.md.
 *
 *   npm run bench                      the default parts (about 15 minutes on 2 shared CPUs)
 *   npm run bench -- --quick           small sizes, one round: a look in about two minutes (writes nothing)
 *   npm run bench -- --baseline ../obsgen-main
 *                                      also runs another built checkout, interleaved, beside this one
 *
 * Parts (--parts a,b,…; `all` for every one; default startup, mix, scale, all-types, backtest):
 *   startup      one-resource inventory: --version, validate, inventory, generate (--startup-runs, default 5)
 *   mix          the #21 mix at --mix N (10,000), both formats: first run, then unchanged, --check,
 *                plan, one resource added, one tag changed (--runs rounds, default 3)
 *   scale        the #21 mix in one region at --scale a,b (10000,40000), both formats (--scale-runs, default 1)
 *   history      the #21 mix at --history N (2500) with 14 days of one-minute metric history for every
 *                alarm that tunes from it: the first run, then the next night (the window a day on) over
 *                its output, both formats (--history-runs, default 1)
 *   all-types    every type at --sizes (1000,10000) in --formats (cloudformation,terraform,both),
 *                --all-types-runs rounds (default 1: not a #21 line, and 9 runs of 10,000 take 4 minutes)
 *   validate     the full validators on the --validate N (10,000) all-types output (about 3 minutes)
 *   terraform    real terraform init/validate/plan on the largest module at --terraform N (10,000)
 *   backtest, metric-data, live   throughput of the backtest, GetMetricData calls, live discovery
 *
 * Parts not run keep their section from the previous docs/benchmarks.md, marked with its date.
 * --baseline applies to startup, mix, scale and history. --no-write prints only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { startMoto } from '../test/helpers/moto.js';
import { motoTool } from '../test/helpers/tools.js';
import { allTypes } from './bench/all-types.js';
import { backtestThroughput } from './bench/backtest.js';
import type { Cli } from './bench/cli.js';
import { cliOf } from './bench/cli.js';
import { firstRunWithHistory } from './bench/history.js';
import { liveDiscovery } from './bench/live-discovery.js';
import { clean, load1, withLoad } from './bench/measure.js';
import { metricDataCalls } from './bench/metric-data.js';
import { PreviousReport } from './bench/previous.js';
import { renderReport } from './bench/report.js';
import type { Results } from './bench/report.js';
import { reruns } from './bench/reruns.js';
import { scaleInOneRegion } from './bench/scale.js';
import { startup } from './bench/startup.js';
import { terraformAtScale } from './bench/terraform.js';
import type { TerraformFigure } from './bench/terraform.js';

const ALL_PARTS = ['startup', 'mix', 'scale', 'history', 'all-types', 'validate', 'terraform', 'backtest', 'metric-data', 'live'] as const;
// The default is what issue #21 measures, in about 15 minutes; the rest take long and do not
// change with the CLI (metric-data 1.5 min, validate 3, terraform 2): their sections stay as measured.
// history, two nights reading metric history, takes about 8 minutes at 2,500 with a baseline (3 of
// them writing the two histories).
const DEFAULT_PARTS: readonly string[] = ['startup', 'mix', 'scale', 'all-types', 'backtest'];

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    parts: { type: 'string' },
    runs: { type: 'string' },
    'startup-runs': { type: 'string' },
    'scale-runs': { type: 'string' },
    'all-types-runs': { type: 'string' },
    'history-runs': { type: 'string' },
    mix: { type: 'string' },
    scale: { type: 'string' },
    history: { type: 'string' },
    sizes: { type: 'string' },
    formats: { type: 'string', default: 'cloudformation,terraform,both' },
    validate: { type: 'string' },
    terraform: { type: 'string' },
    baseline: { type: 'string' },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean', default: false },
  },
});
const quick = opts.quick;
const parts = new Set<string>(opts.parts === 'all' ? ALL_PARTS : (opts.parts?.split(',') ?? DEFAULT_PARTS));
if (opts.validate) parts.add('validate');
if (opts.terraform) parts.add('terraform');
for (const p of parts) if (!(ALL_PARTS as readonly string[]).includes(p)) throw new Error(`unknown part ${p} (known: ${ALL_PARTS.join(', ')})`);
const num = (v: string | undefined, normal: number, fast: number) => Number(v ?? (quick ? fast : normal));
const runs = num(opts.runs, 3, 1);
const startupRuns = num(opts['startup-runs'], 5, 3);
const scaleRuns = num(opts['scale-runs'], 1, 1);
const allTypesRuns = num(opts['all-types-runs'], 1, 1);
const historyRuns = num(opts['history-runs'], 1, 1);
const mixSize = num(opts.mix, 10_000, 1000);
const historySize = num(opts.history, 2500, 500);
const scaleSizes = (opts.scale ?? (quick ? '1000,4000' : '10000,40000')).split(',').map(Number);
const sizes = (opts.sizes ?? (quick ? '1000' : '1000,10000')).split(',').map(Number);
const formats = opts.formats.split(',');
const validateAt = parts.has('validate') ? Number(opts.validate ?? 10_000) : undefined;
// A quick look is not a measurement to keep: it writes only when asked to.
const write = opts.write ?? (!opts['no-write'] && !quick);

// The bench measures obsgen as installed, where an unchanged run may answer from the manifest;
// run from a source checkout that is off unless asked (src/pipeline/unchanged.ts). Each round
// generates with the build it then re-runs, so the build has not changed in between.
process.env['OBSGEN_INCREMENTAL'] ??= '1';
const clis: Cli[] = [cliOf(PACKAGE_ROOT, 'this build'), ...(opts.baseline ? [cliOf(resolve(opts.baseline), 'baseline')] : [])];
const [self] = clis as [Cli];
const log = (t: string) => process.stderr.write(`${t}\n`);
const root = mkdtempSync(join(tmpdir(), 'obsgen-bench-'));
const results: Results = {
  clis,
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  load: { start: load1(), end: 0 },
  loads: new Map(),
  skipped: new Map(ALL_PARTS.filter((p) => !parts.has(p)).map((p) => [p, p === 'validate' || p === 'terraform' ? `run with --${p} N or --parts all` : `not in --parts; \`--parts ${p}\` runs it`])),
};
log(`bench: ${clis.map((c) => `${c.label} ${c.commit} (${c.main})`).join(', ')}; parts ${[...parts].join(', ')}; load ${results.load.start.toFixed(2)}`);
const part = async <T>(name: string, fn: () => T | Promise<T>): Promise<T | undefined> => {
  if (!parts.has(name)) return undefined;
  log(`${name}…`);
  const started = performance.now();
  const { value, load } = await withLoad(fn);
  results.loads.set(name, load);
  log(`${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return value;
};

try {
  results.startup = await part('startup', () => startup(clis, root, startupRuns, log));
  results.reruns = await part('mix', () => reruns(clis, root, mixSize, runs, log));
  results.scale = await part('scale', () => scaleInOneRegion(clis, root, scaleSizes, scaleRuns, log));
  results.history = await part('history', () => firstRunWithHistory(clis, root, historySize, historyRuns, log));
  const types = await part('all-types', () => allTypes(self, root, sizes, formats, allTypesRuns, validateAt, log));
  if (types) results.allTypes = { ...types, runs: allTypesRuns };
  if (validateAt !== undefined && !types?.validations.length) results.skipped.set('validate', `--validate ${validateAt} needs the all-types part at that size with format both`);
  results.terraform = await part('terraform', () => terraformAgainstMoto(Number(opts.terraform ?? 10_000)));
  results.backtest = await part('backtest', () => backtestThroughput());
  results.metricData = await part('metric-data', () => metricDataCalls());
  results.live = await part('live', () => liveDiscovery(self.main, 5000));
} finally {
  clean(root);
}
results.load.end = load1();

const file = join(PACKAGE_ROOT, 'docs/benchmarks.md');
const report = renderReport(results, new PreviousReport(file));
process.stdout.write(report);
if (write) writeFileSync(file, report);

/** `terraform plan` needs an endpoint: moto_server, started for it and stopped after. */
async function terraformAgainstMoto(n: number): Promise<TerraformFigure | string> {
  const moto = motoTool();
  if (typeof moto === 'string') return terraformAtScale(self.main, root, n);
  const server = await startMoto();
  try {
    return terraformAtScale(self.main, root, n, server.url);
  } finally {
    await server.stop();
  }
}
