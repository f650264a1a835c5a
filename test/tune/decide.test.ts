import { describe, expect, it } from 'vitest';
import type { TuningSpec } from '../../src/blueprints/types.js';
import { backtest } from '../../src/tune/backtest.js';
import type { Evaluation } from '../../src/tune/breach-levels.js';
import { decide } from '../../src/tune/decide.js';
import type { DecisionInput } from '../../src/tune/decide.js';
import { seededRandom } from '../../scripts/lib/random.js';

// Each test pins one of the failures the tuning of obsgen 0.1 showed on real series (issue #16).

const START = Date.UTC(2026, 0, 5) / 1000; // a Monday, 00:00 UTC
const DAY = 86_400;
const cpu: Evaluation = { comparison: 'GreaterThanThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching' };
const percent = { min: 0, max: 100 };

/** `days` of history at `period`, each value made by `f(slot, day, random)`. */
function series(days: number, period: number, f: (i: number, day: number, r: () => number) => number, seed = 1): Float64Array {
  const r = seededRandom(seed);
  const perDay = DAY / period;
  return Float64Array.from({ length: days * perDay }, (_, i) => f(i, Math.floor(i / perDay), r));
}

function run(values: Float64Array, period: number, tuning: TuningSpec, extra: Partial<DecisionInput> = {}) {
  return decide({ history: { values, start: START, period }, evaluation: cpu, defaultThreshold: 80, tuning, range: percent, tags: new Map(), ...extra });
}

