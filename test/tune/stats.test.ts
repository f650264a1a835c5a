import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finiteValues, madOf, percentileOf, percentileOfValues, percentilesOf, sortedValues, summarise } from '../../src/tune/stats.js';

// Selection must give what sorting gave, to the bit: thresholds, THRESHOLDS.md and the eval's
// numbers are made from these, and a run must not change them by being faster.

/** Values as histories have them: few distinct ones (counts, zeros of either sign), or any. */
const value = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.integer({ min: -3, max: 3 }).map((n) => n * 0.1),
);
const series = fc.array(value, { minLength: 0, maxLength: 300 }).map((a) => Float64Array.from(a));
const percentile = fc.oneof(fc.constantFrom(0, 50, 90, 99, 99.9, 100), fc.double({ min: 0, max: 100, noNaN: true }));

/** The sorted way, as tuning computed percentiles before selection. */
function bySorting(values: Float64Array, p: number): number {
  return percentileOf(Float64Array.from(values).sort(), p);
}

describe('percentiles by selection', () => {
  it('are the sorted values’ percentiles, the sign of zero included, in any order asked', () => {
    fc.assert(
      fc.property(series, fc.array(percentile, { minLength: 1, maxLength: 6 }), (values, ps) => {
        const got = percentilesOf(Float64Array.from(values), ps);
        ps.forEach((p, i) => expect(Object.is(got[i], bySorting(values, p)), `p${p}: ${got[i]} vs ${bySorting(values, p)}`).toBe(true));
      }),
      { numRuns: 2000 },
    );
  });

  it('keep the values, only rearranged', () => {
    fc.assert(
      fc.property(series, percentile, (values, p) => {
        const copy = Float64Array.from(values);
        percentileOfValues(copy, p);
        expect(Array.from(copy.sort(), (v) => Object.is(v, -0))).toEqual(Array.from(Float64Array.from(values).sort(), (v) => Object.is(v, -0)));
        expect(copy).toEqual(Float64Array.from(values).sort());
      }),
    );
  });

  it('tell −0 from +0 as the sort does', () => {
    // Sorted: [-1, -0, -0, 0, 0, 3]. An interpolated percentile is never −0 (−0 + 0 is +0),
    // whichever zero it starts from; the least and greatest values are the sort's own.
    const values = Float64Array.from([0, -0, 3, 0, -1, -0]);
    expect(Object.is(percentileOfValues(Float64Array.from(values), 40), 0)).toBe(true);
    expect(Object.is(summarise(Float64Array.from([0, -0, NaN, 0])).min, -0)).toBe(true);
    expect(Object.is(summarise(Float64Array.from([0, -0, NaN, -0])).max, 0)).toBe(true);
    expect(Object.is(summarise(Float64Array.from([-0, NaN, -0])).max, -0)).toBe(true);
  });

  it('MAD does not depend on the order of the values', () => {
    fc.assert(
      fc.property(series, (values) => {
        const sorted = Float64Array.from(values).sort();
        const median = percentileOf(sorted, 50);
        const reversed = Float64Array.from(sorted).reverse();
        expect(Object.is(madOf(reversed, median), madOf(sorted, median))).toBe(true);
      }),
    );
  });

  it('the summary of a history is its sorted finite values’ (missing datapoints left out)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(value, fc.constant(NaN)), { maxLength: 300 }), (raw) => {
        const values = Float64Array.from(raw);
        const sorted = sortedValues(values);
        const n = sorted.length;
        const s = summarise(values);
        expect(s.n).toBe(n);
        expect(finiteValues(values).length).toBe(n);
        const expected = { min: n ? sorted[0]! : NaN, p50: percentileOf(sorted, 50), p90: percentileOf(sorted, 90), p99: percentileOf(sorted, 99), max: n ? sorted[n - 1]! : NaN };
        for (const [k, v] of Object.entries(expected)) expect(Object.is(s[k as keyof typeof expected], v), k).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
