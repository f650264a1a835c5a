import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cli } from './cli.js';
import { runObsgen } from './cli.js';
import { MIX, writeEstate } from './estate-files.js';
import { clean, filesUnder, interleaved, Samples } from './measure.js';
import type { Run } from './measure.js';
import { lineChanges, linkCopy } from './line-changes.js';
import type { LineChanges } from './line-changes.js';

/** The runs of a nightly job, in the order each round makes them. */
export const RERUN_KINDS = [
  'first generate',
  'generate, input unchanged',
  'generate --check, unchanged',
  'plan, unchanged',
  'generate, one Lambda function added',
  'generate, one tag changed',
  'nightly job as its example runs it, one more function added',
] as const;
export type RerunKind = (typeof RERUN_KINDS)[number];

/** One kind of run for one CLI: its timings, and what the last round's run wrote. */
export interface RerunFigure {
  samples: Samples;
  /** Files the run wrote (0 for --check and plan, which write nothing). */
  written: number;
  /** Of those, the ones that do not mention the resource that changed (the manifest and docs do). */
  unrelated: string[];
  /** For a change to the inventory: the lines the last round's run changed in what it wrote. */
  lines?: LineChanges;
}

export interface Reruns {
  /** Resources in the listing. */
  listed: number;
  /** Of those, monitored (supported and tagged). */
  resources: number;
  /** Per CLI label: the output of the first generate. */
  output: Map<string, { mb: number; files: number; alarms: number }>;
  figures: Map<RerunKind, Map<string, RerunFigure>>;
}

interface Listing {
  ResourceTagMappingList: { ResourceARN: string; Tags: { Key: string; Value: string }[] }[];
}

const ADDED = 'bench-added-function';
const ADDED_AT_NIGHT = 'bench-nightly-function';
const OVERRIDE = 'obsgen:threshold:errors';

/**
 * The #21 mix (`n` resources over 3 accounts × 3 regions), both formats, as a nightly job meets
 * it. Each round starts from a fresh estate and an empty output folder per CLI, then times:
 * the first generate; the same generate again; `generate --check` and `plan` with nothing
 * changed; one Lambda function added to the inventory; one tag (a resource's
 * `obsgen:threshold:errors` override) changed; then the nightly job as examples/ci/nightly.yml
 * of that build runs it, after one more function is added (one `generate` writing both plans; a
 * build without `--plan-markdown` ran `plan --markdown`, `plan --json` and `generate`, summed).
 * Every step runs each CLI in turn (the order alternating by round), so the configurations
 * compared are interleaved.
 */
export function reruns(clis: readonly Cli[], root: string, n: number, runs: number, log: (t: string) => void): Reruns {
  const dir = join(root, `mix-${n}`);
  const figures = new Map<RerunKind, Map<string, RerunFigure>>(RERUN_KINDS.map((k) => [k, new Map(clis.map((c) => [c.label, { samples: new Samples(), written: 0, unrelated: [] as string[] }]))]));
  const output = new Map<string, { mb: number; files: number; alarms: number }>();
  let resources = 0;
  for (let round = 0; round < runs; round++) {
    clean(dir);
    const config = writeEstate(dir, n, 1, MIX);
    const out = (cli: Cli) => join(dir, `out-${clis.indexOf(cli)}`);
    const args = (cli: Cli, ...extra: string[]) => ['--config', config, '--out', out(cli), '--format', 'both', ...extra];
    const step = (kind: RerunKind, command: (cli: Cli) => string[][], changed?: string) => {
      for (const cli of interleaved(clis, round)) {
        const before = join(dir, `before-${clis.indexOf(cli)}`);
        if (changed) linkCopy(out(cli), before);
        const r = command(cli).map((c) => runObsgen(cli, c, dir)).reduce(together);
        const figure = figures.get(kind)!.get(cli.label)!;
        figure.samples.add(r);
        const written = kind.startsWith('plan') || kind.includes('--check') ? [] : writtenBy(r.stdout);
        figure.written = written.length;
        figure.unrelated = changed ? written.filter((f) => !readFileSync(join(out(cli), f), 'utf8').includes(changed)) : [];
        if (changed) {
          figure.lines = lineChanges(before, out(cli), written);
          clean(before);
        }
        if (kind === 'first generate' && round === 0) {
          const files = filesUnder(out(cli));
          const summary = (JSON.parse(r.stdout) as { summary: { alarms: number; resources: number } }).summary;
          resources = summary.resources;
          output.set(cli.label, { mb: files.reduce((s, f) => s + f.bytes, 0) / 2 ** 20, files: files.length, alarms: summary.alarms });
        }
      }
    };
    for (const cli of clis) clean(out(cli));
    step('first generate', (cli) => [['generate', ...args(cli, '--json')]]);
    step('generate, input unchanged', (cli) => [['generate', ...args(cli, '--json')]]);
    step('generate --check, unchanged', (cli) => [['generate', ...args(cli, '--check', '--json')]]);
    step('plan, unchanged', (cli) => [['plan', ...args(cli, '--json')]]);
    addFunction(dir, ADDED);
    step('generate, one Lambda function added', (cli) => [['generate', ...args(cli, '--json')]], ADDED);
    const changed = changeOverride(dir);
    step('generate, one tag changed', (cli) => [['generate', ...args(cli, '--json')]], changed);
    addFunction(dir, ADDED_AT_NIGHT);
    const plan = (cli: Cli, ext: string) => join(dir, `plan-${clis.indexOf(cli)}.${ext}`);
    step(
      'nightly job as its example runs it, one more function added',
      (cli) =>
        plansFromGenerate(cli)
          ? [['generate', ...args(cli, '--json', '--plan-markdown', plan(cli, 'md'), '--plan-json', plan(cli, 'json'))]]
          : [['plan', ...args(cli, '--markdown')], ['plan', ...args(cli, '--json')], ['generate', ...args(cli, '--json')]],
      ADDED_AT_NIGHT,
    );
    log(`  round ${round + 1}: ${RERUN_KINDS.map((k) => `${k} ${[...figures.get(k)!.values()].map((f) => f.samples.runs.at(-1)!.cpuSeconds.toFixed(1)).join('/')}`).join('; ')} s CPU`);
  }
  clean(dir);
  return { listed: n, resources, output, figures };
}

