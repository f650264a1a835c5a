import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { warnOfUselessDefaults } from '../../src/pipeline/threshold-warnings.js';
import type { Resolved } from '../../src/resolve/types.js';
import { checkCandidate } from '../../src/tune/checks.js';
import type { Decisions, ThresholdDecision } from '../../src/tune/types.js';
import { historyJson, MetricHistory, parseHistoryText } from '../../src/tune/history.js';
import { generateFor } from '../helpers/pipeline.js';

// An alarm whose history leaves no threshold that works keeps its default; when that history
// shows the default always on (or unreachable), the run says so at the resource, with the tags
// that settle it, and still monitors everything else.
const START = Date.UTC(2026, 9, 1) / 1000;
const ARN = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0';
const OTHER = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0fedcba9876543210';

/** 14 days of 5-minute CPUUtilization for the instance `id`, each value made by `f(slot)`. */
function cpuHistory(id: string, f: (i: number) => number) {
  const values = Float64Array.from({ length: 14 * 288 }, (_, i) => f(i));
  const text = historyJson([{ metric: { kind: 'single', metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: [{ name: 'InstanceId', value: id }], statistic: 'Average' } }, period: 300, start: START, values }]);
  return parseHistoryText('h.json', text, new Diagnostics());
}

function run(pinnedAt: number) {
  const tags = [
    { Key: 'app', Value: 'render' },
    { Key: 'env', Value: 'prod' },
  ];
  const history = new MetricHistory([...cpuHistory('i-0123456789abcdef0', () => pinnedAt), ...cpuHistory('i-0fedcba9876543210', (i) => 30 + 20 * Math.sin((Math.PI * (i % 288)) / 288) ** 2)]);
  return generateFor(
    [
      { ResourceARN: ARN, Tags: tags },
      { ResourceARN: OTHER, Tags: tags },
    ],
    { tuning: { history } },
  );
}

describe('a default threshold its history shows useless', () => {
  it('a worker pinned at 100% CPU: the default 80 would stay in ALARM, and no threshold fits; warned at its ARN', () => {
    const { result, diags } = run(100);
    const warnings = diags.items.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.arn).toBe(ARN);
    expect(warnings[0]!.message).toMatch(/^ec2-instance\/cpu keeps its default threshold 80, which its history \(14 days\) shows to be always on: in ALARM 100% of normal operation; no other threshold fits it \(policy [\d.]+: unreachable: the metric never exceeds 100\)\./);
    expect(warnings[0]!.message).toContain('Fix: set a threshold with the tag obsgen:threshold:cpu=<value> on this resource, or turn the alarm off with obsgen:disable=cpu.');
    // The run goes on: both instances are monitored, the pinned one with the default it keeps.
    const cpu = result!.model.alarms.filter((a) => a.alarmId === 'cpu');
    expect(cpu.map((a) => [a.resource.name, a.threshold.provenance.kind])).toEqual([
      ['i-0123456789abcdef0', 'fallback'],
      ['i-0fedcba9876543210', 'tuned'],
    ]);
    expect(cpu[0]!.threshold.value).toBe(80);
  });

  it('a worker at 99.9%: a threshold short of 100 fits, and nothing is said', () => {
    const { result, diags } = run(99.9);
    expect(diags.items.filter((d) => d.severity === 'warning')).toEqual([]);
    const cpu = result!.model.alarms.find((a) => a.resource.name === 'i-0123456789abcdef0' && a.alarmId === 'cpu')!;
    expect(cpu.threshold.provenance.kind).toBe('tuned');
    expect(cpu.threshold.value).toBeGreaterThan(99.9);
    expect(cpu.threshold.value).toBeLessThan(100);
  });

  it('only a default that stays in ALARM for most of its history, or never fires, is warned of', () => {
    // The checks reject a candidate in ALARM for more than 1% of normal operation; a default kept
    // at 1.7% still fires and stops, and is not a finding.
    const evaluation = { comparison: 'GreaterThanThreshold', evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' } as const;
    const warned = (values: number[], range?: { min?: number; max?: number }) => {
      const check = checkCandidate(0, evaluation, Float64Array.from(values), new Uint8Array(values.length), range, 1);
      const decision: ThresholdDecision = {
        value: 0,
        provenance: { kind: 'fallback', policy: 'envelope', reason: 'no threshold passed', defaultValue: 0 },
        report: { candidates: [{ source: 'default', value: 0, chosen: check.ok, reason: check.reason! }] },
      };
      const resolved = { resources: [{ matched: { resource: { arn: ARN } }, alarms: [{ id: 'a', matched: { spec: { id: 'errors' }, blueprint: { id: 'lambda-function' } } }] }] } as unknown as Resolved;
      const diags = new Diagnostics();
      warnOfUselessDefaults(resolved, new Map([['a', decision]]) as Decisions, diags);
      return diags.items.map((d) => d.message.split(', which its history shows to be ')[1]?.split(/[;.] (?=no other|Fix)/)[0]);
    };
    const minutes = (inAlarm: number) => Array.from({ length: 120 }, (_, i) => (i < inAlarm ? 1 : 0));
    expect(warned(minutes(2))).toEqual([]);
    expect(warned(minutes(60))).toEqual([]);
    expect(warned(minutes(61))).toEqual(['always on: in ALARM 50.8% of normal operation']);
    expect(warned(minutes(0), { min: 0, max: 0 })).toEqual(['unreachable: the metric never exceeds 0']);
  });
});


