import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import type { Manifest } from '../../src/state/manifest.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { historyJson, MetricHistory, parseHistoryText } from '../../src/tune/history.js';
import type { HistorySeries } from '../../src/tune/history.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';
import { exact } from '../../src/tune/round.js';

const START = Date.UTC(2026, 9, 1) / 1000;

/** History for fn-0000's Errors (Sum, 60 s): quiet, with `minutes` minutes of errors every `every` minutes. */
function errorsHistory(every: number, value = 2, minutes = 6): MetricHistory {
  const values = Float64Array.from({ length: 20160 }, (_, i) => (i % every < minutes ? value : 0));
  const text = historyJson([{ metric: { kind: 'single', metric: { namespace: 'AWS/Lambda', name: 'Errors', dimensions: [{ name: 'FunctionName', value: 'fn-0000' }], statistic: 'Sum' } }, period: 60, start: START, values }]);
  return new MetricHistory(parseHistoryText('h.json', text, new Diagnostics()));
}

function errorsAlarm(history: MetricHistory, previous?: Manifest, extra: Partial<Parameters<typeof generateFor>[1]> = {}) {
  const { result, diags } = generateFor(lambdas(1), { ...extra, ...(previous ? { previous } : {}), tuning: { history } });
  expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
  return { alarm: result!.model.alarms.find((a) => a.alarmId === 'errors')!, manifest: result!.manifest };
}

