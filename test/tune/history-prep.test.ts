import { describe, expect, it } from 'vitest';
import { levelShift } from '../../src/tune/level-shift.js';
import { exact, roundAway } from '../../src/tune/round.js';
import { setAsidePaged } from '../../src/tune/set-aside.js';
import { roundSignificant } from '../../src/tune/stats.js';
import { seededRandom } from '../../scripts/lib/random.js';

const START = Date.UTC(2026, 0, 5) / 1000; // a Monday
const timeline = { start: START, period: 300 };
const perDay = 288;

function days(n: number, level: (day: number, r: () => number) => number): Float64Array {
  const r = seededRandom(7);
  return Float64Array.from({ length: n * perDay }, (_, i) => level(Math.floor(i / perDay), r));
}

describe('level shifts', () => {
  it('finds a lasting change of level and where the current regime starts', () => {
    const shift = levelShift(days(14, (d, r) => (d < 9 ? 40 : 20) + 4 * r()), timeline);
    expect(shift).toMatchObject({ from: 9 * perDay, since: '2026-01-14' });
    expect(shift!.before).toBeGreaterThan(40);
    expect(shift!.after).toBeLessThan(24);
  });

  it('does not take a quiet weekend, a one-day incident, a two-day change or a daily rhythm for one', () => {
    // Weekends (days 5, 6, 12, 13) at a third of the weekday level.
    expect(levelShift(days(14, (d, r) => (d % 7 >= 5 ? 10 : 30) + 2 * r()), timeline)).toBeUndefined();
    expect(levelShift(days(14, (d, r) => (d === 8 ? 90 : 30) + 2 * r()), timeline)).toBeUndefined();
    expect(levelShift(days(14, (d, r) => (d >= 12 ? 60 : 30) + 2 * r()), timeline)).toBeUndefined();
    const daily = Float64Array.from({ length: 14 * perDay }, (_, i) => 30 + 20 * Math.sin((2 * Math.PI * (i % perDay)) / perDay));
    expect(levelShift(daily, timeline)).toBeUndefined();
  });
});

describe('a new normal sooner (newNormalAfterDays)', () => {
  const sooner = (short: number) => ({ afterDays: 1, sign: 1 as const, short });

  it('takes a level that has lasted one day, short of the default, for the new normal', () => {
    // 13 days at 6%, then a whole day at 15% (an RDS instance after a heavier release).
    const rise = days(14, (d, r) => (d < 13 ? 6 : 15) + r());
    expect(levelShift(rise, timeline)).toBeUndefined();
    expect(levelShift(rise, timeline, sooner(80))).toMatchObject({ from: 13 * perDay, since: '2026-01-18' });
  });

  it('keeps three days for a level past the default (saturation keeps paging), and for one not yet a day old', () => {
    expect(levelShift(days(14, (d, r) => (d < 13 ? 30 : 99) + r()), timeline, sooner(80))).toBeUndefined();
    // Two days past the default: still not a shift; three days are.
    expect(levelShift(days(14, (d, r) => (d < 12 ? 30 : 99) + r()), timeline, sooner(80))).toBeUndefined();
    expect(levelShift(days(14, (d, r) => (d < 11 ? 30 : 99) + r()), timeline, sooner(80))).toMatchObject({ from: 11 * perDay });
  });

  it('does not take a weekend or a one-day incident earlier in the history for one', () => {
    // The last day is a Sunday; the weekend before is in the history, so the days before are not all alike.
    expect(levelShift(days(14, (d, r) => (d % 7 >= 5 ? 10 : 30) + 2 * r()), timeline, { afterDays: 1, sign: -1, short: 1 })).toBeUndefined();
    expect(levelShift(days(14, (d, r) => (d === 8 ? 60 : 30) + 2 * r()), timeline, sooner(80))).toBeUndefined();
  });
});

describe('past incidents set aside', () => {
  const shape = { comparison: 'GreaterThanThreshold' as const, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching' as const };

  it('sets aside what the reference threshold paged for, with its lead-in and recovery', () => {
    const values = days(14, (d) => (d === 3 ? 0 : 10));
    values.fill(100, 4 * perDay + 50, 4 * perDay + 70);
    const aside = setAsidePaged(values, { ...shape, threshold: 50 }, 'default threshold (50)', 14);
    expect(aside.why).toBe('1 episode in ALARM under the default threshold (50) (past incidents)');
    // In ALARM from the third breaching slot to the last (18 slots), with the evaluation range's
    // 4 slots before and 3 (N) after.
    expect(aside.slots.reduce((a, b) => a + b, 0)).toBe(18 + 4 + 3);
  });

  it('trusts no reference that paged more than about once a week, or for more than 5% of the time', () => {
    const bursty = days(14, () => 10);
    for (let k = 0; k < 8; k++) bursty.fill(100, k * 500, k * 500 + 5);
    expect(setAsidePaged(bursty, { ...shape, threshold: 50 }, 'default threshold (50)', 14).why).toBe('the default threshold (50) went into ALARM 8 times in 14 days, so it marks no incidents');
    expect(setAsidePaged(days(14, () => 60), { ...shape, threshold: 50 }, 'default threshold (50)', 14).why).toMatch(/was in ALARM 100% of the time, so it marks no incidents/);
  });

  it('takes two episodes in a few days for incidents, not a pattern; three are one', () => {
    // Six days of a new regime after a level shift, with two saturations in it.
    const regime = (bursts: number) => {
      const values = days(6, () => 50);
      for (let k = 0; k < bursts; k++) values.fill(99, (2 * k + 1) * perDay, (2 * k + 1) * perDay + 12);
      return setAsidePaged(values, { ...shape, threshold: 66 }, 'previous threshold (66)', 6);
    };
    expect(regime(2).why).toBe('2 episodes in ALARM under the previous threshold (66) (past incidents)');
    expect(regime(3).why).toBe('the previous threshold (66) went into ALARM 3 times in 6 days, so it marks no incidents');
    // Under two days (a history `minDatapoints` allows), one.
    const short = days(1, () => 50);
    short.fill(99, 10, 15);
    short.fill(99, 200, 205);
    expect(setAsidePaged(short, { ...shape, threshold: 66 }, 'default threshold (66)', 1).why).toBe('the default threshold (66) went into ALARM 2 times in 1 day, so it marks no incidents');
  });
});

describe('numbers people read', () => {
  it('round away from normal, and print exactly', () => {
    expect(roundAway(99.4, 1)).toBe(99.4);
    expect(roundAway(99.41, 1)).toBe(99.5);
    expect(roundAway(99.41, -1)).toBe(99.4);
    expect(roundAway(0.012345, 1)).toBe(0.0124);
    expect(String(roundAway(93_700_000.00000001, 1))).toBe('93700000');
    expect(String(roundSignificant(93_700_000.00000001))).toBe('93700000');
    expect(String(exact(0.1 + 0.2))).toBe('0.3');
  });
});
