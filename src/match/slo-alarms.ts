import type { AlarmSpec, Blueprint, MathSpec, MetricSpec, Severity, SloKind, SloWindow } from '../blueprints/types.js';
import type { Objectives } from './slo-objectives.js';

/**
 * The multi-window, multi-burn-rate alarms of the Google SRE workbook ("Alerting on SLOs"), as
 * sloth emits them for a 30-day objective. A burn rate is how fast the error budget goes: at 1
 * it lasts the 30 days exactly; at 14.4, 2% of it goes in an hour. Each pair pages (or opens a
 * ticket) when both its long window (the budget really burned) and its short one (and it is
 * still burning) are over the rate, so an alarm fires within minutes of a real burn and stops
 * soon after it ends. The workbook's slowest pair (1× over 3 days) is left out: CloudWatch
 * evaluates at most one day (period × evaluation periods ≤ 86,400 s).
 */
export const BURN_RATES = [
  { pair: 'fast', burn: 14.4, long: 3600, short: 300, severity: 'critical', share: '2% of the 30-day error budget in an hour' },
  { pair: 'slow', burn: 6, long: 21_600, short: 1800, severity: 'critical', share: '5% of the 30-day error budget in six hours' },
  { pair: 'ticket', burn: 3, long: 86_400, short: 7200, severity: 'warning', share: '10% of the 30-day error budget in a day' },
] as const satisfies readonly { pair: string; burn: number; long: number; short: number; severity: Severity; share: string }[];

export type BurnPair = SloWindow['pair'];

/**
 * Failed (or slow) requests a long window needs before it counts: one failed call in a quiet
 * hour is no burn worth a page, however large a share of a handful of requests it is (the
 * workbook's "low-traffic services"). Short windows need none: they only confirm a long one.
 */
export const SLO_MIN_FAILURES = 3;

const WINDOW_LABEL: Record<number, string> = { 300: '5m', 1800: '30m', 3600: '1h', 7200: '2h', 21_600: '6h', 86_400: '1d' };
const WINDOW_TEXT: Record<number, string> = { 300: '5 minutes', 1800: '30 minutes', 3600: 'hour', 7200: '2 hours', 21_600: '6 hours', 86_400: 'day' };

/** The id of an SLO window alarm: `slo-availability-1h`. */
export function sloAlarmId(kind: SloKind, window: number): string {
  return `slo-${kind}-${WINDOW_LABEL[window]}`;
}

const num = (x: number) => Number(x.toPrecision(6));

/** A sum of metrics with gaps as 0, e.g. `(FILL(errors0, 0) + FILL(errors1, 0))`. */
function sum(ids: string[]): string {
  const terms = ids.map((id) => `FILL(${id}, 0)`);
  return terms.length === 1 ? terms[0]! : `(${terms.join(' + ')})`;
}

/** Named queries for a list of metrics: `errors`, or `errors0`, `errors1`, …. */
function named(prefix: string, metrics: readonly MetricSpec[]): Record<string, MetricSpec> {
  return Object.fromEntries(metrics.map((m, i) => [metrics.length === 1 ? prefix : `${prefix}${i}`, m]));
}

/** The share of bad requests in a window, as metric math, with the long window's minimum of bad ones. */
function sli(blueprint: Blueprint, kind: SloKind, thresholdMs: number | undefined, role: 'long' | 'short'): MathSpec {
  const slo = blueprint.slo!;
  if (kind === 'availability') {
    const spec = slo.availability!;
    const errors = named('errors', spec.errors);
    const requests = named('requests', spec.requests);
    const bad = sum(Object.keys(errors));
    const all = sum(Object.keys(requests));
    const share = `${bad} / ${all}`;
    return {
      expression: role === 'long' ? `IF(${bad} >= ${SLO_MIN_FAILURES}, ${share}, 0)` : `IF(${bad} > 0, ${share}, 0)`,
      label: 'Failed share of requests',
      metrics: { ...errors, ...requests },
    };
  }
  const spec = slo.latency!;
  // PR(:t): the percentage of requests that took t or less (CloudWatch's percentile rank).
  const t = spec.unit === 'seconds' ? thresholdMs! / 1000 : thresholdMs!;
  const requests = named('requests', spec.requests);
  const slowPercent = '(100 - FILL(fast, 100))';
  const share = `${slowPercent} / 100`;
  return {
    expression: role === 'long' ? `IF(${sum(Object.keys(requests))} * ${slowPercent} >= ${SLO_MIN_FAILURES * 100}, ${share}, 0)` : share,
    label: `Share of requests slower than ${thresholdMs} ms`,
    metrics: { fast: { ...spec.metric, statistic: `PR(:${t})` }, ...requests },
  };
}

/**
 * The window alarms of a resource's objectives, as blueprint alarms of its blueprint with an
 * SLI (`slo`): two per burn rate (long and short window), each the share of bad requests over
 * its window against burn × error budget, one period of the window's length. They notify no
 * one: the composite alarms that pair them do (see model/slo-composites.ts).
 */
export function sloAlarmSpecs(blueprint: Blueprint, objectives: Objectives): AlarmSpec[] {
  const out: AlarmSpec[] = [];
  for (const kind of ['availability', 'latency'] as const) {
    const objective = objectives[kind];
    const spec = blueprint.slo?.[kind];
    if (!objective || !spec) continue;
    const thresholdMs = 'thresholdMs' in objective ? objective.thresholdMs : undefined;
    const budget = 1 - objective.target / 100;
    const good = kind === 'availability' ? 'succeed' : `take ${thresholdMs} ms or less`;
    const bad = kind === 'availability' ? 'failed' : `took longer than ${thresholdMs} ms`;
    for (const rate of BURN_RATES) {
      for (const role of ['long', 'short'] as const) {
        const window = rate[role];
        const threshold = num(rate.burn * budget);
        const slo: SloWindow = { kind, objective: objective.target, ...(thresholdMs !== undefined ? { thresholdMs } : {}), from: objective.from, pair: rate.pair, burn: rate.burn, role, window };
        out.push({
          id: sloAlarmId(kind, window),
          title: `${kind === 'availability' ? 'Availability' : 'Latency'} burn rate ${rate.burn}× (${WINDOW_LABEL[window]})`,
          description: `Objective: ${objective.target}% of requests to {{resource.name}} ${good} over 30 days. In the last ${WINDOW_TEXT[window]}, more than ${num(threshold * 100)}% of them ${bad}: the error budget is burning ${rate.burn} times as fast as it may (${rate.share}).`,
          firstCheck: 'The page or ticket comes from the SLO composite alarm that pairs this window with its partner; start from the errors (or latency) on the dashboard in the last hour.',
          runbook: 'https://sre.google/workbook/alerting-on-slos/',
          source: `obsgen SLO (${objective.from}): multi-window, multi-burn-rate alarms (Google SRE workbook, "Alerting on SLOs"). ${role === 'long' ? `Long window of the ${rate.pair} pair; at least ${SLO_MIN_FAILURES} ${kind === 'availability' ? 'failed' : 'slow'} requests in it.` : `Short window of the ${rate.pair} pair: the burn is still going on.`}`,
          severity: rate.severity,
          math: sli(blueprint, kind, thresholdMs, role),
          period: window,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          comparison: 'GreaterThanThreshold',
          threshold,
          treatMissingData: 'notBreaching',
          range: { min: 0, max: 1 },
          notify: false,
          slo,
          at: blueprint.slo!.at,
        });
      }
    }
  }
  return out;
}
