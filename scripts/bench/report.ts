import { cpus, totalmem } from 'node:os';
import type { AllTypesRow, Validation } from './all-types.js';
import type { Cli } from './cli.js';
import type { HistoryRun } from './history.js';
import type { LineChanges } from './line-changes.js';
import type { LiveDiscoveryFigure } from './live-discovery.js';
import type { LoadSpan, Samples } from './measure.js';
import type { MetricDataFigure } from './metric-data.js';
import type { PreviousReport } from './previous.js';
import type { Reruns } from './reruns.js';
import { RERUN_KINDS } from './reruns.js';
import type { ScaleRow } from './scale.js';
import type { StartupRow } from './startup.js';
import type { TerraformFigure } from './terraform.js';

/** What one bench run measured; a part left undefined was not run (its reason in `skipped`). */
export interface Results {
  clis: readonly Cli[];
  command: string;
  load: LoadSpan;
  loads: Map<string, LoadSpan>;
  skipped: Map<string, string>;
  startup?: StartupRow[];
  reruns?: Reruns;
  scale?: ScaleRow[];
  history?: HistoryRun;
  allTypes?: { rows: AllTypesRow[]; validations: Validation[]; runs: number };
  terraform?: TerraformFigure | string;
  backtest?: { pointsPerSecond: number; points: number; runs: number };
  metricData?: MetricDataFigure[];
  live?: LiveDiscoveryFigure;
}

export const HEADINGS = {
  targets: '## #21 targets',
  startup: '## Start-up: one resource, whole process',
  reruns: '## First run and nightly re-runs (#21 mix)',
  scale: '## Cost in one account and region (#21 mix)',
  history: '## Runs with metric history (#21 mix)',
  allTypes: '## First run, all-types estate',
  validate: '## Validators on the full output',
  terraform: '## Real Terraform on the largest module',
  backtest: '## Backtest throughput',
  metricData: '## GetMetricData calls against the local endpoint',
  live: '## Live discovery against the local endpoint',
} as const;

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const n = (x: number) => x.toLocaleString('en');
const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const loadNote = (l: LoadSpan | undefined) => (l ? `Load average (1 min) ${f(l.start, 2)} at the start, ${f(l.end, 2)} at the end.` : '');

