/**
 * docs/alarm-quality.md: the method, the overall and per-shape tables, and each scenario in
 * detail, every figure beside AWS's static recommendation. Deterministic: no timestamps, no
 * timings, fixed number formats and orders.
 */
import { HISTORY_DAYS, REPLAY_DAYS, SEEDS } from './corpus/index.js';
import type { Scenario, Shape } from './corpus/types.js';
import { LOOKBACK_DAYS, MODES } from './evaluate.js';
import type { Mode, ModeResult, SeriesResult } from './evaluate.js';
import { fixed1, minutes, operator, percent, table, threshold } from './format.js';
import { SLO_DETECTION_MINUTES, SLO_HEADER, SLO_OBJECTIVE, sloCell } from './slo.js';
import type { SloResults } from './slo.js';
import { tally } from './tally.js';
import type { Figures } from './tally.js';
import { VARIANTS } from './variants.js';
import type { VariantId } from './variants.js';

/** One scenario's results, one per seed. */
export interface ScenarioResults {
  scenario: Scenario;
  series: SeriesResult[];
}

export const MODE_TITLES: Record<Mode, string> = {
  oneShot: 'One-shot (tuned once on the history)',
  nightly: 'Nightly (re-tuned every 24 h with the previous manifest)',
};

const pick = (results: readonly SeriesResult[], variant: VariantId, mode: Mode): ModeResult[] => results.map((r) => r.results[variant][mode]);

/** The row of figures the overall tables show for one variant. */
export function overallRow(label: string, f: Figures): string[] {
  return [
    label,
    `${percent(f.recall)} (${f.caught}/${f.incidents})`,
    fixed1(f.falsePer30Days),
    percent(f.alarmShare, 1),
    percent(f.quietAlarmShare, 1),
    minutes(f.medianDetectMinutes),
    String(f.unreachable),
    String(f.alwaysOn),
  ];
}

export const OVERALL_HEADER = ['', 'Recall', 'False episodes / alarm / 30 d', 'Time in ALARM', '… outside incidents', 'Median time to detect', 'Unreachable', 'Always-on'];

/** The overall table of one mode: a row per variant, AWS static first. */
export function overallTable(all: readonly SeriesResult[], mode: Mode): string {
  return table(OVERALL_HEADER, VARIANTS.map((v) => overallRow(v.label, tally(pick(all, v.id, mode)))));
}

/** A per-shape cell: recall · false episodes per 30 days, and flags when any alarm had them. */
function cell(f: Figures): string {
  const flags = [f.unreachable ? `U${f.unreachable}` : '', f.alwaysOn ? `A${f.alwaysOn}` : ''].filter(Boolean).join(' ');
  return `${percent(f.recall)} · ${fixed1(f.falsePer30Days)}${flags ? ` · ${flags}` : ''}`;
}

/** Shapes in the order the corpus first uses them. */
export function shapesOf(scenarios: readonly ScenarioResults[]): Shape[] {
  return [...new Set(scenarios.map((s) => s.scenario.shape))];
}

function perShapeTable(scenarios: readonly ScenarioResults[], mode: Mode): string {
  const rows = shapesOf(scenarios).map((shape) => {
    const results = scenarios.filter((s) => s.scenario.shape === shape).flatMap((s) => s.series);
    const incidents = tally(pick(results, 'aws-static', mode)).incidents;
    return [shape, `${results.length} / ${incidents}`, ...VARIANTS.map((v) => cell(tally(pick(results, v.id, mode))))];
  });
  return table(['Shape', 'Alarms / incidents', ...VARIANTS.map((v) => v.label)], rows);
}

/**
 * Scenarios that share their draws (`sameDrawsAs`), in pairs: the same events seen by two
 * alarms, e.g. an error count and an error rate. Each row: the scenario, its alarm, and recall ·
 * false episodes per 30 days for AWS static, obsgen (one-shot, nightly) and hindsight.
 */
