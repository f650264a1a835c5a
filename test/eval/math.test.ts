import { describe, expect, it } from 'vitest';
import { evaluateMath, parseMath } from '../../scripts/eval/math.js';

describe("the evaluation's metric math", () => {
  it('computes per timestamp, with FILL for missing datapoints and IF for guards', () => {
    const errors = [NaN, 1, 3, 5, 100];
    const requests = [NaN, 2, 3, 5, 1000];
    expect([...evaluateMath('IF(FILL(errors, 0) >= 3, FILL(errors, 0) / FILL(requests, 0), 0)', { errors, requests })]).toEqual([0, 0, 1, 1, 0.1]);
    expect([...evaluateMath('100 * errors / (requests + errors)', { errors, requests })]).toEqual([NaN, 100 / 3, 50, 50, 100 / 11]);
  });

  it('treats a missing input, a missing condition and a division by zero as no datapoint', () => {
    expect([...evaluateMath('a / b', { a: [1, 1, NaN], b: [0, NaN, 1] })]).toEqual([NaN, NaN, NaN]);
    expect([...evaluateMath('IF(a > 0, 1, 2)', { a: [NaN, 1, 0] })]).toEqual([NaN, 1, 2]);
    expect([...evaluateMath('IF(a > 0, 1)', { a: [0] })]).toEqual([NaN]);
  });

  it('follows operator precedence and the logical operators', () => {
    expect([...evaluateMath('1 + 2 * a - -1', { a: [3] })]).toEqual([8]);
    expect([...evaluateMath('a >= 2 AND a < 5 || a == 10', { a: [1, 2, 5, 10] })]).toEqual([0, 1, 0, 1]);
  });

  it('refuses what it does not know rather than guessing', () => {
    expect(() => parseMath('ANOMALY_DETECTION_BAND(m, 2)')).not.toThrow();
    expect(() => evaluateMath('ANOMALY_DETECTION_BAND(m, 2)', { m: [1] })).toThrow(/not supported/);
    expect(() => parseMath('a +')).toThrow();
    expect(() => evaluateMath('a + b', { a: [1] })).toThrow(/no values for b/);
  });
});