/** docs/benchmarks.md from one run's results; sections this run did not measure are kept from `previous`. */
export function renderReport(r: Results, previous: PreviousReport): string {
  const cpu = cpus();
  const [self] = r.clis;
  const labels = r.clis.map((c) => c.label);
  const cliLine = r.clis.map((c) => `${c.label}: commit ${c.commit}`).join('; ');
  const out: string[] = [
    '<!-- Written by `npm run bench` (scripts/bench.ts); do not edit. -->',
    '# Benchmarks',
    '',
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${f(totalmem() / 2 ** 30, 0)} GB RAM, Node ${process.version}, ${process.platform}/${process.arch}; shared with other work, so read its load.`,
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${r.command}\` (${cliLine}).`,
    `Load average (1 min) over the whole run: ${f(r.load.start, 2)} at the start, ${f(r.load.end, 2)} at the end.`,
    '',
    'Every figure is a whole `obsgen` process as users run it (the built program that package.json\'s `bin` names), under GNU time:',
    '**CPU** is user + system seconds of the process (the steadier figure on a shared machine), **wall** the elapsed',
    'seconds, **peak** its maximum resident memory. The configurations compared (commands, formats, sizes, builds)',
    'run interleaved (A B, then B A, …) rather than one after the other, and each figure is the median of the rounds.',
    '',
    'Estates are synthetic (`scripts/lib/synthetic-estate.ts`, seed 1) with realistic tags, 3% unsupported types and',
    '5% untagged resources, one application per ~250 resources. The **#21 mix** is 40% Lambda functions, 30% SQS',
    'queues and 30% DynamoDB tables over 3 accounts × 3 regions (or one of each, where said); the **all-types**',
    'estate cycles through every supported type. No metric history except where a section says so (tuning throughput is measured separately).',
    '',
  ];
  out.push(...targets(r, labels));
  out.push(...(r.startup ? startupSection(r.startup, labels, r.loads.get('startup')) : previous.keep(HEADINGS.startup, r.skipped.get('startup') ?? 'skipped')));
  out.push(...(r.reruns ? rerunsSection(r.reruns, labels, r.loads.get('mix')) : previous.keep(HEADINGS.reruns, r.skipped.get('mix') ?? 'skipped')));
  out.push(...(r.scale ? scaleSection(r.scale, labels, r.loads.get('scale')) : previous.keep(HEADINGS.scale, r.skipped.get('scale') ?? 'skipped')));
  out.push(...(r.history ? historySection(r.history, labels, r.loads.get('history')) : previous.keep(HEADINGS.history, r.skipped.get('history') ?? 'skipped')));
  out.push(...(r.allTypes && self ? allTypesSection(r.allTypes, self, r.loads.get('all-types')) : previous.keep(HEADINGS.allTypes, r.skipped.get('all-types') ?? 'skipped')));
  out.push(...(r.allTypes && r.allTypes.validations.length > 0 ? validationSection(r.allTypes.validations) : previous.keep(HEADINGS.validate, r.skipped.get('validate') ?? 'skipped')));
  out.push(...(r.terraform !== undefined ? terraformSection(r.terraform) : previous.keep(HEADINGS.terraform, r.skipped.get('terraform') ?? 'skipped')));
  out.push(...(r.backtest ? backtestSection(r.backtest) : previous.keep(HEADINGS.backtest, r.skipped.get('backtest') ?? 'skipped')));
  out.push(...(r.metricData ? metricDataSection(r.metricData) : previous.keep(HEADINGS.metricData, r.skipped.get('metric-data') ?? 'skipped')));
  out.push(...(r.live ? liveSection(r.live) : previous.keep(HEADINGS.live, r.skipped.get('live') ?? 'skipped')));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** The "done when" lines of issue #21, each against this run's figures (and the baseline's, when compared). */
function targets(r: Results, labels: readonly string[]): string[] {
  const rows: { target: string; value: (label: string) => string | undefined; ok: (label: string) => boolean | undefined }[] = [];
  const rr = r.reruns;
  const fig = (kind: (typeof RERUN_KINDS)[number], label: string) => rr?.figures.get(kind)?.get(label);
  const at = rr ? n(rr.listed) : '10,000';
  rows.push({
    target: `${at} resources (#21 mix), both formats, first run: ≤ 3 s CPU and ≤ 400 MB peak`,
    value: (l) => {
      const s = fig('first generate', l)?.samples;
      return s ? `${f(s.cpu, 2)} s CPU (${f(s.wall, 2)} s wall), ${f(s.peak, 0)} MB` : undefined;
    },
    ok: (l) => {
      const s = fig('first generate', l)?.samples;
      return s ? s.cpu <= 3 && s.peak <= 400 : undefined;
    },
  });
  for (const kind of ['generate, input unchanged', 'generate --check, unchanged', 'plan, unchanged'] as const) {
    rows.push({
      target: `Unchanged nightly run at ${at}, ${kind.replace(', unchanged', '').replace(', input unchanged', '')}: ≤ 0.5 s CPU`,
      value: (l) => {
        const s = fig(kind, l)?.samples;
        return s ? `${f(s.cpu, 2)} s CPU (${f(s.wall, 2)} s wall)` : undefined;
      },
      ok: (l) => {
        const s = fig(kind, l)?.samples;
        return s ? s.cpu <= 0.5 : undefined;
      },
    });
  }
  rows.push({
    target: `One resource added at ${at}: ≤ 1 s CPU, only its files rewritten (judged on CPU; the files are listed to review)`,
    value: (l) => {
      const x = fig('generate, one Lambda function added', l);
      return x ? `${f(x.samples.cpu, 2)} s CPU; ${x.written} of ${rr!.output.get(l)?.files ?? '?'} files rewritten, ${unrelated(x.unrelated)}${x.lines ? `; lines ${lineCell(x.lines)}` : ''}` : undefined;
    },
    ok: (l) => {
      const x = fig('generate, one Lambda function added', l);
      return x ? x.samples.cpu <= 1 : undefined;
    },
  });
  const oneResource = r.startup?.find((s) => s.command.startsWith('obsgen generate'));
  rows.push({
    target: 'One-resource inventory, whole process (`generate`): ≤ 0.4 s CPU',
    value: (l) => {
      const s = oneResource?.byCli.get(l);
      return s ? `${f(s.cpu, 2)} s CPU (${f(s.wall, 2)} s wall)` : undefined;
    },
    ok: (l) => {
      const s = oneResource?.byCli.get(l);
      return s ? s.cpu <= 0.4 : undefined;
    },
  });
  rows.push({
    target: `Output at ${at} ≤ 180 MB (that every documented output is present is the tests' job, not measured here)`,
    value: (l) => {
      const o = rr?.output.get(l);
      return o ? `${f(o.mb)} MB in ${o.files} files` : undefined;
    },
    ok: (l) => {
      const o = rr?.output.get(l);
      return o ? o.mb <= 180 : undefined;
    },
  });
  const scaleRatio = (l: string, pick: (s: Samples) => number) => {
    const small = r.scale?.[0]?.byCli.get(l);
    const large = r.scale?.at(-1)?.byCli.get(l);
    return small && large && r.scale!.length > 1 ? pick(large) / pick(small) : undefined;
  };
  const sizes = r.scale ? `${n(r.scale[0]!.resources)} → ${n(r.scale.at(-1)!.resources)}` : '10,000 → 40,000';
  rows.push({
    target: `Cost linear in the estate: ${sizes} resources in one region ≤ 4.4× the time`,
    value: (l) => {
      const c = scaleRatio(l, (s) => s.cpu);
      const w = scaleRatio(l, (s) => s.wall);
      return c === undefined ? undefined : `${f(c, 2)}× CPU (${f(w!, 2)}× wall)`;
    },
    ok: (l) => {
      const c = scaleRatio(l, (s) => s.cpu);
      return c === undefined ? undefined : c <= 4.4;
    },
  });
  const [self] = labels;
  return [
    HEADINGS.targets,
    '',
    'The "done when" lines of issue #21, from the parts below.' + (labels.length > 1 ? ' Both builds measured in this one run, interleaved.' : ''),
    '',
    `| target | ${labels.join(' | ')} | met (${self}) |`,
    `|---|${labels.map(() => '---|').join('')}---|`,
    ...rows.map((row) => {
      const ok = row.ok(self!);
      return `| ${row.target} | ${labels.map((l) => row.value(l) ?? 'not measured').join(' | ')} | ${ok === undefined ? '–' : met(ok)} |`;
    }),
    '',
  ];
}

function startupSection(rows: StartupRow[], labels: readonly string[], load: LoadSpan | undefined): string[] {
  const runs = rows[0]?.byCli.get(labels[0]!)?.runs.length ?? 0;
  return [
    HEADINGS.startup,
    '',
    `Each command over an inventory of one Lambda function (\`generate\` into a fresh output folder), median of ${runs} interleaved round${runs === 1 ? '' : 's'}. ${loadNote(load)}`,
    '',
    `| command | ${labels.map((l) => `${l}: CPU (s) | wall (s) | peak (MB)`).join(' | ')} |`,
    `|---|${labels.map(() => '---:|---:|---:|').join('')}`,
    ...rows.map((row) => `| ${row.command} | ${labels.map((l) => cells(row.byCli.get(l))).join(' | ')} |`),
    '',
    `CPU of every round (${labels.join(' / ')}): ${rows.map((row) => `${row.command.replace('obsgen ', '')}: ${labels.map((l) => row.byCli.get(l)?.cpuRuns ?? '–').join(' / ')}`).join('; ')}.`,
    '',
  ];
}

/** The lines a change to the inventory changed, as a reviewer sees them (`git diff --numstat`), and of those the manifest's. */
function lineCell(l: LineChanges): string {
  return `+${n(l.added)} −${n(l.removed)} (manifest +${n(l.manifest.added)} −${n(l.manifest.removed)})`;
}

/** The files a one-resource change rewrote that do not mention the resource. */
function unrelated(files: readonly string[]): string {
  if (files.length === 0) return 'all mention it';
  const shown = files.slice(0, 4).map((p) => `\`${p}\``).join(', ');
  return `${files.length} not mentioning it: ${shown}${files.length > 4 ? ', …' : ''}`;
}

function cells(s: Samples | undefined): string {
  return s ? `${f(s.cpu, 2)} | ${f(s.wall, 2)} | ${f(s.peak, 0)}` : '– | – | –';
}

function rerunsSection(rr: Reruns, labels: readonly string[], load: LoadSpan | undefined): string[] {
  const runs = rr.figures.get('first generate')?.get(labels[0]!)?.samples.runs.length ?? 0;
  const out = labels.map((l) => {
    const o = rr.output.get(l);
    return o ? `${l}: ${n(o.alarms)} alarms, ${f(o.mb)} MB in ${o.files} files` : `${l}: –`;
  });
  return [
    HEADINGS.reruns,
    '',
    `A listing of ${n(rr.listed)} resources (${n(rr.resources)} monitored), both formats; first run's output: ${out.join('; ')}.`,
    `Each round starts from an empty output folder and then runs, in order: the first generate; the same generate again; \`generate --check\`; \`plan\`; generate after one Lambda function is added to the inventory; generate after one resource's \`obsgen:threshold:errors\` tag changes; after one more function is added, the nightly job as the build's \`examples/ci/nightly.yml\` runs it (one \`generate --plan-markdown … --plan-json …\`; a build without those options ran \`plan --markdown\`, \`plan --json\` and \`generate\`, and its figures are the three summed, the peak the largest). Median of ${runs} round${runs === 1 ? '' : 's'}. Lines changed: what the last round's run changed in the files it wrote, as \`git diff --numstat\` counts them (what the nightly change shows its reviewer). ${loadNote(load)}`,
    '',
    `| run | ${labels.map((l) => `${l}: CPU (s) | wall (s) | peak (MB) | files written | lines changed`).join(' | ')} |`,
    `|---|${labels.map(() => '---:|---:|---:|---:|---:|').join('')}`,
    ...RERUN_KINDS.map((k) => {
      const byCli = rr.figures.get(k)!;
      return `| ${k} | ${labels
        .map((l) => {
          const x = byCli.get(l);
          const written = k.includes('--check') || k.startsWith('plan') ? '–' : x ? `${x.written}${k.includes('added') || k.includes('tag') ? ` (${unrelated(x.unrelated)})` : ''}` : '–';
          return `${cells(x?.samples)} | ${written} | ${x?.lines ? lineCell(x.lines) : '–'}`;
        })
        .join(' | ')} |`;
    }),
    '',
    `CPU of every round (${labels.join(' / ')}): ${RERUN_KINDS.map((k) => `${k}: ${labels.map((l) => rr.figures.get(k)?.get(l)?.samples.cpuRuns ?? '–').join(' / ')}`).join('; ')}.`,
    '',
  ];
}

function scaleSection(rows: ScaleRow[], labels: readonly string[], load: LoadSpan | undefined): string[] {
  const runs = rows[0]?.byCli.get(labels[0]!)?.runs.length ?? 0;
  const first = rows[0];
  return [
    HEADINGS.scale,
    '',
    `The #21 mix in one account and one region, both formats, a fresh output folder each run; the sizes interleaved, median of ${runs} round${runs === 1 ? '' : 's'}. ${loadNote(load)}`,
    '',
    `| resources | ${labels.map((l) => `${l}: CPU (s) | wall (s) | peak (MB) | CPU × the smallest`).join(' | ')} |`,
    `|---:|${labels.map(() => '---:|---:|---:|---:|').join('')}`,
    ...rows.map((row) => `| ${n(row.resources)} | ${labels.map((l) => `${cells(row.byCli.get(l))} | ${f(row.byCli.get(l)!.cpu / first!.byCli.get(l)!.cpu, 2)}×`).join(' | ')} |`),
    '',
  ];
}

function historySection(h: HistoryRun, labels: readonly string[], load: LoadSpan | undefined): string[] {
  const runs = h.byCli.get(labels[0]!)?.runs.length ?? 0;
  const mb = (bytes: number) => f(bytes / 2 ** 20);
  const alarms = labels.map((l) => `${l} ${h.alarms.has(l) ? n(h.alarms.get(l)!) : '–'}`).join(', ');
  const rows: [string, Map<string, Samples>][] = [
    ['first run', h.byCli],
    ['next night', h.nextNight],
  ];
  return [
    HEADINGS.history,
    '',
    `The #21 mix when its config lists metric history (\`inputs.metrics\`): the whole \`obsgen generate --format both\` process, reading the history and tuning thresholds from it. The **first run** generates into a fresh output folder; the **next night** runs over that output (its thresholds are the previous ones) with the same series a day on: the window moved by a day, 13 days the first run saw and one new.`,
    `A listing of ${n(h.listed)} resources over 3 accounts × 3 regions (${n(h.resources)} monitored; alarms generated: ${alarms}); ${h.days} days of one-minute history for each of its ${n(h.history.alarms)} alarms whose decision reads history (every tuning policy but relative-to-tag, which reads it for a band or without its tag), one series per metric per account and region, in ${h.history.files.length} gzip files (one per account and region) of ${mb(h.history.gzipBytes)} MB in all, ${mb(h.history.rawBytes)} MB of JSON, for each night.`,
    `The history is made up (\`scripts/bench/history-files.ts\`, seed 1): a daily and weekly shape, noise, error counts mostly zero and missing at quiet hours, some gaps and a few incidents. ${labels.length > 1 ? 'The builds interleaved, median' : 'Median'} of ${runs} round${runs === 1 ? '' : 's'}. ${loadNote(load)}`,
    '',
    `| run | resources | series | datapoints | ${labels.map((l) => `${l}: CPU (s) | wall (s) | peak (MB) | files written`).join(' | ')} |`,
    `|---|---:|---:|---:|${labels.map(() => '---:|---:|---:|---:|').join('')}`,
    ...rows.map(
      ([run, byCli]) =>
        `| ${run} | ${n(h.listed)} | ${n(h.history.series)} | ${n(h.history.datapoints)} | ${labels
          .map((l) => `${cells(byCli.get(l))} | ${run === 'first run' ? 'all' : h.nextNightWritten.has(l) ? n(h.nextNightWritten.get(l)!) : '–'}`)
          .join(' | ')} |`,
    ),
    '',
    ...(runs > 1 ? rows.map(([run, byCli]) => `CPU of every round, ${run} (${labels.join(' / ')}): ${labels.map((l) => byCli.get(l)?.cpuRuns ?? '–').join(' / ')}.`).concat(['']) : []),
  ];
}

function allTypesSection(a: { rows: AllTypesRow[]; runs: number }, self: Cli, load: LoadSpan | undefined): string[] {
  const byKey = new Map(a.rows.map((r) => [`${r.resources}/${r.format}`, r]));
  const t1 = byKey.get('1000/both');
  const t10 = byKey.get('10000/both');
  const t50 = byKey.get('50000/both');
  const targets: string[] = [];
  if (t10) {
    targets.push(`| 10,000 resources, both formats: < 3 s | ${f(t10.samples.wall, 2)} s wall, ${f(t10.samples.cpu, 2)} s CPU | ${met(t10.samples.cpu < 3)} |`);
    targets.push(`| 10,000 resources, both formats: < 600 MB peak | ${f(t10.samples.peak, 0)} MB | ${met(t10.samples.peak < 600)} |`);
  }
  if (t50) {
    targets.push(`| 50,000 resources, both formats: < 15 s | ${f(t50.samples.wall, 2)} s wall, ${f(t50.samples.cpu, 2)} s CPU | ${met(t50.samples.cpu < 15)} |`);
    targets.push(`| 50,000 resources, both formats: < 2 GB peak | ${f(t50.samples.peak, 0)} MB | ${met(t50.samples.peak < 2048)} |`);
  }
  if (t1 && t10) targets.push(`| 10× the resources (1,000 → 10,000) costs ≤ 12× the CPU | ${f(t10.samples.cpu / t1.samples.cpu, 1)}× | ${met(t10.samples.cpu / t1.samples.cpu <= 12)} |`);
  if (t10 && t50) targets.push(`| 5× the resources (10,000 → 50,000) costs ≤ 6× the CPU | ${f(t50.samples.cpu / t10.samples.cpu, 1)}× | ${met(t50.samples.cpu / t10.samples.cpu <= 6)} |`);
  return [
    HEADINGS.allTypes,
    '',
    `${self.label} only; every supported type over 3 accounts × 3 regions; the formats interleaved, median of ${a.runs} round${a.runs === 1 ? '' : 's'}. ${loadNote(load)}`,
    '',
    ...(targets.length > 0 ? ['| earlier target (judged on CPU) | measured | |', '|---|---|---|', ...targets, ''] : []),
    '| resources | format | CPU (s) | wall (s) | peak RSS (MB) | alarms | output (MB) | files | largest file (MB) | stacks | largest stack (resources / KB) | dashboards | most widgets |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...a.rows.map(
      (r) =>
        `| ${n(r.resources)} | ${r.format} | ${f(r.samples.cpu, 2)} | ${f(r.samples.wall, 2)} | ${f(r.samples.peak, 0)} | ${n(r.alarms)} | ${f(r.outputMb)} | ${r.files} | ${f(r.largestFileMb)} | ${r.format === 'terraform' ? '–' : r.stacks} | ${r.format === 'terraform' ? '–' : `${r.maxStackResources} / ${f(r.maxStackKb, 0)}`} | ${r.dashboards} | ${r.maxDashboardWidgets} |`,
    ),
    '',
    'Limits: a stack holds at most 500 resources and 1 MB of template; a dashboard at most 500 widgets.',
    '',
  ];
}