export function pairRows(scenarios: readonly ScenarioResults[]): string[][] {
  const rows: string[][] = [];
  for (const twin of scenarios.filter((s) => s.scenario.sameDrawsAs)) {
    const first = scenarios.find((s) => s.scenario.id === twin.scenario.sameDrawsAs);
    for (const s of first ? [first, twin] : [twin]) {
      const f = (v: VariantId, m: Mode) => {
        const t = tally(pick(s.series, v, m));
        return `${percent(t.recall)} · ${fixed1(t.falsePer30Days)}`;
      };
      rows.push([s.scenario.id, `\`${s.scenario.target.alarm}\``, f('aws-static', 'oneShot'), f('emitted', 'oneShot'), f('emitted', 'nightly'), f('hindsight', 'oneShot')]);
    }
  }
  return rows;
}

export const PAIR_HEADER = ['Scenario', 'Alarm', 'AWS static', 'obsgen, one-shot', 'obsgen, nightly', 'hindsight'];

function thresholdsOf(results: readonly ModeResult[]): string {
  return results.map((r) => threshold(r.thresholds[0]!)).join(', ');
}

function nightlyRange(results: readonly ModeResult[]): string {
  // NaN: a night with an anomaly band (no number).
  const all = results.flatMap((r) => r.thresholds).filter((t) => !Number.isNaN(t));
  const bands = results.some((r) => r.thresholds.some((t) => Number.isNaN(t)));
  if (all.length === 0) return 'band';
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const range = lo === hi ? threshold(lo) : `${threshold(lo)} – ${threshold(hi)}`;
  return bands ? `${range}, band` : range;
}

function flags(results: readonly ModeResult[]): string {
  const u = results.filter((r) => r.unreachable).length;
  const a = results.filter((r) => r.alwaysOn).length;
  return [u ? `${u} unreachable` : '', a ? `${a} always-on` : ''].filter(Boolean).join(', ') || '—';
}

function scenarioSection(s: ScenarioResults): string {
  const { scenario } = s;
  const alarm = s.series[0]!.alarm;
  const head = [
    `### ${scenario.id} (${scenario.shape})`,
    '',
    `- **Series:** ${scenario.summary}`,
    `- **Incidents:** ${scenario.incidents || 'none: every spike here must not page.'}`,
    `- **Alarm:** \`${scenario.target.alarm}\` on ${scenario.target.resourceType}: ${operator(alarm.comparison)} threshold, ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} periods of ${alarm.period} s, missing data \`${alarm.treatMissingData}\`.`,
    `- **Bounds:** ${threshold(scenario.bounds.min)} to ${Number.isFinite(scenario.bounds.max) ? threshold(scenario.bounds.max) : 'unbounded'} (${scenario.bounds.why}).`,
    `- **obsgen as emitted, seed ${SEEDS[0]}, first run:** ${s.series[0]!.results.emitted.oneShot.provenance}.`,
    '',
  ];
  const rows = VARIANTS.map((v) => {
    const one = pick(s.series, v.id, 'oneShot');
    const night = pick(s.series, v.id, 'nightly');
    const f1 = tally(one);
    const fn = tally(night);
    return [
      v.label,
      thresholdsOf(one),
      v.id === 'hindsight' ? '(same)' : nightlyRange(night),
      `${percent(f1.recall)} / ${percent(fn.recall)}`,
      `${fixed1(f1.falsePer30Days)} / ${fixed1(fn.falsePer30Days)}`,
      `${minutes(f1.medianDetectMinutes)} / ${minutes(fn.medianDetectMinutes)}`,
      `${percent(f1.quietAlarmShare, 1)} / ${percent(fn.quietAlarmShare, 1)}`,
      `${flags(one)} / ${flags(night)}`,
    ];
  });
  return [
    ...head,
    table(['', 'Threshold, one-shot (per seed)', 'Nightly thresholds (all seeds)', 'Recall', 'False / 30 d', 'Median detect', 'In ALARM outside incidents', 'Flags'], rows),
    '',
    'Pairs are one-shot / nightly.',
  ].join('\n');
}

