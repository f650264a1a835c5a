/**
 * `npm run bench`: how fast and lean obsgen is on large estates, measured as users run it
 * (the built CLI, whole process, under GNU time), and written to docs/benchmarks.md.
 *
 *   npm run bench                          all sizes, formats and checks (~35 minutes)
 *   npm run bench -- --sizes 1000 --runs 1 --no-validate --no-write   a quick look
 *
 * Options: --sizes a,b,c  --formats cloudformation,terraform,both  --runs N (median of N)
 *          --validate N (run the full validators on the N-resource output; default 10000)
 *          --terraform N (real terraform validate/plan on the largest module of the N-resource
 *          estate in the module-per-scope layout; default 10000)  --no-terraform
 *          --no-validate  --no-write (print only)
 */
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Manifest } from '../src/state/manifest.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { validateTemplates } from '../test/helpers/cloudformation-output.js';
import { validateTerraformOutput } from '../test/helpers/terraform-output.js';
import { backtestThroughput } from './bench/backtest.js';
import { writeEstate } from './bench/estate-files.js';
import { liveDiscovery } from './bench/live-discovery.js';
import type { LiveDiscoveryFigure } from './bench/live-discovery.js';
import { metricDataCalls } from './bench/metric-data.js';
import { startMoto } from '../test/helpers/moto.js';
import { motoTool } from '../test/helpers/tools.js';
import { terraformAtScale } from './bench/terraform.js';
import type { TerraformFigure } from './bench/terraform.js';
import type { MetricDataFigure } from './bench/metric-data.js';
import { clean, filesUnder, median, readTree, timed } from './bench/measure.js';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    formats: { type: 'string', default: 'cloudformation,terraform,both' },
    runs: { type: 'string', default: '3' },
    validate: { type: 'string', default: '10000' },
    'no-validate': { type: 'boolean', default: false },
    terraform: { type: 'string', default: '10000' },
    'no-terraform': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const sizes = opts.sizes.split(',').map(Number);
const formats = opts.formats.split(',');
const runs = Number(opts.runs);
const CLI = join(PACKAGE_ROOT, 'dist/cli/main.js');