describe('threshold decisions', () => {
  it('tunes from history, recording the policy, reason and backtest', () => {
    // Errors come six in a row every ~4 hours: the default (> 0, 3 of 3) fires each time.
    const { alarm } = errorsAlarm(errorsHistory(240, 2));
    expect(alarm.threshold.provenance).toMatchObject({ kind: 'tuned', policy: 'envelope', defaultValue: 0 });
    expect(alarm.threshold.value).toBeGreaterThanOrEqual(2);
    expect([alarm.datapointsToAlarm, alarm.evaluationPeriods]).toEqual([3, 3]);
    expect(alarm.threshold.report!.episodes).toEqual({ default: 84, chosen: 0 });
    expect(alarm.threshold.report!.summary).toMatchObject({ n: 20160, max: 2 });
    expect(alarm.threshold.report!.falsePer30d).toBe(0);
    // Every candidate considered is recorded with why it was chosen; the default paged 84 times.
    expect(alarm.threshold.report!.candidates).toEqual([{ source: 'policy', value: alarm.threshold.value, chosen: true, reason: expect.stringMatching(/^normal peak 2 \(the worst day of 14\)/) as unknown, falsePer30d: 0 }]);
  });

  it('chooses a longer evaluation the blueprint allows when the history is spiky, and keeps it on later runs', () => {
    // Three-minute bursts every ~4 hours: 3 of 3 must clear them; 5 of 5 (which the Lambda
    // errors alarm allows) never sees them, and can sit at the normal level.
    const first = errorsAlarm(errorsHistory(240, 2, 3));
    expect([first.alarm.datapointsToAlarm, first.alarm.evaluationPeriods, first.alarm.threshold.value]).toEqual([5, 5, 0]);
    expect(first.alarm.threshold.provenance).toMatchObject({ kind: 'tuned', reason: expect.stringContaining('evaluated 5 of 5 instead of 3 of 3') as unknown });
    expect(first.manifest.alarms.find((a) => a.id === first.alarm.id)).toMatchObject({ evaluationPeriods: 5, datapointsToAlarm: 5, threshold: 0 });
    const again = errorsAlarm(errorsHistory(250, 2, 3), first.manifest);
    expect(again.alarm.threshold.kept).toBeDefined();
    expect(again.manifest.alarms).toEqual(first.manifest.alarms);
  });

  it('an obsgen:threshold tag wins over tuning', () => {
    const { result } = generateFor(lambdas(1, { app: 'shop', 'obsgen:threshold:errors': '7' }), { tuning: { history: errorsHistory(240) } });
    expect(result!.model.alarms.find((a) => a.alarmId === 'errors')!.threshold).toEqual({ value: 7, provenance: { kind: 'tag', tag: 'obsgen:threshold:errors', defaultValue: 0 } });
  });

  it('keeps the previous tuned threshold within the hysteresis band, and moves outside it', () => {
    const first = errorsAlarm(errorsHistory(240, 10));
    const v = first.alarm.threshold.value;
    expect(v).toBeGreaterThan(0);
    const previous = (threshold: number): Manifest => ({
      ...first.manifest,
      alarms: first.manifest.alarms.map((a) => (a.id === first.alarm.id ? { ...a, threshold } : a)),
    });
    const recorded = first.manifest.alarms.find((a) => a.id === first.alarm.id)!;
    const within = errorsAlarm(errorsHistory(240, 10), previous(v * 1.08)).alarm;
    // The previous decision is kept as recorded (value, provenance, report): files do not churn.
    expect(within.threshold).toMatchObject({ value: v * 1.08, provenance: recorded.provenance, report: recorded.report });
    expect(within.threshold.kept).toEqual({ reason: `newly tuned ${v} is within ±10% of ${v * 1.08}`, tuned: v });
    const outside = errorsAlarm(errorsHistory(240, 10), previous(v * 1.5)).alarm;
    expect(outside.threshold).toMatchObject({ value: v, provenance: { kind: 'tuned' } });
    expect(outside.threshold.kept).toBeUndefined();
    // The band is configurable.
    const wide = errorsAlarm(errorsHistory(240, 10), previous(v * 1.5), { config: (c) => void (c.tuning.hysteresis = 0.6) }).alarm;
    expect(wide.threshold.value).toBe(v * 1.5);
  });

  it('does not keep a previous threshold within the band that would page on this history', () => {
    // After a lasting rise, a threshold loosened at most ×1.5 can sit just under the new normal;
    // hysteresis held it there (eval: level-shift-up-busy-cpu flapped every afternoon). Here a
    // wide band (±60%) would keep 9.5 against bursts of 10 every four hours.
    const first = errorsAlarm(errorsHistory(240, 10));
    const v = first.alarm.threshold.value;
    const low: Manifest = { ...first.manifest, alarms: first.manifest.alarms.map((a) => (a.id === first.alarm.id ? { ...a, threshold: 9.5 } : a)) };
    expect(Math.abs(9.5 - v)).toBeLessThanOrEqual(0.6 * v);
    const next = errorsAlarm(errorsHistory(240, 10), low, { config: (c) => void (c.tuning.hysteresis = 0.6) }).alarm;
    expect(next.threshold.kept).toBeUndefined();
    // The new threshold, loosened at most ×1.5 from the previous one: above the bursts.
    expect(next.threshold.value).toBe(14.25);
    expect((next.threshold.provenance as { reason: string }).reason).toMatch(/; the previous 9\.5, within ±60%, is not kept: always on: in ALARM [\d.]+% of normal operation; loosened at most ×1\.5 a run: 9\.5 → 14\.25/);
  });

  it('loosens a tuned threshold by at most ×1.5 a run, and says so', () => {
    // A night with bursts four times as high (an incident nobody was paged for, or a new normal):
    // the threshold follows over several runs, never in one jump.
    const first = errorsAlarm(errorsHistory(240, 10));
    const v = first.alarm.threshold.value;
    const second = errorsAlarm(errorsHistory(240, 40), first.manifest);
    // Each step rounded as thresholds are (to 12 significant digits): no float residue.
    const once = exact(v * 1.5);
    expect(second.alarm.threshold.value).toBe(once);
    expect((second.alarm.threshold.provenance as { reason: string }).reason).toMatch(new RegExp(`; loosened at most ×1.5 a run: ${v} → ${once} \\(tuned [\\d.]+\\)$`));
    const third = errorsAlarm(errorsHistory(240, 40), second.manifest);
    expect(third.alarm.threshold.value).toBe(exact(once * 1.5));
    // Tightening is not limited.
    expect(errorsAlarm(errorsHistory(240, 10), third.manifest).alarm.threshold.value).toBe(v);
  });

  it('a later run over different history keeps the recorded decision byte for byte, unless the tuning changed', () => {
    const first = errorsAlarm(errorsHistory(240, 10));
    // Slightly different history: the same threshold, different statistics in the report.
    const again = errorsAlarm(errorsHistory(250, 10), first.manifest);
    expect(again.manifest.alarms).toEqual(first.manifest.alarms);
    expect(again.alarm.threshold.kept?.reason).toBe('newly tuned to the same value');
    // A changed tuning policy (here: its headroom) is decided afresh, not kept.
    const retuned = errorsAlarm(errorsHistory(250, 10), first.manifest, {
      config: (c) => void (c.tuning.policies = new Map([['lambda-function/errors', { policy: 'noise-budget', headroom: 3 }]])),
    });
    expect(retuned.alarm.threshold.kept).toBeUndefined();
    expect(retuned.alarm.threshold.provenance.kind).toBe('tuned');
  });

  it('keeps previous tuned thresholds when the history of a scope could not be read', () => {
    const first = errorsAlarm(errorsHistory(240, 10));
    const { result } = generateFor(lambdas(1), { previous: first.manifest, tuning: { history: new MetricHistory(), unavailable: new Set(['123456789012/eu-west-1']) } });
    const alarm = result!.model.alarms.find((a) => a.alarmId === 'errors')!;
    expect(alarm.threshold).toMatchObject({ value: first.alarm.threshold.value, provenance: first.alarm.threshold.provenance, kept: { reason: 'metric history could not be read this run' } });
    expect(result!.manifest.alarms).toEqual(first.manifest.alarms);
  });

  it('the config can replace a blueprint\'s tuning policy', () => {
    const { alarm } = errorsAlarm(errorsHistory(240), undefined, {
      config: (c) => void (c.tuning.policies = new Map([['lambda-function/errors', { policy: 'static' }]])),
    });
    expect(alarm.threshold.provenance.kind).toBe('default');
  });
});