function method(scenarios: readonly ScenarioResults[]): string {
  const seriesCount = scenarios.reduce((n, s) => n + s.series.length, 0);
  const list = table(
    ['Scenario', 'Shape', 'Alarm', 'Period', 'Series', 'Incidents'],
    scenarios.map((s) => [s.scenario.id, s.scenario.shape, `\`${s.scenario.target.alarm}\``, `${s.scenario.period} s`, s.scenario.summary, s.scenario.incidents || 'none (must not page)']),
  );
  return `## Method

### Corpus

${scenarios.length} scenarios × ${SEEDS.length} seeds = ${seriesCount} labelled series, made by \`scripts/eval/corpus/\` (seeded: the same seed
gives the same values and labels). Each scenario pairs a shape with a built-in blueprint alarm whose
metric it stands for, at that alarm's period. Each series is ${HISTORY_DAYS} days of history (the tuning
lookback) followed by ${REPLAY_DAYS} replayed days, starting on a Monday at 00:00 UTC. The parameters of
each shape are justified in its source comment from what the AWS metric really looks like
(resolution, bounded percentages, whole counts, missing datapoints when idle, daily and weekly
cycles). Incidents are what an on-call engineer wants to be paged for (sustained saturation,
error bursts, latency several times normal for 20 minutes or more, backlog growth, exhaustion,
traffic stopped), labelled as slot windows; about half the series (each with a chance of one in
two, and every long-incident series) also have one in their history.
**Each scenario was fixed before any of its results was looked at, and no generator parameter has
been tuned to make any policy look good or bad** (one early run on seed 1 served only to debug the
harness; no corpus parameter changed after it). Two CPU scenarios, \`level-shift-up-busy-cpu\` and
\`busy-runaway-cpu\`, were added when the CPU alarms' floor came down from AWS's value to half of
it, to measure what the lower floor costs (a lasting rise across it) as well as what it buys (an
incident below AWS's value); their parameters follow from the existing CPU scenarios, and none
changed after their first run. \`untagged-duration\` was added to measure the common Lambda
function whose timeout no tag gives (\`daily-duration\` has the tag), before the change to what its
duration alarm does without the tag; its parameters follow from the other latency scenarios, and
none changed after its first run.

${list}

### What is evaluated

Every figure is for the alarm **obsgen really emits**: a one-resource inventory of the scenario's
resource type, the history under the exact key the alarm evaluates, the real pipeline
(\`generate\`: match, tune, build, emit; in memory, built-in blueprints) through one adapter
(\`scripts/eval/obsgen.ts\`), and the alarm read back from the model (threshold, comparison,
M of N, missing data, period). For a metric math alarm (error rates) the scenario gives the raw
metrics (e.g. Errors and Invocations, NaN where CloudWatch has no datapoint) and the series
replayed, and given to tuning as its history, is the expression obsgen emits (guards included),
computed from them by the evaluation's own reading of CloudWatch metric math
(\`scripts/eval/math.ts\`: FILL, IF, arithmetic and comparisons per timestamp; a division by
zero gives no datapoint, which AWS does not document). The variants:

${VARIANTS.map((v) => `- **${v.label}**: ${v.about}.`).join('\n')}

Two modes: **one-shot** runs once on the history and keeps that alarm for the whole replay;
**nightly** runs again every 24 h of the replay on the trailing ${LOOKBACK_DAYS}-day lookback with the
previous run's manifest as \`previous\` (so hysteresis and whatever tuning does with the previous
decision take part), and the threshold changes at each night's boundary. With tuning disabled
both modes are the same alarm.

### Replay

\`scripts/eval/replay.ts\` evaluates CloudWatch's rules slot by slot, independently of obsgen's
backtest (a property test checks they agree on random series): at each period, the evaluation
range is the last N + 2 slots; with at least N real datapoints the N most recent decide (M
breaching: ALARM, else OK); with fewer, the four \`treatMissingData\` modes fill in as CloudWatch
documents (breaching, notBreaching, ignore keeps the state, missing gives INSUFFICIENT_DATA or
ALARM when the metric stopped after breaching). The alarm is created at the start of the replay
in INSUFFICIENT_DATA (its first evaluation ranges reach back into the history). When a nightly
run changes the threshold the alarm keeps its state (PutMetricAlarm leaves an existing alarm's
state unchanged) and its next evaluation applies the new threshold to the whole range.

**Anomaly detection bands.** An alarm obsgen emits with an anomaly band (\`tuning.band\`) is
replayed against the band's edge at each period, from \`scripts/eval/band.ts\`: a stand-in for
CloudWatch's model, **which AWS does not publish**. AWS documents that the model trains on up to
two weeks of the metric, keeps retraining, follows daily and weekly patterns, and draws the band
the given number of standard deviations either side of the expected value. The stand-in, written
apart from obsgen's own approximation (\`src/tune/band.ts\`, which chooses the width by backtest):
per hour of the UTC day, weekdays and weekends apart, the median and 1.4826 × the median absolute
deviation of the trailing 14 days (incidents included, as CloudWatch sees them), retrained every
UTC midnight. Band figures are therefore only as good as this approximation; CloudWatch's real
bands can be wider or narrower. Nightly runs that switch between a band and a threshold change
the alarm at the night's boundary like a threshold change. A band over \`FILL(metric, 0)\` (the
opt-in traffic-drop alarms) is trained on the filled series, and replayed with FILL as CloudWatch
documents it: in an evaluation range holding a datapoint, the missing ones read 0; a range
without any stays missing data (\`ignore\`: the alarm keeps its state). Traffic-drop incidents
are placed at any hour, nights included, where the usual traffic is too thin for a drop to
show: its misses are mostly in the late evening and at night.

### Definitions

- **Episode:** an entry into ALARM, lasting until the alarm leaves ALARM.
- **Caught:** an incident is caught when an episode *starts* within [incident start, incident end
  + N periods). An alarm already in ALARM when the incident starts does not catch it (unless it
  leaves ALARM and enters again inside the window).
- **Recall:** caught / incidents, pooled over all incidents that start in the replayed part.
- **False episode:** an episode that starts outside every incident's window (history incidents
  running into the replay count as incidents); **per alarm per 30 days** = false episodes ×
  30 / replayed days, pooled.
- **Time in ALARM:** share of replayed periods in ALARM; **outside incidents:** among periods outside
  every incident window.
- **Time to detect:** minutes from an incident's start to the end of the period whose evaluation
  entered ALARM (the earliest CloudWatch could know); median over caught incidents.
- **Unreachable:** a threshold no value of the metric can breach, judged from the metric's nature
  and stated per scenario (above 100 for a percentage, beyond a service limit or what the
  modelled workload can do; below 0 for counts), never from the data; counted per alarm (any
  night, in nightly mode). Alarms on low values with missing data \`breaching\` can still fire
  on missing data with such a threshold.
- **Always-on:** in ALARM for more than half of the replayed time outside incidents.
- **Hindsight:** the constant threshold that, on the replayed part, has the fewest false episodes
  (0 whenever any threshold has none), then catches the most incidents, then spends the fewest
  periods in ALARM. Every distinct value of the replayed part is a candidate (the alarm's states
  change only when the threshold crosses one) when there are at most 400; with more, 48 spread
  candidates, then narrowing rounds around the best (the best found, not proven best). Its
  time to detect follows from the last tie-break (it prefers high thresholds), so it is no target.
- Shapes without incidents (spikes that must not page) contribute only false episodes and time
  in ALARM.

### What is not measured

Whether the alarm's metric, statistic, period or M/N are the right ones (only thresholds vary);
the other alarms of each blueprint (they get no history); notifications, composite alarms and
severities; CloudWatch's datapoint delay and percentile low-sample-count handling; how often
nightly thresholds change the generated files (review churn); real data: the corpus is
synthetic (\`npm run eval:alarms -- --nab <dir>\` adds a check on public labelled CloudWatch
series to stdout only).`;
}

