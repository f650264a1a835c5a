import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/tune/backtest.js';
import { breachLevels, mOfNLevels, orientation } from '../../src/tune/breach-levels.js';
import type { Evaluation } from '../../src/tune/breach-levels.js';

describe('breach levels', () => {
  it('the highest level is exactly the tightest threshold that stays quiet (checked against the backtest)', () => {
    const evaluation = fc
      .record({
        n: fc.integer({ min: 1, max: 6 }),
        m: fc.integer({ min: 1, max: 6 }),
        upper: fc.boolean(),
        fill: fc.constantFrom('notBreaching' as const, 'breaching' as const),
      })
      .map(({ n, m, upper, fill }): Evaluation => ({ comparison: upper ? 'GreaterThanThreshold' : 'LessThanThreshold', evaluationPeriods: n, datapointsToAlarm: Math.min(m, n), treatMissingData: fill }));
    const series = fc.array(fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 200 }).map((a) => Float64Array.from(a));
    fc.assert(
      fc.property(series, evaluation, (values, e) => {
        const levels = breachLevels(values, e);
        if (levels.some((l) => l === Infinity)) return; // missing data alone sets ALARM: no threshold helps
        const top = Math.max(...levels);
        const sign = orientation(e.comparison);
        if (top === -Infinity) {
          expect(backtest(values, { ...e, threshold: sign * -1000 }).alarmSlots).toBe(0);
          return;
        }
        // At the top level (strict comparison): quiet. A hair tighter: in ALARM somewhere.
        expect(backtest(values, { ...e, threshold: sign * top }).alarmSlots).toBe(0);
        expect(backtest(values, { ...e, threshold: sign * (top - 0.5) }).alarmSlots).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('when all N must breach, the deque gives what the sorted window gives, slot for slot', () => {
    const evaluation = fc
      .record({
        n: fc.integer({ min: 1, max: 20 }),
        upper: fc.boolean(),
        fill: fc.constantFrom('notBreaching' as const, 'breaching' as const, 'missing' as const, 'ignore' as const),
      })
      .map(({ n, upper, fill }): Evaluation => ({ comparison: upper ? 'GreaterThanThreshold' : 'LessThanOrEqualToThreshold', evaluationPeriods: n, datapointsToAlarm: n, treatMissingData: fill }));
    // Gaps longer than the evaluation range, repeated values, and zeros (−0 once oriented for
    // alarms on low values): the sign of every zero must come out the same too.
    const datapoint = fc.oneof(fc.constant(NaN), fc.integer({ min: -5, max: 30 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }));
    const series = fc
      .array(fc.tuple(datapoint, fc.integer({ min: 1, max: 30 })), { maxLength: 60 })
      .map((runs) => Float64Array.from(runs.flatMap(([v, k]) => (v !== v && k > 3 ? Array<number>(k).fill(NaN) : [v]))));
    fc.assert(
      fc.property(series, evaluation, (values, e) => {
        const fast = breachLevels(values, e);
        const reference = mOfNLevels(values, e);
        for (let i = 0; i < values.length; i++) expect(Object.is(fast[i], reference[i]), `slot ${i}: ${fast[i]} vs ${reference[i]}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
