import type { CompositeAlarm, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { LiveAlarms } from '../aws/alarms.js';
import { ruleHash } from '../state/manifest.js';
import { MATH_RESULT_ID } from '../blueprints/types.js';
import { bandExpression, fillExpression, FILLED_ID } from '../tune/band.js';
import type { Manifest, ManifestAlarm, ManifestComposite } from '../state/manifest.js';
import { compare } from '../util/compare.js';

export interface DriftChange {
  field: string;
  expected: string;
  live: string;
}

export interface DriftItem {
  name: string;
  account: string;
  region: string;
  /** The stable id, for alarms obsgen generated. */
  id?: string;
  kind: 'metric' | 'composite';
}

/** A scope that was checked, or why it was not. */
export interface DriftScope {
  account: string;
  region: string;
  checked: boolean;
  error?: string;
}

export interface DriftReport {
  scopes: DriftScope[];
  /** In the manifest, not in AWS (not deployed yet, or deleted by hand). */
  missing: DriftItem[];
  /** Under obsgen's prefix in AWS, not in the manifest (created by hand, or left over from an older deployment). */
  unmanaged: DriftItem[];
  /** In both, with settings changed outside the generated code. */
  changed: (DriftItem & { changes: DriftChange[] })[];
  /** Alarms whose actions are disabled (a deployment parameter, or by hand): reported, not drift. */
  actionsDisabled: DriftItem[];
  drift: boolean;
}

const show = (v: unknown): string => (Array.isArray(v) ? (v.length === 0 ? 'none' : v.join(', ')) : v === undefined ? 'unset' : String(v));

function sameNumber(a: number, b: number | undefined): boolean {
  return b !== undefined && (a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort(compare);
  const y = [...new Set(b)].sort(compare);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The period of a live alarm: its own, or (metric math) that of its metric queries. */
function livePeriod(a: MetricAlarm): number | undefined {
  return a.Period ?? a.Metrics?.find((m) => m.MetricStat?.Period !== undefined)?.MetricStat?.Period;
}

/** The expression of a metric-math alarm, from the manifest's summary of its metric (see metricSummary). */
function mathExpressionOf(summary: string): string | undefined {
  return /^math (.*?) \([a-z][A-Za-z0-9_]*=.*\)$/.exec(summary)?.[1];
}

/** Two metric-math expressions alike but for white space (CloudWatch keeps them as written). */
function sameExpression(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}

function metricChanges(e: ManifestAlarm, a: MetricAlarm): DriftChange[] {
  const out: DriftChange[] = [];
  const check = (field: string, same: boolean, expected: unknown, live: unknown) => {
    if (!same) out.push({ field, expected: show(expected), live: show(live) });
  };
  if (e.band) {
    // An anomaly detection alarm has no threshold: its band (expression and width) is what can drift.
    const live = a.Metrics?.find((m) => m.Id === a.ThresholdMetricId)?.Expression;
    const expected = bandExpression(e.band);
    check('band', live !== undefined && sameExpression(live, expected), expected, live ?? (a.Threshold !== undefined ? `static threshold ${a.Threshold}` : undefined));
    if (e.band.fill !== undefined) {
      const filled = a.Metrics?.find((m) => m.Id === FILLED_ID)?.Expression;
      const expectedFill = fillExpression(e.band.fill);
      check('bandFill', filled !== undefined && sameExpression(filled, expectedFill), expectedFill, filled);
    }
  } else {
    check('threshold', sameNumber(e.threshold, a.Threshold), e.threshold, a.Threshold);
    // A metric-math alarm: its expression (a guard or a rate edited by hand is drift too).
    const expected = mathExpressionOf(e.metric);
    if (expected !== undefined) {
      const live = a.Metrics?.find((m) => m.Id === MATH_RESULT_ID)?.Expression;
      check('expression', live !== undefined && sameExpression(live, expected), expected, live ?? (a.MetricName !== undefined ? `metric ${a.MetricName}` : undefined));
    }
  }
  check('comparison', e.comparison === a.ComparisonOperator, e.comparison, a.ComparisonOperator);
  const period = livePeriod(a);
  check('period', e.period === period, e.period, period);
  check('evaluationPeriods', e.evaluationPeriods === a.EvaluationPeriods, e.evaluationPeriods, a.EvaluationPeriods);
  // DescribeAlarms omits DatapointsToAlarm when it equals EvaluationPeriods (AWS's default).
  const dta = a.DatapointsToAlarm ?? a.EvaluationPeriods;
  check('datapointsToAlarm', e.datapointsToAlarm === dta, e.datapointsToAlarm, dta);
  const missing = a.TreatMissingData ?? 'missing';
  check('treatMissingData', e.treatMissingData === missing, e.treatMissingData, missing);
  check('actions', sameSet(e.actions, a.AlarmActions ?? []), e.actions, a.AlarmActions ?? []);
  return out;
}

function compositeChanges(e: ManifestComposite, a: CompositeAlarm): DriftChange[] {
  const out: DriftChange[] = [];
  const live = a.AlarmRule === undefined ? undefined : ruleHash(a.AlarmRule);
  if (e.rule !== live) out.push({ field: 'rule', expected: `sha256 ${e.rule}…`, live: live === undefined ? 'unset' : `sha256 ${live}…` });
  if (!sameSet(e.actions, a.AlarmActions ?? [])) out.push({ field: 'actions', expected: show(e.actions), live: show(a.AlarmActions ?? []) });
  return out;
}

/**
 * Compares one scope's live alarms with what the manifest says obsgen generated there.
 * `prefix` is obsgen's alarm-name prefix: only live alarms under it can be "unmanaged".
 */
export function compareScope(manifest: Manifest, scope: { account: string; region: string }, prefix: string, live: LiveAlarms): Omit<DriftReport, 'scopes' | 'drift'> {
  const inScope = <T extends { account: string; region: string }>(x: T) => x.account === scope.account && x.region === scope.region;
  const where = { account: scope.account, region: scope.region };
  const report: Omit<DriftReport, 'scopes' | 'drift'> = { missing: [], unmanaged: [], changed: [], actionsDisabled: [] };
  const expected = new Map<string, { kind: 'metric'; e: ManifestAlarm } | { kind: 'composite'; e: ManifestComposite }>([
    ...manifest.alarms.filter(inScope).map((e) => [e.name, { kind: 'metric' as const, e }] as const),
    ...manifest.composites.filter(inScope).map((e) => [e.name, { kind: 'composite' as const, e }] as const),
  ]);
  const seen = new Set<string>();
  const visit = (kind: 'metric' | 'composite', name: string | undefined, enabled: boolean | undefined, changes: (x: NonNullable<ReturnType<typeof expected.get>>) => DriftChange[]) => {
    if (name === undefined || seen.has(name)) return;
    seen.add(name);
    const x = expected.get(name);
    if (!x) {
      if (name.startsWith(prefix)) report.unmanaged.push({ name, ...where, kind });
      return;
    }
    const item: DriftItem = { name, ...where, id: x.e.id, kind: x.kind };
    if (x.kind !== kind) {
      report.changed.push({ ...item, changes: [{ field: 'type', expected: `${x.kind} alarm`, live: `${kind} alarm` }] });
      return;
    }
    const c = changes(x);
    if (c.length > 0) report.changed.push({ ...item, changes: c });
    if (enabled === false) report.actionsDisabled.push(item);
  };
  for (const a of live.metric) visit('metric', a.AlarmName, a.ActionsEnabled, (x) => (x.kind === 'metric' ? metricChanges(x.e, a) : []));
  for (const a of live.composite) visit('composite', a.AlarmName, a.ActionsEnabled, (x) => (x.kind === 'composite' ? compositeChanges(x.e, a) : []));
  for (const [name, x] of expected) if (!seen.has(name)) report.missing.push({ name, ...where, id: x.e.id, kind: x.kind });
  const byName = (a: DriftItem, b: DriftItem) => compare(a.name, b.name);
  report.missing.sort(byName);
  report.unmanaged.sort(byName);
  report.changed.sort(byName);
  report.actionsDisabled.sort(byName);
  return report;
}

/** Joins per-scope comparisons into one report. */
export function driftReport(scopes: DriftScope[], parts: Omit<DriftReport, 'scopes' | 'drift'>[]): DriftReport {
  const missing = parts.flatMap((p) => p.missing);
  const unmanaged = parts.flatMap((p) => p.unmanaged);
  const changed = parts.flatMap((p) => p.changed);
  return { scopes, missing, unmanaged, changed, actionsDisabled: parts.flatMap((p) => p.actionsDisabled), drift: missing.length + unmanaged.length + changed.length > 0 };
}