interface Row {
  resources: number;
  format: string;
  seconds: number;
  /** Median CPU seconds (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakMb: number;
  runs: number[];
  outputMb: number;
  files: number;
  largestFileMb: number;
  alarms: number;
  stacks: number;
  dashboards: number;
  maxStackResources: number;
  maxStackKb: number;
  maxDashboardWidgets: number;
}

const log = (t: string) => process.stderr.write(`${t}\n`);
const root = mkdtempSync(join(tmpdir(), 'obsgen-bench-'));
const rows: Row[] = [];
const validations: { resources: number; format: string; cloudformation: number; terraform: number; seconds: number }[] = [];

for (const n of sizes) {
  const dir = join(root, `estate-${n}`);
  const config = writeEstate(dir, n);
  for (const format of formats) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const peaks: number[] = [];
    let row: Row | undefined;
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `out-${format}`);
      clean(out);
      const r = timed(process.execPath, [CLI, 'generate', '--config', config, '--out', out, '--format', format, '--quiet'], dir);
      if (r.code !== 0) throw new Error(`generate exited ${r.code} for ${n} resources, ${format}`);
      times.push(r.seconds);
      cpuTimes.push(r.cpuSeconds);
      peaks.push(r.peakMb);
      log(`  ${n} ${format} run ${i + 1}: ${r.seconds.toFixed(2)} s (${r.cpuSeconds.toFixed(2)} s CPU), ${r.peakMb.toFixed(0)} MB`);
      if (i === 0) {
        const files = filesUnder(out);
        const manifest = JSON.parse(readFileSync(join(out, 'obsgen.manifest.json'), 'utf8')) as Manifest;
        row = {
          resources: n,
          format,
          seconds: 0,
          cpuSeconds: 0,
          peakMb: 0,
          runs: [],
          outputMb: files.reduce((s, f) => s + f.bytes, 0) / 2 ** 20,
          files: files.length,
          largestFileMb: Math.max(...files.map((f) => f.bytes)) / 2 ** 20,
          alarms: manifest.alarms.length,
          stacks: manifest.stacks.length,
          dashboards: manifest.dashboards.length,
          maxStackResources: Math.max(0, ...manifest.stacks.map((s) => s.resources)),
          maxStackKb: Math.max(0, ...manifest.stacks.map((s) => s.bytes)) / 1024,
          maxDashboardWidgets: Math.max(0, ...manifest.dashboards.map((d) => d.widgets)),
        };
        if (!opts['no-validate'] && n === Number(opts.validate) && format === 'both') {
          const started = performance.now();
          const tree = readTree(out);
          const cfn = validateTemplates(tree).length;
          const tf = (await validateTerraformOutput(tree)).length;
          validations.push({ resources: n, format, cloudformation: cfn, terraform: tf, seconds: (performance.now() - started) / 1000 });
          log(`  validators on ${n} ${format}: ${cfn} CloudFormation problems, ${tf} Terraform problems`);
        }
      }
      clean(out);
    }
    rows.push({ ...row!, seconds: median(times), cpuSeconds: median(cpuTimes), peakMb: median(peaks), runs: times });
  }
  clean(dir);
}

log('real Terraform on the largest module…');
const terraform: TerraformFigure | string = opts['no-terraform'] ? 'not run (--no-terraform)' : await terraformAgainstMoto(Number(opts.terraform));
if (typeof terraform !== 'string') log(`  validate ${terraform.validate.seconds} s (${terraform.validate.cpuSeconds.toFixed(1)} s CPU), ${terraform.validate.peakMb.toFixed(0)} MB`);

log('backtest throughput…');
const backtest = backtestThroughput();
log('GetMetricData calls against the local endpoint…');
const metricData: MetricDataFigure[] = await metricDataCalls();
log('generate --source aws against the local endpoint…');
const live = await liveDiscovery(CLI, 5000);
clean(root);

const report = renderReport(rows, validations, backtest, metricData, live, terraform);
process.stdout.write(report);
if (!opts['no-write']) writeFileSync(join(PACKAGE_ROOT, 'docs/benchmarks.md'), report);

/** `terraform plan` needs an endpoint: moto_server, started for it and stopped after. */
async function terraformAgainstMoto(n: number): Promise<TerraformFigure | string> {
  const moto = motoTool();
  if (typeof moto === 'string') return terraformAtScale(CLI, root, n);
  const server = await startMoto();
  try {
    return terraformAtScale(CLI, root, n, server.url);
  } finally {
    await server.stop();
  }
}

function renderReport(rows: Row[], checks: typeof validations, bt: ReturnType<typeof backtestThroughput>, md: MetricDataFigure[], live: LiveDiscoveryFigure, tf: TerraformFigure | string): string {
  const f = (x: number, d = 1) => x.toFixed(d);
  const byKey = new Map(rows.map((r) => [`${r.resources}/${r.format}`, r]));
  const targets: string[] = [];
  const t10 = byKey.get('10000/both');
  const t50 = byKey.get('50000/both');
  const t1 = byKey.get('1000/both');
  // Time and memory apart: one can be met without the other.
  const met = (ok: boolean) => (ok ? 'met' : 'not met');
  if (t10) {
    targets.push(`| 10,000 resources, both formats: < 3 s | ${f(t10.seconds, 2)} s | ${met(t10.seconds < 3)} |`);
    targets.push(`| 10,000 resources, both formats: < 600 MB peak | ${f(t10.peakMb, 0)} MB | ${met(t10.peakMb < 600)} |`);
  }
  if (t50) {
    targets.push(`| 50,000 resources, both formats: < 15 s | ${f(t50.seconds, 2)} s | ${met(t50.seconds < 15)} |`);
    targets.push(`| 50,000 resources, both formats: < 2 GB peak | ${f(t50.peakMb, 0)} MB | ${met(t50.peakMb < 2048)} |`);
  }
  if (t1 && t10) targets.push(`| 10× the resources (1,000 → 10,000) costs ≤ 12× the time | ${f(t10.seconds / t1.seconds, 1)}× | ${met(t10.seconds / t1.seconds <= 12)} |`);
  if (t10 && t50) targets.push(`| 5× the resources (10,000 → 50,000) costs ≤ 6× the time | ${f(t50.seconds / t10.seconds, 1)}× | ${met(t50.seconds / t10.seconds <= 6)} |`);
  const cpu = cpus();
  return [
    '<!-- Written by `npm run bench` (scripts/bench.ts); do not edit. -->',
    '# Benchmarks',
    '',
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${f(totalmem() / 2 ** 30, 0)} GB RAM, Node ${process.version}, ${process.platform}/${process.arch}.`,
    `Measured ${new Date().toISOString().slice(0, 10)}; whole-process \`obsgen generate\` (the built CLI, a fresh output folder each run) under GNU time, median of ${runs}.`,
    '',
    'Estates are synthetic (`scripts/lib/synthetic-estate.ts`, seed 1): every supported resource type,',
    '3 accounts × 3 regions, one application per ~250 resources, realistic tags, 3% unsupported',
    'types and 5% untagged resources. No metric history (tuning throughput is measured separately).',
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '|---|---|---|',
    ...targets,
    '',
    '## generate',
    '',
    '| resources | format | wall (s) | CPU (s) | peak RSS (MB) | alarms | output (MB) | files | largest file (MB) | stacks | largest stack (resources / KB) | dashboards | most widgets |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.resources.toLocaleString('en')} | ${r.format} | ${f(r.seconds, 2)} | ${f(r.cpuSeconds, 2)} | ${f(r.peakMb, 0)} | ${r.alarms.toLocaleString('en')} | ${f(r.outputMb)} | ${r.files} | ${f(r.largestFileMb)} | ${r.format === 'terraform' ? '–' : r.stacks} | ${r.format === 'terraform' ? '–' : `${r.maxStackResources} / ${f(r.maxStackKb, 0)}`} | ${r.dashboards} | ${r.maxDashboardWidgets} |`,
    ),
    '',
    'Limits: a stack holds at most 500 resources and 1 MB of template; a dashboard at most 500 widgets.',
    '',
    ...(checks.length > 0
      ? [
          '## Validators on the full output',
          '',
          '| resources | format | CloudFormation problems | Terraform problems | time (s) |',
          '|---:|---|---:|---:|---:|',
          ...checks.map((c) => `| ${c.resources.toLocaleString('en')} | ${c.format} | ${c.cloudformation} | ${c.terraform} | ${f(c.seconds)} |`),
          '',
          'CloudFormation: every template against the resource schemas of `@aws-cdk/aws-service-spec` and AWS limits.',
          "Terraform: every file parsed with HashiCorp's HCL parser, checked against the AWS provider schema and `terraform fmt`.",
          '',
        ]
      : []),
    ...terraformSection(tf),
    '## Backtest throughput',
    '',
    `${f(bt.pointsPerSecond / 1e6, 0)} million datapoints per second (median of ${bt.runs} runs over ${f(bt.points / 1e6, 0)} million datapoints, the four missing-data modes; target ≥ 50 million).`,
    '',
    '## GetMetricData calls against the local endpoint',
    '',
    '| metrics | datapoints each | datapoints | calls | floor ⌈datapoints / 100,800⌉ | calls / floor | time (s) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...md.map((m) => `| ${m.metrics.toLocaleString('en')} | ${m.perMetric.toLocaleString('en')} | ${m.datapoints.toLocaleString('en')} | ${m.calls} | ${m.floor} | ${f(m.calls / m.floor, 2)} | ${f(m.seconds, 1)} |`),
    '',
    '## Live discovery against the local endpoint',
    '',
    `\`obsgen generate --source aws\` (the built CLI, real SDK clients) for ${live.resources.toLocaleString('en')} tagged resources in one account over ${live.regions} regions,`,
    'every Lambda function with an existing log group; metric history not fetched (see above for its calls).',
    `Whole process ${f(live.seconds, 1)} s, of which ${f(live.awsSeconds, 1)} s from the first AWS call to the last.`,
    '',
    '| API call | calls |',
    '|---|---:|',
    ...live.calls.map(([op, n]) => `| ${op} | ${n} |`),
    '',
  ].join('\n');
}

