import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../scripts/eval/replay.js';
import type { AlarmState } from '../../scripts/eval/replay.js';
import type { AlarmRule } from '../../scripts/eval/types.js';
import { backtest, STATE } from '../../src/tune/backtest.js';

const NAMES: Record<number, AlarmState> = { [STATE.insufficient]: 'INSUFFICIENT_DATA', [STATE.ok]: 'OK', [STATE.alarm]: 'ALARM' };

const rules = fc
  .record({
    evaluationPeriods: fc.integer({ min: 1, max: 8 }),
    m: fc.integer({ min: 1, max: 8 }),
    comparison: fc.constantFrom('GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold' as const),
    treatMissingData: fc.constantFrom('missing', 'notBreaching', 'breaching', 'ignore' as const),
  })
  .map((r): AlarmRule => ({ comparison: r.comparison, evaluationPeriods: r.evaluationPeriods, datapointsToAlarm: Math.min(r.m, r.evaluationPeriods), treatMissingData: r.treatMissingData }));
// Values around the threshold (5, equal to it too), with runs of missing data.
const series = fc.array(fc.oneof(fc.constantFrom(NaN, NaN, 5), fc.integer({ min: 0, max: 10 })), { maxLength: 300 }).map((a) => Float64Array.from(a));

const rule = (r: Partial<AlarmRule> = {}): AlarmRule => ({ comparison: 'GreaterThanThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing', ...r });

describe('replay', () => {
  it('agrees with obsgen’s backtest on every slot for random series, rules and missing-data modes (constant threshold)', () => {
    fc.assert(
      fc.property(series, rules, (values, r) => {
        const states = new Uint8Array(values.length);
        const result = backtest(values, { ...r, threshold: 5 }, states);
        const mine = replay(values, r, 5);
        expect(mine).toEqual([...states].map((s) => NAMES[s]));
        const entries = mine.filter((s, i) => s === 'ALARM' && (i === 0 || mine[i - 1] !== 'ALARM')).length;
        expect(entries).toBe(result.episodes);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same states for a per-slot threshold array that never changes', () => {
    fc.assert(
      fc.property(series, rules, (values, r) => {
        expect(replay(values, r, new Float64Array(values.length).fill(5))).toEqual(replay(values, r, 5));
      }),
      { numRuns: 100 },
    );
  });

  it('started part-way with the state reached there, continues exactly as a replay from the start', () => {
    fc.assert(
      fc.property(series, rules, fc.nat(), (values, r, at) => {
        const whole = replay(values, r, 5);
        const from = values.length === 0 ? 0 : at % values.length;
        const rest = replay(values, r, 5, { from, initial: from > 0 ? whole[from - 1]! : 'INSUFFICIENT_DATA' });
        expect(rest).toEqual(whole.slice(from));
      }),
      { numRuns: 100 },
    );
  });

  it('applies a new threshold to the whole evaluation range at once, keeping the state until then', () => {
    // 10 breaches 5 but not 20: the alarm is in ALARM, then the threshold is raised at slot 6.
    const values = Float64Array.from([10, 10, 10, 10, 10, 10, 10, 10]);
    const thresholds = [5, 5, 5, 5, 5, 5, 20, 20];
    expect(replay(values, rule(), thresholds)).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', 'ALARM', 'ALARM', 'ALARM', 'ALARM', 'OK', 'OK']);
    // Lowered: all three datapoints in the range breach the new threshold at once.
    expect(replay(values, rule(), [20, 20, 20, 20, 5, 5, 5, 5])).toEqual(['OK', 'OK', 'OK', 'OK', 'ALARM', 'ALARM', 'ALARM', 'ALARM']);
  });

  it('keeps the state with `ignore` when the range holds no datapoint, across a threshold change', () => {
    const values = Float64Array.from([10, 10, 10, NaN, NaN, NaN, NaN, NaN, NaN]);
    const states = replay(values, rule({ treatMissingData: 'ignore' }), [5, 5, 5, 5, 5, 5, 5, 20, 20]);
    expect(states.slice(2)).toEqual(['ALARM', 'ALARM', 'ALARM', 'ALARM', 'ALARM', 'ALARM', 'ALARM']);
  });
});
