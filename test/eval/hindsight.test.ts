import { describe, expect, it } from 'vitest';
import { bestStaticThreshold } from '../../scripts/eval/hindsight.js';
import type { AlarmRule } from '../../scripts/eval/types.js';

const rule: AlarmRule = { comparison: 'GreaterThanThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching' };

describe('best static threshold with hindsight', () => {
  it('catches the incident without paging on the sustained bump that is not one', () => {
    // History (slots 0–9) then replay: normal 10, a 4-slot bump to 30 (not an incident), an incident at 50.
    const values = Float64Array.from([...Array(10).fill(10), 10, 30, 30, 30, 30, 10, 10, 10, 50, 50, 50, 50, 10, 10, 10]);
    const best = bestStaticThreshold(values, rule, 10, 60, [{ start: 18, end: 22 }]);
    expect(best.threshold).toBeGreaterThanOrEqual(30);
    expect(best.threshold).toBeLessThan(50);
    expect(best.score.caught).toBe(1);
    expect(best.score.falseEpisodes).toBe(0);
  });

  it('prefers no page at all to false episodes when the incident cannot be told apart', () => {
    const values = Float64Array.from([...Array(10).fill(10), 50, 50, 50, 10, 10, 40, 40, 40, 10, 10]);
    // The labelled incident is the lower bump; any threshold that catches it also pages on the higher one.
    const best = bestStaticThreshold(values, rule, 10, 60, [{ start: 15, end: 18 }]);
    expect(best.score.falseEpisodes).toBe(0);
    expect(best.score.caught).toBe(0);
    expect(best.threshold).toBeGreaterThanOrEqual(50);
  });
});
