import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/state/read.js';
import { diffManifests } from '../../src/plan/diff.js';
import { renderPlan } from '../../src/plan/render.js';
import { compareScope } from '../../src/drift/compare.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';

function manifestOf(n: number) {
  const { result } = generateFor(lambdas(n), { config: (c) => void (c.actions.critical = ['arn:aws:sns:{{region}}:{{account}}:pager']) });
  return result!.manifest;
}

describe('diffManifests', () => {
  it('is empty between a run and itself, and counts a first run as all added', () => {
    const m = manifestOf(2);
    expect(diffManifests(m, m).changed).toBe(false);
    const first = diffManifests(undefined, m);
    expect(first.changed).toBe(true);
    expect(first.alarms.added).toEqual(m.alarms.map((a) => a.id).sort());
    expect(first.resources.added).toHaveLength(2);
  });

  it('reads a version 1 manifest without reporting what it did not record', () => {
    const m = manifestOf(2);
    // What obsgen 0.x wrote before version 2: no inputs, resources, actions or hashes.
    const v1 = {
      ...m,
      manifestVersion: 1,
      inputs: undefined,
      resources: undefined,
      existingLogGroups: undefined,
      alarms: m.alarms.map(({ actions: _a, account: _b, region: _c, report: _d, tuning: _e, ...rest }) => rest),
      composites: m.composites.map(({ rule: _r, actions: _a, ...rest }) => rest),
      dashboards: m.dashboards.map(({ sha256: _s, ...rest }) => rest),
    };
    const { manifest, problem } = parseManifest(JSON.stringify(v1));
    expect(problem).toBeUndefined();
    expect(manifest!.upgradedFrom).toBe(1);
    const d = diffManifests(manifest, m);
    expect(d.resources).toEqual({ added: [], removed: [], retagged: [] });
    expect(d.alarms).toEqual({ added: [], removed: [], changed: [] });
    expect(d.composites.changed).toEqual([]);
    expect(d.dashboards.changed).toEqual([]);
    expect(renderPlan(d, 'text')).toBe('obsgen plan\n\nNo changes.\n');
    expect(parseManifest(JSON.stringify({ ...m, manifestVersion: 7 })).problem).toBe('manifest version 7 is not supported (expected 6)');
  });

  it('keeps hostile names inside their Markdown code block', () => {
    const before = manifestOf(1);
    const after = { ...before, alarms: before.alarms.map((a, i) => (i === 0 ? { ...a, threshold: 99, name: 'x\n```\n# pwned ````' } : a)) };
    const md = renderPlan(diffManifests(before, after), 'markdown');
    const block = /### Alarms\n\n(`{3,})diff\n([\s\S]*?)\n\1\n/.exec(md);
    expect(block![1]).toBe('`````');
    expect(block![2]).toContain('# pwned');
    expect(md.split('\n').filter((l) => l.startsWith('#')).map((l) => l.split(' ')[0])).toEqual(['##', '###']);
  });
});