function terraformSection(tf: TerraformFigure | string): string[] {
  if (typeof tf === 'string') return ['## Real Terraform on the largest module', '', `Not measured: ${tf}.`, ''];
  const f = (x: number, d = 1) => x.toFixed(d);
  const line = (step: string, r: { seconds: number; cpuSeconds: number; peakMb: number }) => `| ${step} | ${f(r.seconds)} | ${f(r.cpuSeconds)} | ${f(r.peakMb, 0)} |`;
  const met = tf.validate.seconds <= 60 && tf.validate.peakMb <= 2048;
  return [
    '## Real Terraform on the largest module',
    '',
    `The ${tf.resources.toLocaleString('en')}-resource estate in the \`module-per-scope\` layout: ${tf.modules} modules; the largest, \`${tf.largest.module}\`,`,
    `declares ${tf.largest.terraformResources.toLocaleString('en')} Terraform resources. ${tf.terraform}, hashicorp/aws ${tf.provider} from the offline mirror.`,
    `Target: validate in ≤ 60 s and ≤ 2 GB: ${met ? 'met' : '**not met**'}.`,
    '',
    '| step | wall (s) | CPU (s) | peak RSS (MB) |',
    '|---|---:|---:|---:|',
    line('terraform init', tf.init),
    line('terraform validate', tf.validate),
    ...(tf.plan ? [line('terraform plan (provider on moto_server)', tf.plan)] : []),
    '',
  ];
}
