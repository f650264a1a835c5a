/**
 * An optional final check on public labelled data: the Numenta Anomaly Benchmark's
 * `realAWSCloudwatch` series (5-minute CloudWatch data, CSV `timestamp,value`, labelled
 * anomaly windows in `labels/combined_windows.json`), scored exactly like the corpus: the
 * first half is history, the second half is replayed. Nothing is fitted to it, and it only
 * ever goes to stdout: the committed report does not depend on it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateChoice, evaluateSeries } from './evaluate.js';
import type { EvalSeries, Mode, ModeResult, SeriesResult } from './evaluate.js';
import type { TuningChoice } from './obsgen.js';
import { fixed1, percent, threshold } from './format.js';
import type { Window } from './score.js';
import { overallText, textTable } from './summary.js';
import { tally } from './tally.js';
import { VARIANTS } from './variants.js';

const FOLDER = 'realAWSCloudwatch';
const PERIOD = 300;

/**
 * The README's recipe for a CPU alarm that warns of CPU far above its usual level at any level,
 * not only past half of AWS's value (through the config's `tuning.policies`), scored beside the
 * alarm as emitted.
 */
const FAR_ABOVE_USUAL = { kind: 'policy', spec: { policy: 'envelope', floor: 10, newNormalAfterDays: 1 } } satisfies TuningChoice;
/** The recipe as the report names it: `envelope, floor 10, newNormalAfterDays 1`. */
const recipeText = Object.entries(FAR_ABOVE_USUAL.spec)
  .map(([k, v]) => (k === 'policy' ? String(v) : `${k} ${String(v)}`))
  .join(', ');

/** Which NAB series stand for which obsgen alarm; the rest are skipped, with the reason. */
function mapping(file: string): { alarm: EvalSeries['target']; bounds: EvalSeries['bounds'] } | { skip: string } {
  if (/^(ec2|rds)_cpu_utilization_/.test(file)) {
    // EC2 and RDS CPU are both 5-minute averages here: an ec2-instance/cpu alarm (300 s, 3 of 3).
    return { alarm: { resourceType: 'ec2:instance', alarm: 'ec2-instance/cpu', name: file.replace(/\.csv$/, '') }, bounds: { min: 0, max: 100 } };
  }
  if (/disk_write_bytes/.test(file)) return { skip: 'no blueprint alarm on EC2 DiskWriteBytes' };
  if (/network_in|NetworkIn/i.test(file)) return { skip: 'no blueprint alarm on EC2 NetworkIn' };
  if (/elb_request_count/.test(file)) return { skip: 'no blueprint alarm on a load balancer’s RequestCount (the request-count-low alarms are API Gateway’s, at 60 s)' };
  if (/grok_asg/.test(file)) return { skip: 'an Auto Scaling group metric: no blueprint for Auto Scaling groups' };
  return { skip: 'no fitting alarm' };
}

const epoch = (text: string) => Date.parse(`${text.trim().replace(' ', 'T')}Z`) / 1000;

/** One CSV on a regular 5-minute grid from its first timestamp (several values in a slot: their mean). */
function readSeries(dir: string, file: string, windows: [string, string][]): Omit<EvalSeries, 'target' | 'bounds' | 'id'> {
  const rows = readFileSync(join(dir, 'data', FOLDER, file), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [t, v] = line.split(',');
    return { t: epoch(t!), v: Number(v) };
  });
  const start = rows[0]!.t;
  const slots = Math.floor((rows[rows.length - 1]!.t - start) / PERIOD) + 1;
  const sum = new Float64Array(slots);
  const count = new Float64Array(slots);
  for (const r of rows) {
    const i = Math.floor((r.t - start) / PERIOD);
    sum[i]! += r.v;
    count[i]! += 1;
  }
  const values = new Float64Array(slots).map((_, i) => (count[i]! > 0 ? sum[i]! / count[i]! : NaN));
  const incidents: Window[] = windows.map(([a, b]) => ({ start: Math.max(0, Math.floor((epoch(a) - start) / PERIOD)), end: Math.min(slots, Math.floor((epoch(b) - start) / PERIOD) + 1) }));
  return { start, period: PERIOD, values, replayFrom: Math.floor(slots / 2), incidents };
}