describe('a tag a relative-to-tag tuning reads that is not a number', () => {
  const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:api';
  const GOOD = 'arn:aws:lambda:eu-west-1:123456789012:function:worker';
  /** 14 days of the function's Duration p90: ~140 ms. */
  const duration = (name: string) => {
    const values = Float64Array.from({ length: 20160 }, (_, i) => 140 + 10 * Math.sin(i / 7));
    const text = historyJson([{ metric: { kind: 'single', metric: { namespace: 'AWS/Lambda', name: 'Duration', dimensions: [{ name: 'FunctionName', value: name }], statistic: 'p90' } }, period: 60, start: START, values }]);
    return parseHistoryText('h.json', text, new Diagnostics());
  };
  const fn = (arn: string, timeout: string) => ({ ResourceARN: arn, Tags: [{ Key: 'app', Value: 'shop' }, { Key: 'obsgen:timeout-ms', Value: timeout }] });

  it('is a finding at the ARN and tag; the alarm is decided as without it, from history; the others are untouched', () => {
    const { result, diags } = generateFor([fn(FN, '3 s'), fn(GOOD, '3000')], { tuning: { history: new MetricHistory([...duration('api'), ...duration('worker')]) } });
    expect(diags.items).toEqual([
      {
        severity: 'warning',
        message: 'expected a number, got "3 s"; lambda-function/duration is decided as without the tag: from its history (envelope)',
        arn: FN,
        tag: 'obsgen:timeout-ms',
      },
    ]);
    const threshold = (arn: string) => result!.model.alarms.find((a) => a.alarmId === 'duration' && a.resource.arn === arn)!.threshold;
    expect(threshold(FN).provenance).toMatchObject({ kind: 'tuned', policy: 'envelope', reason: expect.stringMatching(/^tag obsgen:timeout-ms is not a number \("3 s"\), so from the history: normal peak/) as unknown });
    expect(threshold(GOOD)).toMatchObject({ value: 2400, provenance: { kind: 'tuned', policy: 'relative-to-tag' } });
  });

  it('with --strict, an error', () => {
    const { diags } = generateFor([fn(FN, 'abc')], { strict: true, tuning: { history: new MetricHistory(duration('api')) } });
    expect(diags.items.map((d) => [d.severity, d.message, d.tag])).toEqual([['error', 'expected a number, got "abc"', 'obsgen:timeout-ms']]);
  });
});
