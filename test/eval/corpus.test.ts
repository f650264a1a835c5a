import { describe, expect, it } from 'vitest';
import { HISTORY_DAYS, layoutFor, makeSeries, REPLAY_DAYS, SCENARIOS } from '../../scripts/eval/corpus/index.js';
import { ARN_MAKERS } from '../../scripts/lib/arn-makers.js';

describe('labelled corpus', () => {
  it('gives the same series and labels for the same seed, and different ones for another seed', () => {
    for (const scenario of SCENARIOS) {
      const a = makeSeries(scenario, 3);
      const b = makeSeries(scenario, 3);
      expect(Buffer.from(a.values.buffer).equals(Buffer.from(b.values.buffer)), scenario.id).toBe(true);
      expect(a.incidents).toEqual(b.incidents);
      const c = makeSeries(scenario, 4);
      expect(Buffer.from(a.values.buffer).equals(Buffer.from(c.values.buffer)), scenario.id).toBe(false);
    }
  });

  it('lays every series out as history then replay, with incidents inside it that do not overlap', () => {
    for (const scenario of SCENARIOS) {
      const s = makeSeries(scenario, 1);
      const layout = layoutFor(scenario.period);
      expect(s.values.length).toBe(((HISTORY_DAYS + REPLAY_DAYS) * 86_400) / scenario.period);
      expect(layout.replayFrom).toBe((HISTORY_DAYS * 86_400) / scenario.period);
      s.incidents.forEach((w, i) => {
        expect(w.start).toBeLessThan(w.end);
        expect(w.end).toBeLessThanOrEqual(s.values.length);
        if (i > 0) expect(w.start).toBeGreaterThanOrEqual(s.incidents[i - 1]!.end);
      });
      if (scenario.incidents) expect(s.incidents.filter((w) => w.start >= layout.replayFrom).length, scenario.id).toBeGreaterThanOrEqual(2);
      else expect(s.incidents).toEqual([]);
    }
  });

  it('keeps every value within the metric’s bounds and names a real resource type', () => {
    for (const scenario of SCENARIOS) {
      const s = makeSeries(scenario, 2);
      const outside = s.values.filter((v) => v < scenario.bounds.min || v > scenario.bounds.max);
      expect([...outside], scenario.id).toEqual([]);
      expect(ARN_MAKERS[scenario.target.resourceType], scenario.id).toBeDefined();
    }
  });
});