/** The output paths a `generate --json` run wrote. */
function writtenBy(stdout: string): string[] {
  return (JSON.parse(stdout) as { summary?: { written?: string[] } }).summary?.written ?? [];
}

function listings(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function edit(file: string, change: (l: Listing) => void): void {
  const listing = JSON.parse(readFileSync(file, 'utf8')) as Listing;
  change(listing);
  writeFileSync(file, `${JSON.stringify(listing, null, 2)}\n`);
}

/** Runs made one after the other as one: their times summed, the larger peak, the last one's output. */
function together<R extends Run & { stdout: string }>(a: R, b: R): R {
  return { ...b, seconds: a.seconds + b.seconds, cpuSeconds: a.cpuSeconds + b.cpuSeconds, peakMb: Math.max(a.peakMb, b.peakMb) };
}

const planFlags = new Map<string, boolean>();

/** Whether this build's `generate` writes the plan (`--plan-markdown`), so that its nightly example runs it alone. */
function plansFromGenerate(cli: Cli): boolean {
  let known = planFlags.get(cli.main);
  if (known === undefined) {
    known = execFileSync(process.execPath, [cli.main, 'generate', '--help'], { encoding: 'utf8' }).includes('--plan-markdown');
    planFlags.set(cli.main, known);
  }
  return known;
}

/** Adds one tagged Lambda function to the first inventory file. */
function addFunction(dir: string, name: string): void {
  const file = join(dir, listings(dir)[0]!);
  edit(file, (l) => {
    const [, , , region, account] = l.ResourceTagMappingList[0]!.ResourceARN.split(':');
    l.ResourceTagMappingList.push({
      ResourceARN: `arn:aws:lambda:${region}:${account}:function:${name}`,
      Tags: [
        { Key: 'app', Value: 'orders' },
        { Key: 'env', Value: 'prod' },
        { Key: 'team', Value: 'payments' },
      ],
    });
  });
}

/** Changes the threshold override tag of the first Lambda function that has one; returns the function's name. */
function changeOverride(dir: string): string {
  for (const name of listings(dir)) {
    let changed: string | undefined;
    edit(join(dir, name), (l) => {
      for (const m of l.ResourceTagMappingList) {
        const tag = m.Tags.find((t) => t.Key === OVERRIDE);
        if (!tag || !m.ResourceARN.includes(':function:')) continue;
        tag.Value = String(Number(tag.Value) + 1);
        changed = m.ResourceARN.split(':').pop();
        return;
      }
    });
    if (changed) return changed;
  }
  throw new Error(`no Lambda function in the estate has an ${OVERRIDE} tag to change`);
}