function validationSection(checks: Validation[]): string[] {
  return [
    HEADINGS.validate,
    '',
    '| resources | format | CloudFormation problems | Terraform problems | time (s) |',
    '|---:|---|---:|---:|---:|',
    ...checks.map((c) => `| ${n(c.resources)} | ${c.format} | ${c.cloudformation} | ${c.terraform} | ${f(c.seconds)} |`),
    '',
    'CloudFormation: every template against the resource schemas of `@aws-cdk/aws-service-spec` and AWS limits.',
    "Terraform: every file parsed with HashiCorp's HCL parser, checked against the AWS provider schema and `terraform fmt`.",
    '',
  ];
}

function terraformSection(tf: TerraformFigure | string): string[] {
  if (typeof tf === 'string') return [HEADINGS.terraform, '', `Not measured: ${tf}.`, ''];
  const line = (step: string, r: { seconds: number; cpuSeconds: number; peakMb: number }) => `| ${step} | ${f(r.seconds)} | ${f(r.cpuSeconds)} | ${f(r.peakMb, 0)} |`;
  const ok = tf.validate.seconds <= 60 && tf.validate.peakMb <= 2048;
  return [
    HEADINGS.terraform,
    '',
    `The ${n(tf.resources)}-resource all-types estate in the \`module-per-scope\` layout: ${tf.modules} modules; the largest, \`${tf.largest.module}\`,`,
    `declares ${n(tf.largest.terraformResources)} Terraform resources. ${tf.terraform}, hashicorp/aws ${tf.provider} from the offline mirror.`,
    `Target: validate in ≤ 60 s and ≤ 2 GB: ${ok ? 'met' : '**not met**'}.`,
    '',
    '| step | wall (s) | CPU (s) | peak RSS (MB) |',
    '|---|---:|---:|---:|',
    line('terraform init', tf.init),
    line('terraform validate', tf.validate),
    ...(tf.plan ? [line('terraform plan (provider on moto_server)', tf.plan)] : []),
    '',
  ];
}

