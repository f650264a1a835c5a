import { describe, expect, it } from 'vitest';
import { makeSeries, SCENARIOS } from '../../scripts/eval/corpus/index.js';
import { watchedValues } from '../../scripts/eval/watched.js';

// A math alarm is replayed on its expression computed from the raw metrics, never on a series
// assumed to be the expression's value.
describe('what an alarm watches', () => {
  it('stays within every scenario’s bounds (a math alarm’s: its emitted expression over the raw metrics)', () => {
    for (const scenario of SCENARIOS) {
      const s = makeSeries(scenario, 2);
      const v = watchedValues(scenario.id, scenario.target, s.values, s.metrics);
      expect(v.length, scenario.id).toBe(s.layout.slots);
      expect([...v].filter((x) => x < scenario.bounds.min || x > scenario.bounds.max), scenario.id).toEqual([]);
    }
  });

  it('applies the rate guard: a single failure in a quiet minute reads 0, a low-traffic outage reads 1', () => {
    const target = { resourceType: 'lambda:function', alarm: 'lambda-function/error-rate', name: 'probe' };
    const v = watchedValues('probe', target, undefined, { Errors: Float64Array.from([1, 5, NaN, 2]), Invocations: Float64Array.from([2, 5, NaN, 1000]) });
    expect([...v]).toEqual([0, 1, 0, 0]);
  });

  it('refuses a ready-made series for a math alarm and raw metrics for a metric alarm', () => {
    const rate = { resourceType: 'lambda:function', alarm: 'lambda-function/error-rate', name: 'probe' };
    const count = { resourceType: 'lambda:function', alarm: 'lambda-function/errors', name: 'probe' };
    expect(() => watchedValues('x', rate, new Float64Array(3), undefined)).toThrow(/raw metrics/);
    expect(() => watchedValues('x', count, undefined, { Errors: new Float64Array(3) })).toThrow(/its values/);
  });
});
