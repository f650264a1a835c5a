import { describe, expect, it } from 'vitest';
import { readConcept, runConcept } from '../../concepts/harness.js';
import { parseTemplate } from '../../helpers/cloudformation-output.js';

type Resource = { Type: string; DependsOn?: string; Properties: Record<string, unknown> };
type Query = { Id: string; Expression?: string; Label?: string; ReturnData: boolean; MetricStat?: { Metric: Record<string, unknown>; Stat: string; Period: number } };

// AWS::CloudWatch::AnomalyDetector's Range: "The format is yyyy-MM-dd'T'HH:mm:ss" (UTC, no
// zone: a trailing Z is rejected at deployment, and neither cfn-lint nor the registry schema
// checks the pattern, so this test does).
const RANGE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

async function templateOf(concept: string): Promise<Record<string, Resource>> {
  const { files, diags } = await runConcept(readConcept(concept));
  expect(diags.items).toEqual([]);
  const stack = files!.find((f) => f.path.startsWith('cloudformation/') && f.path.endsWith('obsgen-alarms-01.yaml'))!;
  return (parseTemplate(stack.path, stack.content) as { Resources: Record<string, Resource> }).Resources;
}

describe('CloudFormation: the anomaly detector of each band alarm', () => {
  it('declares the detector the alarm uses: the same metric or queries, before the alarm, with the past incidents left out', async () => {
    const resources = await templateOf('anomaly-band');
    const alarms = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties['ThresholdMetricId']);
    const detectors = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::AnomalyDetector');
    expect(alarms).toHaveLength(2);
    // One detector per band alarm, none orphaned.
    expect(detectors.map(([id]) => id).sort()).toEqual(alarms.map(([, a]) => a.DependsOn).sort());
    for (const [, alarm] of alarms) {
      const detector = resources[alarm.DependsOn!]!.Properties;
      const queries = (alarm.Properties['Metrics'] as Query[]).filter((q) => q.Id !== alarm.Properties['ThresholdMetricId']);
      const band = (alarm.Properties['Metrics'] as Query[]).find((q) => q.Id === alarm.Properties['ThresholdMetricId'])!;
      const over = /^ANOMALY_DETECTION_BAND\((\w+), \d+\)$/.exec(band.Expression!)![1];
      if (over === 'm1') {
        // A band over the metric itself: the single-metric detector of that metric and statistic.
        const m1 = queries.find((q) => q.Id === 'm1')!.MetricStat!;
        expect(detector['SingleMetricAnomalyDetector']).toEqual({ ...m1.Metric, Stat: m1.Stat });
        expect(detector['MetricMathAnomalyDetector']).toBeUndefined();
      } else {
        // A band over an expression: the metric-math detector of exactly the alarm's other queries.
        const math = detector['MetricMathAnomalyDetector'] as { MetricDataQueries: Query[] };
        const byId = (qs: Query[]) => [...qs].sort((a, b) => a.Id.localeCompare(b.Id));
        expect(byId(math.MetricDataQueries)).toEqual(byId(queries));
        expect(math.MetricDataQueries.filter((q) => q.ReturnData).map((q) => q.Id)).toEqual([over]);
      }
    }
    // The latency history has a slow afternoon on 2026-10-10 that tuning set aside: CloudWatch's
    // model is told to leave that day out too; the invocations history had nothing to set aside.
    const latency = alarms.find(([, a]) => a.Properties['AlarmName'] === 'obsgen/lambda:function/checkout/duration')!;
    const ranges = (resources[latency[1].DependsOn!]!.Properties['Configuration'] as { ExcludedTimeRanges: { StartTime: string; EndTime: string }[] }).ExcludedTimeRanges;
    expect(ranges).toEqual([{ StartTime: '2026-10-10T00:00:00', EndTime: '2026-10-11T00:00:00' }]);
    for (const r of ranges) {
      expect(r.StartTime).toMatch(RANGE_TIME);
      expect(r.EndTime).toMatch(RANGE_TIME);
      expect(r.StartTime < r.EndTime).toBe(true);
    }
    const drop = alarms.find(([, a]) => a.Properties['AlarmName'] === 'obsgen/lambda:function/checkout/invocations-drop')!;
    expect(resources[drop[1].DependsOn!]!.Properties['Configuration']).toBeUndefined();
  });

  it('an alarm with a static threshold has no detector', async () => {
    const resources = await templateOf('tuned-threshold');
    expect(Object.values(resources).some((r) => r.Type === 'AWS::CloudWatch::AnomalyDetector')).toBe(false);
    expect(Object.values(resources).some((r) => r.DependsOn !== undefined && r.Type === 'AWS::CloudWatch::Alarm')).toBe(false);
  });
});