function backtestSection(bt: { pointsPerSecond: number; points: number; runs: number }): string[] {
  return [HEADINGS.backtest, '', `${f(bt.pointsPerSecond / 1e6, 0)} million datapoints per second (in the bench's own process; median of ${bt.runs} runs over ${f(bt.points / 1e6, 0)} million datapoints, the four missing-data modes; target ≥ 50 million).`, ''];
}

function metricDataSection(md: MetricDataFigure[]): string[] {
  return [
    HEADINGS.metricData,
    '',
    '| metrics | datapoints each | datapoints | calls | floor ⌈datapoints / 100,800⌉ | calls / floor | time (s) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...md.map((m) => `| ${n(m.metrics)} | ${n(m.perMetric)} | ${n(m.datapoints)} | ${m.calls} | ${m.floor} | ${f(m.calls / m.floor, 2)} | ${f(m.seconds, 1)} |`),
    '',
  ];
}

function liveSection(live: LiveDiscoveryFigure): string[] {
  return [
    HEADINGS.live,
    '',
    `\`obsgen generate --source aws\` (the built CLI, real SDK clients) for ${n(live.resources)} tagged resources in one account over ${live.regions} regions,`,
    'every Lambda function with an existing log group; metric history not fetched (see above for its calls).',
    `Whole process ${f(live.seconds, 1)} s, of which ${f(live.awsSeconds, 1)} s from the first AWS call to the last.`,
    '',
    '| API call | calls |',
    '|---|---:|',
    ...live.calls.map(([op, c]) => `| ${op} | ${c} |`),
    '',
  ];
}