/** The whole document. */
/** The SLO page beside the rate and the count, on the same draws. */
export function sloRows(scenarios: readonly ScenarioResults[], slo: readonly SloResults[]): string[][] {
  return slo.map((r) => {
    const rate = scenarios.find((s) => s.scenario.id === r.rate)!;
    const count = scenarios.find((s) => s.scenario.id === r.count)!;
    const cell = (s: ScenarioResults, v: VariantId) => {
      const t = tally(pick(s.series, v, 'oneShot'));
      return `${percent(t.recall)} · ${fixed1(t.falsePer30Days)} · ${minutes(t.medianDetectMinutes)}`;
    };
    return [r.count.replace(/-count$/, ''), String(r.scores.reduce((n, s) => n + s.incidents, 0)), sloCell(r.scores), sloCell(r.tickets), cell(rate, 'emitted'), cell(count, 'aws-static'), cell(count, 'emitted')];
  });
}

export function report(scenarios: readonly ScenarioResults[], slo: readonly SloResults[] = []): string {
  const all = scenarios.flatMap((s) => s.series);
  const overall = MODES.map((m) => `### ${MODE_TITLES[m]}\n\n${overallTable(all, m)}`).join('\n\n');
  const shapes = MODES.map((m) => `### ${MODE_TITLES[m]}\n\n${perShapeTable(scenarios, m)}`).join('\n\n');
  return `# Alarm quality

Written by \`npm run eval:alarms\` (\`scripts/eval-alarms.ts\`); do not edit by hand. The same code
writes the same file. These are the figures for obsgen's thresholds **as the code stands**, each
beside AWS's static recommendation (first row or column) and the best constant threshold with
hindsight (last).

## Overall

${overall}

## Per shape

Each cell: recall · false episodes per alarm per 30 days; U*n*: *n* alarms with an unreachable
threshold, A*n*: *n* always-on alarms.

${shapes}

## Rates against counts

Each pair of rows is one Lambda function's invocations, errors and incidents (the same draws)
seen by AWS's recommended count (\`lambda-function/errors\`) and by obsgen's error rate
(\`lambda-function/error-rate\`: Errors / Invocations, a minute counting only with at least 3
errors or with every invocation failed). Cells: recall · false episodes per alarm per 30 days. AWS static is, for the count,
AWS's Errors > 0; for the rate, the blueprint's 0.05 (a rate is not in AWS's list for Lambda).
Which alarm pages is a severity, which the evaluation does not measure: obsgen makes the rate
critical and the count a warning.

${table(PAIR_HEADER, pairRows(scenarios))}

## Service level objectives against rates and counts

The page of a ${SLO_OBJECTIVE}% availability objective (the burn-rate windows and composite obsgen
emits for \`slos\`: 14.4× over 1 h and 5 min, or 6× over 6 h and 30 min), replayed on the same
draws as the pairs above: each window alarm over its own period of the raw Errors and
Invocations, with CloudWatch's rules, the page in ALARM while both windows of a pair are. Cells:
recall · false pages per 30 days · median minutes to detect. A page up to ${SLO_DETECTION_MINUTES}
minutes after an incident ends still catches it (the long window closes on the hour); the rate
and count alarms have their own evaluation periods for this. The page answers another question
than the rate: whether the month's error budget is at risk (at ${SLO_OBJECTIVE}%: 7.2% failing over
an hour, or 3% over six), not whether this minute is worse than normal. An incident that spends a
few percent of the budget (a 20-minute outage of part of the traffic, 2% failing for a few hours)
is not paged for, by design. The ticket (3× over a day and 2 hours: 1.5% failing over a UTC day)
is scored beside it, an incident counting as caught by a ticket opened up to a day after it ends
(its long window closes at midnight UTC). On these draws no ticket opens: every
incident here lasts minutes to hours, and none moves a whole day's failures past 1.5%; a burn of
2% for a day does open one (\`test/eval/slo.test.ts\`).

${table(SLO_HEADER, sloRows(scenarios, slo))}

${method(scenarios)}

## Per scenario

${scenarios.map(scenarioSection).join('\n\n')}
`;
}