describe('anomaly detection bands in plan and drift', () => {
  const band = { width: 3, side: 'upper' as const, reason: 'the hour of day explains 80% of the variation: …', fromHistory: true };

  it('plan shows a band chosen, resized or dropped, and not the static threshold behind a band', () => {
    const m = manifestOf(1);
    const withBand = (b: typeof band, threshold?: number) => ({ ...m, alarms: m.alarms.map((a, i) => (i === 0 ? { ...a, band: b, comparison: 'GreaterThanUpperThreshold', ...(threshold ? { threshold } : {}) } : a)) });
    const chosen = diffManifests(m, withBand(band)).alarms.changed[0]!;
    expect(chosen.changes).toContainEqual({ field: 'band', from: 'none (static threshold)', to: `anomaly band of 3 (upper): ${band.reason}` });
    expect(chosen.changes.map((c) => c.field)).toContain('comparison');
    const resized = diffManifests(withBand(band), withBand({ ...band, width: 4 }, 12345)).alarms.changed[0]!;
    expect(resized.changes.map((c) => c.field)).toEqual(['band']);
    const dropped = diffManifests(withBand(band), m).alarms.changed[0]!;
    expect(dropped.changes).toContainEqual({ field: 'band', from: `anomaly band of 3 (upper): ${band.reason}`, to: 'none (static threshold)' });
  });

  it('drift compares the live band expression, not a threshold the alarm does not have', () => {
    const m = manifestOf(1);
    const e = { ...m.alarms[0]!, band, comparison: 'GreaterThanUpperThreshold' };
    const manifest = { ...m, alarms: [e], composites: [] };
    const live = (expression: string, extra: Record<string, unknown> = {}) => ({
      metric: [
        {
          AlarmName: e.name,
          ActionsEnabled: true,
          AlarmActions: e.actions,
          OKActions: [],
          ComparisonOperator: 'GreaterThanUpperThreshold' as const,
          EvaluationPeriods: e.evaluationPeriods,
          DatapointsToAlarm: e.datapointsToAlarm,
          TreatMissingData: e.treatMissingData,
          ThresholdMetricId: 'ad1',
          Metrics: [
            { Id: 'ad1', Expression: expression, ReturnData: true },
            { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, Period: e.period, Stat: 'Sum' }, ReturnData: true },
          ],
          ...extra,
        },
      ],
      composite: [],
    });
    const scope = { account: e.account, region: e.region };
    expect(compareScope(manifest, scope, 'obsgen', live('ANOMALY_DETECTION_BAND(m1, 3)')).changed).toEqual([]);
    expect(compareScope(manifest, scope, 'obsgen', live('ANOMALY_DETECTION_BAND(m1, 5)')).changed[0]!.changes).toEqual([{ field: 'band', expected: 'ANOMALY_DETECTION_BAND(m1, 3)', live: 'ANOMALY_DETECTION_BAND(m1, 5)' }]);
  });

  it('drift compares a metric-math alarm’s expression: a guard edited by hand is drift', () => {
    const m = manifestOf(1);
    const expression = 'IF(FILL(errors, 0) >= 3 OR (FILL(errors, 0) > 0 AND FILL(errors, 0) >= FILL(requests, 0)), FILL(errors, 0) / FILL(requests, 0), 0)';
    const e = { ...m.alarms[0]!, metric: `math ${expression} (errors=AWS/Lambda Errors Sum; requests=AWS/Lambda Invocations PR(:100))` };
    const manifest = { ...m, alarms: [e], composites: [] };
    const live = (liveExpression: string) => ({
      metric: [
        {
          AlarmName: e.name,
          ActionsEnabled: true,
          AlarmActions: e.actions,
          OKActions: [],
          ComparisonOperator: e.comparison as never,
          Threshold: e.threshold,
          EvaluationPeriods: e.evaluationPeriods,
          DatapointsToAlarm: e.datapointsToAlarm,
          TreatMissingData: e.treatMissingData,
          Metrics: [
            { Id: 'result', Expression: liveExpression, ReturnData: true },
            { Id: 'errors', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, Period: e.period, Stat: 'Sum' }, ReturnData: false },
          ],
        },
      ],
      composite: [],
    });
    const scope = { account: e.account, region: e.region };
    expect(compareScope(manifest, scope, 'obsgen', live(expression.replaceAll(' ', ''))).changed).toEqual([]);
    const loosened = 'FILL(errors, 0) / FILL(requests, 0)';
    expect(compareScope(manifest, scope, 'obsgen', live(loosened)).changed[0]!.changes).toEqual([{ field: 'expression', expected: expression, live: loosened }]);
  });

  it('drift and plan see a band over FILL(m1, x): the band over e1, and e1 filling with x', () => {
    const m = manifestOf(1);
    const filled = { ...band, side: 'lower' as const, fill: 0 };
    const e = { ...m.alarms[0]!, band: filled, comparison: 'LessThanLowerThreshold', treatMissingData: 'ignore' };
    const manifest = { ...m, alarms: [e], composites: [] };
    const live = (bandExpression: string, fillExpression: string) => ({
      metric: [
        {
          AlarmName: e.name,
          ActionsEnabled: true,
          AlarmActions: e.actions,
          OKActions: [],
          ComparisonOperator: 'LessThanLowerThreshold' as const,
          EvaluationPeriods: e.evaluationPeriods,
          DatapointsToAlarm: e.datapointsToAlarm,
          TreatMissingData: 'ignore',
          ThresholdMetricId: 'ad1',
          Metrics: [
            { Id: 'ad1', Expression: bandExpression, ReturnData: true },
            { Id: 'e1', Expression: fillExpression, ReturnData: true },
            { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations' }, Period: e.period, Stat: 'Sum' }, ReturnData: false },
          ],
        },
      ],
      composite: [],
    });
    const scope = { account: e.account, region: e.region };
    expect(compareScope(manifest, scope, 'obsgen', live('ANOMALY_DETECTION_BAND(e1, 3)', 'FILL(m1, 0)')).changed).toEqual([]);
    // Edited by hand: the band drawn over the raw metric again, or the gaps filled with 1.
    expect(compareScope(manifest, scope, 'obsgen', live('ANOMALY_DETECTION_BAND(m1, 3)', 'FILL(m1, 0)')).changed[0]!.changes).toEqual([{ field: 'band', expected: 'ANOMALY_DETECTION_BAND(e1, 3)', live: 'ANOMALY_DETECTION_BAND(m1, 3)' }]);
    expect(compareScope(manifest, scope, 'obsgen', live('ANOMALY_DETECTION_BAND(e1, 3)', 'FILL(m1, 1)')).changed[0]!.changes).toEqual([{ field: 'bandFill', expected: 'FILL(m1, 0)', live: 'FILL(m1, 1)' }]);
    // plan: the same band but for its fill is a change.
    const withFill = (fill: number | undefined) => ({ ...manifest, alarms: [{ ...e, band: fill === undefined ? { ...band, side: 'lower' as const } : { ...filled, fill } }] });
    expect(diffManifests(withFill(0), withFill(undefined)).alarms.changed[0]!.changes.map((c) => c.field)).toEqual(['band']);
    expect(diffManifests(withFill(0), withFill(0)).alarms.changed).toEqual([]);
  });
});