/** Scores NAB's realAWSCloudwatch series under `dir` (a NAB checkout) and returns the text for stdout. */
export function nabSection(dir: string): string {
  const labelsFile = join(dir, 'labels', 'combined_windows.json');
  const dataDir = join(dir, 'data', FOLDER);
  if (!existsSync(labelsFile) || !existsSync(dataDir)) return `NAB: ${dir} has no labels/combined_windows.json or data/${FOLDER}/; skipped.`;
  const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Record<string, [string, string][]>;
  const results: SeriesResult[] = [];
  const recipe: Record<Mode, ModeResult>[] = [];
  const skipped: string[] = [];
  for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.csv')).sort()) {
    const m = mapping(file);
    if ('skip' in m) {
      skipped.push(`  ${file}: ${m.skip}`);
      continue;
    }
    const s = readSeries(dir, file, labels[`${FOLDER}/${file}`] ?? []);
    const r = evaluateSeries({ id: file, target: m.alarm, bounds: m.bounds, ...s });
    results.push(r);
    recipe.push(evaluateChoice(r, FAR_ABOVE_USUAL));
  }
  const rows = [['series', 'hist. pts', 'windows', ...VARIANTS.map((v) => v.label)]];
  for (const r of results) {
    const history = r.series.values.subarray(0, r.series.replayFrom).filter((v) => !Number.isNaN(v)).length;
    const replayed = r.series.incidents.filter((w) => w.start >= r.series.replayFrom).length;
    rows.push([
      r.series.id.replace(/\.csv$/, ''),
      String(history),
      String(replayed),
      ...VARIANTS.map((v) => {
        const one = r.results[v.id].oneShot;
        const f = tally([one]);
        return `${threshold(one.thresholds[0]!)}: ${f.incidents ? `${f.caught}/${f.incidents}` : '–'} ${f.falseEpisodes}F`;
      }),
    ]);
  }
  // An alarm below a lasting rise stays in ALARM: a single false episode, for days. The share of
  // the time outside the windows spent in ALARM shows it, per series, one-shot and nightly.
  const cell = (one: ModeResult) => {
    const f = tally([one]);
    return `${f.incidents ? `${f.caught}/${f.incidents}` : '–'} · ${f.falseEpisodes}F · ${percent(f.quietAlarmShare, 1)}`;
  };
  const emitted = [
    ['series', 'as emitted, one-shot', 'as emitted, nightly', 'far above usual, one-shot', 'far above usual, nightly'],
    ...results.map((r, i) => [r.series.id.replace(/\.csv$/, ''), cell(r.results.emitted.oneShot), cell(r.results.emitted.nightly), cell(recipe[i]!.oneShot), cell(recipe[i]!.nightly)]),
  ];
  const pooled = (mode: Mode) => {
    const f = tally(recipe.map((r) => r[mode]));
    return `recall ${percent(f.recall)} (${f.caught}/${f.incidents}), ${fixed1(f.falsePer30Days)} false episodes / alarm / 30 d, ${percent(f.quietAlarmShare, 1)} of the time outside the windows in ALARM`;
  };
  const all = tally(results.map((r) => r.results.emitted.oneShot));
  return [
    `NAB ${FOLDER} (final check; ${results.length} series as ec2-instance/cpu, first half history, second half replayed; NAB windows are wide anomaly windows, not pages)`,
    '',
    'Per series, one-shot: threshold: caught/windows, false episodes',
    textTable(rows),
    '',
    `Per series, obsgen as emitted and with the README's "far above usual" CPU recipe (tuning.policies: ${recipeText}):`,
    'caught/windows · false episodes · share of the time outside the windows in ALARM',
    textTable(emitted),
    '',
    `Far above usual, one-shot: ${pooled('oneShot')}.`,
    `Far above usual, nightly: ${pooled('nightly')}.`,
    '',
    'One-shot',
    overallText(results, 'oneShot'),
    '',
    'Nightly',
    overallText(results, 'nightly'),
    '',
    `obsgen as emitted, one-shot: recall ${percent(all.recall)}, ${fixed1(all.falsePer30Days)} false episodes / alarm / 30 d.`,
    'Skipped:',
    ...skipped,
  ].join('\n');
}