describe('tuning decisions that cannot produce a useless alarm', () => {
  // A worker that runs hot: the 5-minute CPU average stays at 92–99% all day.
  const hot = series(14, 300, (_i, _d, r) => 92 + 7 * r());

  it('a CPU that runs at 92–99% all day: reachable, quiet, and a multiplicative candidate above 100 is rejected', () => {
    const d = run(hot, 300, { policy: 'envelope', floor: 80 });
    expect(d.value).toBeGreaterThan(99);
    expect(d.value).toBeLessThan(100);
    expect(d.falsePer30d).toBe(0);
    expect(backtest(hot, { ...cpu, threshold: d.value! }).episodes).toBe(0);

    // The old percentile policy (p99.9 × 1.5) proposes ~148, which a percentage never reaches:
    // rejected, and so is the always-on default; the quietest reachable threshold is chosen.
    const p = run(hot, 300, { policy: 'percentile', percentile: 99.9, headroom: 1.5 });
    expect(p.candidates.map((c) => [c.source, c.chosen, c.reason.split(':')[0]])).toEqual([
      ['policy', false, 'unreachable'],
      ['default', false, 'always on'],
      ['quietest', true, 'the quietest reachable threshold (every other candidate was rejected)'],
    ]);
    expect(p.candidates[0]!.value).toBeGreaterThanOrEqual(100);
    expect(p.value).toBeLessThan(100);
  });

  it('the quietest reachable threshold stays short of the bound when normal comes within a rounding of it', () => {
    // The hot worker, pinned at 99.99% for three hours on its fourth day: with the always-on
    // default as the reference, nothing is set aside, so normal reaches 99.99. Halfway to 100
    // is 99.995, which four significant digits round up to 100: unreachable, and the
    // always-on default was kept.
    const pinned = series(14, 300, (i, d, r) => (d === 3 && i % 288 >= 120 && i % 288 < 156 ? 99.99 : 92 + 7 * r()));
    const p = run(pinned, 300, { policy: 'percentile', percentile: 99.9, headroom: 1.5 });
    expect(p.candidates.map((c) => [c.source, c.chosen, c.reason.split(':')[0]])).toEqual([
      ['policy', false, 'unreachable'],
      ['default', false, 'always on'],
      ['quietest', true, 'the quietest reachable threshold (every other candidate was rejected)'],
    ]);
    expect(p.value).toBeGreaterThan(99.99);
    expect(p.value).toBeLessThan(100);
    expect(backtest(pinned, { ...cpu, threshold: p.value! }).episodes).toBe(0);
  });

  it("the envelope's threshold is not rounded onto the bound either", () => {
    // A CPU at 99.8–99.95% all day: normal peak 99.94 + margin, 99.956, is 100 at three digits.
    const pinned = series(14, 300, (_i, _d, r) => 99.8 + 0.15 * r());
    const d = run(pinned, 300, { policy: 'envelope', floor: 40 });
    expect(d.candidates.map((c) => [c.source, c.chosen])).toEqual([['policy', true]]);
    expect(d.reason).toMatch(/^normal peak 99\.9/);
    expect(d.value).toBeGreaterThan(99.95);
    expect(d.value).toBeLessThan(100);
  });

  it('when every candidate is rejected, the least noisy is chosen over a default that pages more', () => {
    // Throttle counts a minute: 0, with a 1–3 in 2% of the minutes and four bursts of 20 over
    // 14 days. The default 0 fires on every blip; p99.9 × 1.5 clears the blips, and the four
    // bursts (nothing sets them aside: the default misjudges normal) make it noisy too.
    const r = seededRandom(3);
    const bursts = [2 * 1440 + 600, 5 * 1440 + 900, 8 * 1440 + 300, 11 * 1440 + 700];
    const throttles = Float64Array.from({ length: 14 * 1440 }, (_, i) => (bursts.some((b) => i >= b && i < b + 4) ? 20 : r() < 0.02 ? 1 + Math.floor(3 * r()) : 0));
    const counts: Evaluation = { comparison: 'GreaterThanThreshold', evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' };
    const percentile: TuningSpec = { policy: 'percentile', percentile: 99.9, headroom: 1.5 };
    const decided = (defaultThreshold: number) => run(throttles, 60, percentile, { evaluation: counts, defaultThreshold, range: { min: 0 } });

    const d = decided(0);
    expect(d.candidates.map((c) => [c.source, c.value, c.chosen, c.reason.split(':')[0]])).toEqual([
      ['policy', 4.5, true, 'the least noisy candidate, none passing (noisy'],
      ['default', 0, false, 'always on'],
    ]);
    expect(d.value).toBe(4.5);
    expect(d.falsePer30d).toBeCloseTo(8.57, 2);
    expect(backtest(throttles, { ...counts, threshold: 4.5 }).episodes).toBe(4);

    // A default that pages no more than the least noisy candidate is kept, as before.
    const kept = decided(15);
    expect(kept.value).toBeUndefined();
    expect(kept.candidates.map((c) => [c.source, c.chosen, c.falsePer30d])).toEqual([
      ['policy', false, 8.57],
      ['default', false, 8.57],
    ]);
  });

  it('an idle series that repeats one reading (MAD = 0): no threshold at the median', () => {
    // 0.066 in most periods, a little more now and then: the median absolute deviation is 0.
    const idle = series(7, 300, (i, _d, r) => (r() < 0.9 ? 0.066 : 0.066 + 0.2 * r()));
    const robust = run(idle, 300, { policy: 'robust', k: 6 }, { range: percent });
    // median + 6 × 0 = the median: it would fire all the time, and is rejected before it is chosen.
    expect(robust.candidates[0]).toMatchObject({ source: 'policy', value: 0.066, chosen: false });
    expect(robust.candidates[0]!.reason).toMatch(/^(always on|noisy)/);
    // The envelope clears what the alarm (3 of 3) sees: the isolated readings above 0.066 cannot fire it.
    const envelope = run(idle, 300, { policy: 'envelope' }, { defaultThreshold: 1 });
    expect(envelope.value).toBeGreaterThan(0.066);
    expect(envelope.falsePer30d).toBe(0);
    expect(backtest(idle, { ...cpu, threshold: envelope.value! }).episodes).toBe(0);
  });

  it('a level shift (16% → 28%): tuned on the current regime only', () => {
    const shifted = series(14, 60, (_i, d, r) => (d < 8 ? 16 : 28) + 3 * r());
    const five = { ...cpu, evaluationPeriods: 5, datapointsToAlarm: 5 };
    const d = run(shifted, 60, { policy: 'envelope' }, { evaluation: five });
    expect(d.history?.levelShift?.since).toBe('2026-01-13');
    expect(d.history?.days).toBe(6);
    // Clear of the new level (28–31 a minute; what 5 of 5 sees), so the new normal does not flap around it.
    expect(d.value).toBeGreaterThan(28);
    expect(backtest(series(14, 60, (_i, d2, r) => (d2 < 8 ? 16 : 28) + 3 * r(), 2), { ...five, threshold: d.value! }).episodes).toBe(0);
    // Tuned on the old regime alone, the threshold would sit in the new one.
    expect(run(shifted.subarray(0, 8 * 1440), 60, { policy: 'envelope' }, { evaluation: five }).value).toBeLessThan(28);
  });

  it('newNormalAfterDays: 1 takes a whole day at a new level short of the default for the new normal', () => {
    // RDS CPU at 6% for 13 days, then a whole day at 15% (a heavier release), tuned with a low floor.
    const rise = series(14, 300, (_i, d, r) => (d < 13 ? 6 : 15) + r());
    const low: TuningSpec = { policy: 'envelope', floor: 10 };
    // Three days are needed before a change counts: the new level is set aside as a possible
    // incident, and the threshold stays under it (the alarm stays on, night after night).
    const waiting = run(rise, 300, low);
    expect(waiting.history?.levelShift).toBeUndefined();
    expect(waiting.value).toBeLessThan(15);
    // After one day: the current regime only. One day is too little to tune from, so the default
    // holds until there are two, and nothing fires on the new normal meanwhile.
    const sooner = run(rise, 300, { ...low, newNormalAfterDays: 1 });
    expect(sooner.history?.levelShift?.since).toBe('2026-01-18');
    expect(sooner.value ?? 80).toBeGreaterThan(16);
    // A whole day past the default (saturation) is not a new normal after one day.
    const pinned = run(series(14, 300, (_i, d, r) => (d < 13 ? 6 : 99) + r()), 300, { ...low, newNormalAfterDays: 1 });
    expect(pinned.history?.levelShift).toBeUndefined();
  });

  it('a multi-hour incident in the lookback is not learned as normal', () => {
    // Latency ~200 ms; one afternoon it is 3× for five hours, which the loose default (2500) did not page for.
    const latency = series(14, 60, (i, d, r) => (d === 9 && i % 1440 >= 780 && i % 1440 < 1080 ? 600 : 200) * (1 + 0.1 * r()));
    const d = run(latency, 60, { policy: 'envelope', floor: 100 }, { evaluation: { ...cpu, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 5 }, defaultThreshold: 2500, range: { min: 0 } });
    expect(d.history?.droppedDays).toEqual(['2026-01-14']);
    expect(d.value).toBeLessThan(400);
    // It would have paged during the incident: set aside, not counted as a false alarm.
    expect(d.falsePer30d).toBe(0);

    // Paged for under the previous run's threshold: set aside whatever its length.
    const nightly = run(latency, 60, { policy: 'envelope', floor: 100 }, { evaluation: { ...cpu, evaluationPeriods: 5, datapointsToAlarm: 5 }, defaultThreshold: 2500, range: { min: 0 }, previousTuned: 260 });
    expect(nightly.history?.setAside).toBe('1 episode in ALARM under the previous threshold (260) (past incidents)');
    expect(nightly.value).toBeLessThan(400);
  });

  it('two days of 5-minute data are enough to decide', () => {
    const short = series(2.2 as number, 300, (_i, _d, r) => 30 + 10 * r()).subarray(0, 634);
    const d = run(short, 300, { policy: 'envelope', floor: 80 });
    expect(d.value).toBe(80);
    expect(d.reason).toMatch(/floor 80 applies/);
    const tooShort = run(short.subarray(0, 400), 300, { policy: 'envelope' });
    expect(tooShort.value).toBeUndefined();
    expect(tooShort.reason).toBe('only 1.38 days of history (needs 2)');
    // Five minutes short of two days is short, and says so (it read "only 2 days (needs 2)").
    const almost = run(series(2, 60, (_i, _d, r) => 30 + 10 * r()).subarray(0, 2880 - 5), 60, { policy: 'envelope' });
    expect(almost.value).toBeUndefined();
    expect(almost.reason).toBe('only 1.99 days of history (needs 2)');
  });

  it('a zero-inflated count (errors mostly 0) gets the tightest quiet threshold, not a formula that collapses', () => {
    const errors = series(14, 60, (_i, _d, r) => (r() < 0.002 ? 1 + Math.floor(3 * r()) : 0));
    const d = run(errors, 60, { policy: 'envelope', floor: 0 }, { defaultThreshold: 0, range: { min: 0 } });
    expect(d.value).toBeDefined();
    expect(d.falsePer30d).toBe(0);
    expect(Number.isInteger(d.value)).toBe(true);
  });

  it('a flat history says nothing about normal: the blueprint floor, or the default', () => {
    // An average that stays at 0.5: no variation, and not a count whose next whole number would breach.
    const flat = new Float64Array(14 * 1440).fill(0.5);
    const ge = { ...cpu, comparison: 'GreaterThanOrEqualToThreshold' as const };
    expect(run(flat, 60, { policy: 'envelope', floor: 100 }, { evaluation: ge, defaultThreshold: 1000, range: { min: 0 } })).toMatchObject({ value: 100, reason: 'the history stays at 0.5, which shows no normal range: the floor 100 applies' });
    const none = run(flat, 60, { policy: 'envelope' }, { evaluation: ge, defaultThreshold: 1000, range: { min: 0 } });
    expect(none.value).toBeUndefined();
    expect(none.reason).toMatch(/^the default fits this history; the history stays at 0.5: it shows no normal range to tune from/);
  });

  it('prints thresholds exactly, however large', () => {
    // Kinesis iterator age in milliseconds: tens of millions.
    const age = series(14, 60, (_i, _d, r) => 90_000_000 + 3_000_000 * r());
    const d = run(age, 60, { policy: 'envelope' }, { defaultThreshold: 3_600_000, range: { min: 0 } });
    expect(String(d.value)).toMatch(/^\d{3}00000$/);
  });

  it('a latency whose worst days are a few percent above the rest: headroom keeps the threshold off them', () => {
    // p99 response time (s) every minute, ~0.45 with small noise; on two days an hour runs 8%
    // higher (busier, not broken). The envelope sets those days aside as possible incidents and,
    // without headroom, fits a threshold just above the other days' peak, which then pages on
    // days like them. Latency blueprints take headroom 1.5: a threshold at least half again the
    // normal peak, where an incident (several times normal) still crosses it.
    const p99 = series(14, 60, (i, day, r) => {
      const minute = i % 1440;
      const busy = (day === 5 || day === 10) && minute >= 600 && minute < 660;
      return (busy ? 1.08 : 1) * (0.45 + 0.02 * (r() - 0.5));
    });
    const ten: Evaluation = { comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 10, datapointsToAlarm: 10, treatMissingData: 'notBreaching' };
    const tight = run(p99, 60, { policy: 'envelope', floor: 0.25 }, { evaluation: ten, defaultThreshold: 5, range: { min: 0 } });
    expect(tight.history?.droppedDays).toHaveLength(2);
    expect(backtest(p99, { ...ten, threshold: tight.value! }).episodes).toBeGreaterThan(0);
    const roomy = run(p99, 60, { policy: 'envelope', floor: 0.25, headroom: 1.5 }, { evaluation: ten, defaultThreshold: 5, range: { min: 0 } });
    expect(roomy.value).toBeGreaterThanOrEqual(1.5 * 0.45);
    expect(roomy.reason).toMatch(/× headroom 1\.5: room for the normal to grow/);
    expect(backtest(p99, { ...ten, threshold: roomy.value! }).episodes).toBe(0);
  });

  it('a count of events clears its worst normal day by its counting noise (2√peak): a busy function’s errors', () => {
    // A function invoked up to 600 times a minute at 14:00 (3% of that at night), 0.15% of calls
    // failing: 0–3 errors a minute, Poisson. Two weeks show a worst 5-minute run of 1 or 2 errors
    // a minute; a month shows more, by chance alone.
    const poisson = (mean: number, r: () => number) => {
      let k = 0;
      for (let p = r(), limit = Math.exp(-mean); p > limit; p *= r()) k++;
      return k;
    };
    const errors = (days: number, seed: number) =>
      series(days, 60, (i, _d, r) => poisson(0.0015 * 600 * (0.03 + 0.97 * Math.max(0, Math.sin((Math.PI * ((i % 1440) - 300)) / 1080))), r), seed);
    const five: Evaluation = { comparison: 'GreaterThanThreshold', evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching' };
    const history = errors(14, 7);
    const asCount = run(history, 60, { policy: 'envelope', floor: 0 }, { evaluation: five, defaultThreshold: 0, range: { min: 0 }, counts: true });
    const asGauge = run(history, 60, { policy: 'envelope', floor: 0 }, { evaluation: five, defaultThreshold: 0, range: { min: 0 } });
    const peak = Number(/normal peak ([\d.]+)/.exec(asCount.reason)![1]);
    expect(peak).toBeGreaterThan(0);
    // Rounded outward to a readable step.
    expect(asCount.value!).toBeGreaterThanOrEqual(peak + 2 * Math.sqrt(peak));
    expect(asCount.value!).toBeLessThan(1.01 * (peak + 2 * Math.sqrt(peak)));
    expect(asCount.reason).toMatch(/a count of events varies by its square root/);
    expect(asGauge.value!).toBeLessThan(asCount.value!);
    expect(asGauge.reason).not.toMatch(/square root/);
    // The next month, as chance draws it: the count's threshold stays quiet...
    for (const seed of [11, 12, 13]) expect(backtest(errors(30, seed), { ...five, threshold: asCount.value! }).episodes).toBe(0);
    // ...and a bad deploy (30% of the calls failing: ~5 errors a minute at night) still crosses it.
    const incident = errors(1, 14).map((v, i) => (i >= 120 && i < 150 ? v + 5 : v));
    expect(backtest(incident, { ...five, threshold: asCount.value! }).episodes).toBe(1);
  });
});

describe('relative-to-tag without its tag (withoutTag)', () => {
  // A busy function's Duration p90 (ms), 15 of 15 minutes: ~140 ms with noise, 14 days.
  const fifteen: Evaluation = { comparison: 'GreaterThanThreshold', evaluationPeriods: 15, datapointsToAlarm: 15, treatMissingData: 'notBreaching' };
  const p90 = series(14, 60, (_i, _d, r) => 140 * (0.9 + 0.2 * r()));
  const tuning: TuningSpec = { policy: 'relative-to-tag', tag: 'obsgen:timeout-ms', fraction: 0.8, withoutTag: 'envelope', floor: 100 };
  const duration = (extra: Partial<DecisionInput>) => run(p90, 60, tuning, { evaluation: fifteen, defaultThreshold: 5000, range: { min: 0 }, ...extra });

  it('tunes from the history by the fallback policy, clear of normal and far below the 5 s default', () => {
    const d = duration({});
    expect(d.reason).toMatch(/^no obsgen:timeout-ms tag, so from the history: normal peak /);
    expect(d.value).toBeGreaterThan(140);
    expect(d.value).toBeLessThan(200);
    expect(d.falsePer30d).toBe(0);
  });

  it('the tag wins where it is; without history the default stays, and says why', () => {
    expect(duration({ tags: new Map([['obsgen:timeout-ms', '3000']]) })).toMatchObject({ value: 2400, reason: '0.8 × obsgen:timeout-ms (3000), floor 100' });
    const none = decide({ evaluation: fifteen, defaultThreshold: 5000, tuning, range: { min: 0 }, tags: new Map() });
    expect(none).toMatchObject({ reason: 'no obsgen:timeout-ms tag, so from the history: no metric history' });
    expect(none.value).toBeUndefined();
  });

  it('without withoutTag, a resource without the tag keeps the default as before', () => {
    const { withoutTag: _, ...plain } = tuning;
    const d = run(p90, 60, plain, { evaluation: fifteen, defaultThreshold: 5000, range: { min: 0 } });
    expect(d).toMatchObject({ reason: 'no obsgen:timeout-ms tag on the resource' });
    expect(d.value).toBeUndefined();
  });
});