describe('a soft maximum (ECS utilisation: a share of what the tasks reserve)', () => {
  const service = [{ ResourceARN: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web', Tags: [{ Key: 'app', Value: 'shop' }] }];
  /** Two weeks of the service's memory: a sawtooth from 40 to 95, with `above` minutes at 120 (tasks using more than they reserve). */
  function memory(above: number): MetricHistory {
    const values = Float64Array.from({ length: 20160 }, (_, i) => (i >= 10_000 && i < 10_000 + above ? 120 : 40 + 55 * ((i % 1440) / 1440)));
    const dimensions = [{ name: 'ClusterName', value: 'prod' }, { name: 'ServiceName', value: 'web' }];
    const text = historyJson([{ metric: { kind: 'single', metric: { namespace: 'AWS/ECS', name: 'MemoryUtilization', dimensions, statistic: 'Average' } }, period: 60, start: START, values }]);
    return new MetricHistory(parseHistoryText('h.json', text, new Diagnostics()));
  }
  // The policy a team may force: p99.9 × 1.5 proposes about 143 over a history that stays under 100.
  const percentile = (c: Config) =>
    void (c.tuning.policies = new Map([['ecs-service/memory', { policy: 'percentile', percentile: 99.9, headroom: 1.5 }]]));
  const memoryAlarm = (history: MetricHistory) => {
    const { result, diags } = generateFor(service, { config: percentile, tuning: { history } });
    expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
    return result!.model.alarms.find((a) => a.alarmId === 'memory')!.threshold;
  };

  it('is the maximum of a service whose history never passed it: no threshold beyond it', () => {
    const threshold = memoryAlarm(memory(0));
    expect(threshold.value).toBeLessThan(100);
    expect(threshold.report!.candidates![0]).toMatchObject({
      source: 'policy',
      chosen: false,
      reason: expect.stringMatching(/^unreachable: this metric passes 100 only on resources whose history does, and this history never has/) as unknown,
    });
    expect(threshold.report!.candidates![0]!.value).toBeGreaterThan(100);
  });

  it('bounds nothing once the history has passed it: tasks there may use more than they reserve', () => {
    const threshold = memoryAlarm(memory(60));
    expect(threshold.provenance).toMatchObject({ kind: 'tuned', policy: 'percentile' });
    expect(threshold.value).toBe(180);
  });
});

describe("the Lambda duration alarm's description says where its threshold came from", () => {
  /** Two weeks of fn-0000's Duration p90: 130-150 ms. */
  const durationHistory = () => {
    const values = Float64Array.from({ length: 20160 }, (_, i) => 140 + 10 * Math.sin(i / 7));
    const text = historyJson([{ metric: { kind: 'single', metric: { namespace: 'AWS/Lambda', name: 'Duration', dimensions: [{ name: 'FunctionName', value: 'fn-0000' }], statistic: 'p90' } }, period: 60, start: START, values }]);
    return new MetricHistory(parseHistoryText('h.json', text, new Diagnostics()));
  };
  const condition = (tags: Record<string, string>, history?: MetricHistory) => {
    const { result } = generateFor(lambdas(1, tags), history ? { tuning: { history } } : {});
    return result!.model.alarms.find((a) => a.alarmId === 'duration')!.description.split('\n')[1];
  };
  it('from the timeout tag, not from history', () => {
    expect(condition({ app: 'shop', 'obsgen:timeout-ms': '6000' })).toBe('Condition: > 4800 for 15 of 15 periods of 60 s (0.8 × obsgen:timeout-ms (6000), floor 100; default 5000). Severity: warning.');
  });
  it('a timeout tagged on a function tuned from its history until then takes effect at once, not ×1.5 a night', () => {
    const history = durationHistory();
    const first = generateFor(lambdas(1, { app: 'shop' }), { tuning: { history } }).result!;
    const before = first.model.alarms.find((a) => a.alarmId === 'duration')!.threshold;
    expect(before).toMatchObject({ provenance: { kind: 'tuned', policy: 'envelope' } });
    expect(before.value).toBeLessThan(300);
    const tagged = generateFor(lambdas(1, { app: 'shop', 'obsgen:timeout-ms': '6000' }), { tuning: { history }, previous: first.manifest }).result!;
    expect(tagged.model.alarms.find((a) => a.alarmId === 'duration')!.threshold).toMatchObject({ value: 4800, provenance: { kind: 'tuned', policy: 'relative-to-tag', reason: '0.8 × obsgen:timeout-ms (6000), floor 100' } });
  });

  it('kept when the history could not be read, under the policy that made it', () => {
    const first = generateFor(lambdas(1, { app: 'shop' }), { tuning: { history: durationHistory() } }).result!;
    const tuned = first.model.alarms.find((a) => a.alarmId === 'duration')!.threshold;
    // Another tuning (headroom 1.4): the recorded decision is not reused verbatim.
    const config = (c: Config) => void (c.tuning.policies = new Map([['lambda-function/duration', { policy: 'relative-to-tag', tag: 'obsgen:timeout-ms', fraction: 0.8, withoutTag: 'envelope', headroom: 1.4, floor: 100 }]]));
    const { result } = generateFor(lambdas(1, { app: 'shop' }), { config, previous: first.manifest, tuning: { history: new MetricHistory(), unavailable: new Set(['123456789012/eu-west-1']) } });
    expect(result!.model.alarms.find((a) => a.alarmId === 'duration')!.threshold).toMatchObject({ value: tuned.value, provenance: { kind: 'kept', policy: 'envelope', reason: 'metric history could not be read this run' } });
  });

  it('without the tag, from the history by the envelope', () => {
    const line = condition({ app: 'shop' }, durationHistory());
    expect(line).toMatch(/^Condition: > \d+ for 15 of 15 periods of 60 s \(tuned from history \(envelope\); default 5000\)\. Severity: warning\.$/);
  });
});

describe('history files', () => {
  it('match alarms whatever the order of dimensions, and reject misaligned starts', () => {
    const diags = new Diagnostics();
    const text = JSON.stringify({
      series: [
        { namespace: 'AWS/X', metricName: 'M', dimensions: { B: '2', A: '1' }, statistic: 'Sum', period: 60, start: '2026-10-01T00:00:00Z', values: [1, null, 3] },
        { namespace: 'AWS/X', metricName: 'M', statistic: 'Sum', period: 60, start: '2026-10-01T00:00:30Z', values: [1] },
      ],
    });
    const series = parseHistoryText('h.json', text, diags);
    expect(series).toHaveLength(1);
    expect(Array.from(series[0]!.values)).toEqual([1, NaN, 3]);
    expect(diags.items.map((d) => d.message)).toEqual(['series[1].start must be a timestamp on a 60-second boundary']);
    const again = parseHistoryText('h.json', JSON.stringify({ series: [{ namespace: 'AWS/X', metricName: 'M', dimensions: { A: '1', B: '2' }, statistic: 'Sum', period: 60, start: '2026-10-01T00:00:00Z', values: [] }] }), new Diagnostics());
    expect(again[0]!.key).toBe(series[0]!.key);
  });

  it('report schema violations with their position', () => {
    const diags = new Diagnostics();
    parseHistoryText('h.json', '{\n  "series": [\n    { "namespace": "AWS/X", "metricName": "M", "statistic": "Median", "period": 60, "start": "2026-10-01T00:00:00Z", "values": [] }\n  ]\n}', diags);
    expect(diags.items[0]).toMatchObject({ severity: 'error', file: 'h.json', line: 3 });
  });
});

describe('the same metric in two scopes', () => {
  // One function name in two regions: one metric identity (namespace, name, dimensions), two
  // metrics. Each alarm tunes from its own scope's history, as the live source and a snapshot
  // read it; a history file that names no scope is every scope's.
  const scoped = (history: MetricHistory, scope: string) => [...history].map((s) => ({ ...s, scope }));
  const both = [...lambdas(1, { app: 'shop', env: 'prod' }, 'eu-west-1'), ...lambdas(1, { app: 'shop', env: 'prod' }, 'us-east-1')];
  const thresholds = (history: Iterable<HistorySeries>) => {
    const { result } = generateFor(both, { tuning: { history } });
    return Object.fromEntries(result!.model.alarms.filter((a) => a.alarmId === 'errors').map((a) => [a.scope.region, a.threshold.value]));
  };

  it('each alarm tunes from the history of its own scope, whatever order the series come in', () => {
    const quiet = scoped(errorsHistory(240, 2), '123456789012/eu-west-1');
    const loud = scoped(errorsHistory(240, 40), '123456789012/us-east-1');
    const alone = (h: MetricHistory) => errorsAlarm(h).alarm.threshold.value;
    const expected = { 'eu-west-1': alone(errorsHistory(240, 2)), 'us-east-1': alone(errorsHistory(240, 40)) };
    expect(expected['eu-west-1']).toBeLessThan(expected['us-east-1']);
    expect(thresholds([...quiet, ...loud])).toEqual(expected);
    expect(thresholds([...loud, ...quiet])).toEqual(expected);
    expect(thresholds(new MetricHistory([...quiet, ...loud]))).toEqual(expected);
  });

  it('a history file may name a series\' account and region: it is then that scope\'s', () => {
    const named = (history: MetricHistory, region: string) =>
      historyJson([...history].map((x) => ({ metric: { kind: 'single' as const, metric: { namespace: 'AWS/Lambda', name: 'Errors', dimensions: [{ name: 'FunctionName', value: 'fn-0000' }], statistic: 'Sum' } }, period: x.period, start: x.start, values: x.values })))
        .replace('{"namespace"', `{"account":"123456789012","region":"${region}","namespace"`);
    const diags = new Diagnostics();
    const quiet = parseHistoryText('eu.json', named(errorsHistory(240, 2), 'eu-west-1'), diags);
    const loud = parseHistoryText('us.json', named(errorsHistory(240, 40), 'us-east-1'), diags);
    expect(diags.items).toEqual([]);
    expect([...quiet, ...loud].map((x) => x.scope)).toEqual(['123456789012/eu-west-1', '123456789012/us-east-1']);
    const alone = (h: MetricHistory) => errorsAlarm(h).alarm.threshold.value;
    expect(thresholds([...loud, ...quiet])).toEqual({ 'eu-west-1': alone(errorsHistory(240, 2)), 'us-east-1': alone(errorsHistory(240, 40)) });
    // One without the other is not a scope.
    const half = named(errorsHistory(240, 2), 'eu-west-1').replace('"account":"123456789012",', '');
    parseHistoryText('half.json', half, diags);
    expect(diags.items.map((d) => d.message)).toEqual(['series[0]: must have property account when property region is present']);
  });

  it('a series of no scope is the history of the metric in every scope', () => {
    const value = errorsAlarm(errorsHistory(240, 40)).alarm.threshold.value;
    expect(thresholds(errorsHistory(240, 40))).toEqual({ 'eu-west-1': value, 'us-east-1': value });
  });
});
