import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest, evaluationRange, STATE } from '../../src/tune/backtest.js';
import type { AlarmShape, State } from '../../src/tune/backtest.js';

/**
 * The evaluation rules written out directly, one slot at a time over its evaluation range
 * (slow and obvious): the fast one-pass backtest must agree with it on every slot.
 */
function reference(values: Float64Array, shape: AlarmShape): Uint8Array {
  const { evaluationPeriods: N, datapointsToAlarm: M, treatMissingData: fill, threshold: t, comparison: c } = shape;
  const breaches = (v: number) => (c === 'GreaterThanThreshold' ? v > t : c === 'GreaterThanOrEqualToThreshold' ? v >= t : c === 'LessThanThreshold' ? v < t : v <= t);
  const R = evaluationRange(N);
  const out = new Uint8Array(values.length);
  let state: State = STATE.insufficient;
  for (let i = 0; i < values.length; i++) {
    const range = Array.from(values.subarray(Math.max(0, i + 1 - R), i + 1));
    const real = range.filter((v) => !Number.isNaN(v));
    let next: State;
    if (real.length >= N) {
      next = real.slice(-N).filter(breaches).length >= M ? STATE.alarm : STATE.ok;
    } else {
      const b = real.filter(breaches).length;
      if (fill === 'breaching') next = b + (N - real.length) >= M ? STATE.alarm : STATE.ok;
      else if (fill === 'notBreaching') next = b >= M ? STATE.alarm : STATE.ok;
      else if (real.length === 0) next = fill === 'ignore' ? state : STATE.insufficient;
      else if (b >= M) next = STATE.alarm;
      else if (real.length > b) next = STATE.ok;
      else if (fill === 'ignore') next = state;
      else {
        const recent = Array.from(values.subarray(Math.max(0, i + 1 - N), i + 1)).filter((v) => !Number.isNaN(v));
        next = recent.length === 0 ? STATE.alarm : STATE.insufficient;
      }
    }
    state = next;
    out[i] = state;
  }
  return out;
}

describe('backtest against the rules written out', () => {
  it('agrees on every slot for random series, shapes and missing-data modes', () => {
    const shape = fc
      .record({
        evaluationPeriods: fc.integer({ min: 1, max: 8 }),
        m: fc.integer({ min: 1, max: 8 }),
        comparison: fc.constantFrom('GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold' as const),
        treatMissingData: fc.constantFrom('missing', 'notBreaching', 'breaching', 'ignore' as const),
      })
      .map((s): AlarmShape => ({ comparison: s.comparison, threshold: 5, evaluationPeriods: s.evaluationPeriods, datapointsToAlarm: Math.min(s.m, s.evaluationPeriods), treatMissingData: s.treatMissingData }));
    // Values around the threshold (equal to it too), with runs of missing data.
    const series = fc.array(fc.oneof(fc.constantFrom(NaN, NaN, 5), fc.integer({ min: 0, max: 10 })), { maxLength: 300 }).map((a) => Float64Array.from(a));
    fc.assert(
      fc.property(series, shape, (values, s) => {
        const states = new Uint8Array(values.length);
        const result = backtest(values, s, states);
        const want = reference(values, s);
        expect([...states]).toEqual([...want]);
        let episodes = 0;
        for (let i = 0; i < want.length; i++) if (want[i] === STATE.alarm && (i === 0 || want[i - 1] !== STATE.alarm)) episodes++;
        expect(result.episodes).toBe(episodes);
      }),
      { numRuns: 400 },
    );
  });
});
