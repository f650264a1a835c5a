import { describe, expect, it } from 'vitest';
import { applyPolicy, withoutIncidents } from '../../src/tune/policies.js';
import { sortedValues, summarise } from '../../src/tune/stats.js';
import { seededRandom } from '../../scripts/lib/random.js';

const upper = { comparison: 'GreaterThanThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching' } as const;
const lower = { ...upper, comparison: 'LessThanThreshold' } as const;
const noTags = new Map<string, string>();

/** 2,000 datapoints of noisy normal traffic around `level`, with a few missing. */
function normal(level: number, seed = 1): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: 2000 }, (_, i) => (i % 97 === 0 ? NaN : level * (0.8 + 0.4 * random())));
}

describe('tuning policies', () => {
  it('percentile: pN of history × headroom, for alarms on high values', () => {
    const r = applyPolicy({ policy: 'percentile', percentile: 99, headroom: 1.5 }, normal(100), upper, noTags);
    expect(r.value).toBeGreaterThan(1.5 * 115);
    expect(r.value).toBeLessThan(1.5 * 121);
    expect(r.reason).toMatch(/^p99 of history \(1\d\d\) × 1\.5 headroom$/);
  });

  it('percentile: divides by headroom for alarms on low values', () => {
    const r = applyPolicy({ policy: 'percentile', percentile: 1, headroom: 2 }, normal(100), lower, noTags);
    expect(r.value).toBeGreaterThan(79 / 2);
    expect(r.value).toBeLessThan(82 / 2);
    expect(r.reason).toContain('× 1/2 headroom');
  });

  it('percentile ignores rare outliers (past incidents) but keeps frequent high values', () => {
    const values = normal(100);
    for (let i = 500; i < 510; i++) values[i] = 5000;
    const r = applyPolicy({ policy: 'percentile', percentile: 99.9, headroom: 1.5 }, values, upper, noTags);
    expect(r.value).toBeLessThan(200);
    expect(r.reason).toContain('without 10 outlying datapoints');
    // At 10% of the data, high values are part of normal.
    for (let i = 0; i < 200; i++) values[i * 10] = 5000;
    expect(applyPolicy({ policy: 'percentile', percentile: 99.9, headroom: 1.5 }, values, upper, noTags).value).toBeGreaterThan(5000);
  });

  it('robust: median ± k × MAD', () => {
    const up = applyPolicy({ policy: 'robust', k: 6 }, normal(100), upper, noTags);
    const down = applyPolicy({ policy: 'robust', k: 6 }, normal(100), lower, noTags);
    expect(up.value).toBeGreaterThan(100);
    expect(down.value).toBeLessThan(100);
    expect(up.value! - 100).toBeCloseTo(100 - down.value!, -1);
    expect(up.reason).toMatch(/^median (99|1\d\d)(\.\d)? \+ 6 × MAD/);
  });

  it('noise-budget: the tightest threshold that fires at most K episodes, then headroom', () => {
    const values = normal(10);
    // Three sustained bursts.
    for (const at of [200, 900, 1500]) for (let i = at; i < at + 6; i++) values[i] = 50 + (at / 100);
    const none = applyPolicy({ policy: 'noise-budget', maxEpisodes: 0 }, values, upper, noTags);
    const two = applyPolicy({ policy: 'noise-budget', maxEpisodes: 2 }, values, upper, noTags);
    expect(none.value).toBeGreaterThanOrEqual(65);
    // Bursts peak at 52, 59 and 65: above 52 only two of them fire.
    expect(two.value).toBeGreaterThanOrEqual(52);
    expect(two.value).toBeLessThan(none.value!);
    expect(two.reason).toContain('at most 2 episodes');
  });

  it('floor and ceiling bound every policy', () => {
    expect(applyPolicy({ policy: 'percentile', percentile: 99, floor: 500 }, normal(100), upper, noTags).value).toBe(500);
    expect(applyPolicy({ policy: 'percentile', percentile: 99, ceiling: 50 }, normal(100), upper, noTags).value).toBe(50);
  });

  it('relative-to-tag: a share of a number given in a tag; no or bad tag keeps the default', () => {
    const t = { policy: 'relative-to-tag', tag: 'obsgen:timeout-ms', fraction: 0.8 } as const;
    expect(applyPolicy(t, undefined, upper, new Map([['obsgen:timeout-ms', '6000']]))).toEqual({ value: 4800, reason: '0.8 × obsgen:timeout-ms (6000)' });
    expect(applyPolicy(t, undefined, upper, noTags)).toEqual({ reason: 'no obsgen:timeout-ms tag on the resource' });
    expect(applyPolicy(t, undefined, upper, new Map([['obsgen:timeout-ms', '6s']])).value).toBeUndefined();
  });

  it('a result beyond the largest number (a huge tag or history) is no threshold, not Infinity', () => {
    const t = { policy: 'relative-to-tag', tag: 'obsgen:timeout-ms', fraction: 10 } as const;
    expect(applyPolicy(t, undefined, upper, new Map([['obsgen:timeout-ms', '1.7e308']]))).toEqual({ reason: '10 × obsgen:timeout-ms (1.7e308): too large to be a threshold' });
    const huge = Float64Array.from({ length: 100 }, () => 1.7e308);
    expect(applyPolicy({ policy: 'percentile', percentile: 99, headroom: 2 }, huge, upper, noTags)).toEqual({ reason: 'p99 of history (1.7e+308) × 2 headroom: too large to be a threshold' });
    expect(applyPolicy({ policy: 'percentile', percentile: 99, headroom: 2 }, huge.map((v) => -v), lower, noTags).value).toBe(-8.5e307);
  });

  it('say when there is no history (how much is enough is decided before a policy runs)', () => {
    expect(applyPolicy({ policy: 'percentile', percentile: 99 }, undefined, upper, noTags)).toEqual({ reason: 'no metric history' });
    expect(applyPolicy({ policy: 'percentile', percentile: 99 }, new Float64Array([NaN, NaN]), upper, noTags)).toEqual({ reason: 'no datapoints in the history' });
  });

  it('summarises history', () => {
    const s = summarise(new Float64Array([1, NaN, 3, 2, NaN]));
    expect(s).toMatchObject({ slots: 5, n: 3, missingPercent: 40, min: 1, p50: 2, max: 3 });
    expect(withoutIncidents(sortedValues(new Float64Array([1, 2, 3]))).dropped).toBe(0);
  });
});
