import { describe, expect, it } from 'vitest';
import { HISTORY_DAYS, layoutFor, makeSeries, REPLAY_DAYS, SCENARIOS } from '../../scripts/eval/corpus/index.js';
import type { LabelledSeries } from '../../scripts/eval/corpus/types.js';
import { ARN_MAKERS } from '../../scripts/lib/arn-makers.js';

/** Every array a series gives: its values, or each of its raw metrics (for a math alarm). */
const arrays = (s: LabelledSeries): Float64Array[] => (s.values ? [s.values] : Object.values(s.metrics!));

describe('labelled corpus', () => {
  it('gives the same series and labels for the same seed, and different ones for another seed', () => {
    for (const scenario of SCENARIOS) {
      const a = makeSeries(scenario, 3);
      const b = makeSeries(scenario, 3);
      arrays(a).forEach((v, i) => expect(Buffer.from(v.buffer).equals(Buffer.from(arrays(b)[i]!.buffer)), scenario.id).toBe(true));
      expect(a.incidents).toEqual(b.incidents);
      const c = makeSeries(scenario, 4);
      expect(Buffer.from(arrays(a)[0]!.buffer).equals(Buffer.from(arrays(c)[0]!.buffer)), scenario.id).toBe(false);
    }
  });

  it('lays every series out as history then replay, with incidents inside it that do not overlap', () => {
    for (const scenario of SCENARIOS) {
      const s = makeSeries(scenario, 1);
      const layout = layoutFor(scenario.period);
      for (const v of arrays(s)) expect(v.length).toBe(((HISTORY_DAYS + REPLAY_DAYS) * 86_400) / scenario.period);
      expect(layout.replayFrom).toBe((HISTORY_DAYS * 86_400) / scenario.period);
      s.incidents.forEach((w, i) => {
        expect(w.start).toBeLessThan(w.end);
        expect(w.end).toBeLessThanOrEqual(layout.slots);
        if (i > 0) expect(w.start).toBeGreaterThanOrEqual(s.incidents[i - 1]!.end);
      });
      if (scenario.incidents) expect(s.incidents.filter((w) => w.start >= layout.replayFrom).length, scenario.id).toBeGreaterThanOrEqual(2);
      else expect(s.incidents).toEqual([]);
    }
  });

  it('keeps every value within the metric’s bounds and names a real resource type', () => {
    for (const scenario of SCENARIOS) {
      const s = makeSeries(scenario, 2);
      // A math alarm's raw metrics are counts; its expression's bounds are checked where it is computed (watched.test.ts).
      const outside = s.values ? s.values.filter((v) => v < scenario.bounds.min || v > scenario.bounds.max) : Object.values(s.metrics!).flatMap((v) => [...v].filter((x) => x < 0 || !Number.isInteger(x) && !Number.isNaN(x)));
      expect([...outside], scenario.id).toEqual([]);
      expect(ARN_MAKERS[scenario.target.resourceType], scenario.id).toBeDefined();
    }
  });

  it('gives a math scenario and the scenario whose draws it shares the same events', () => {
    for (const scenario of SCENARIOS.filter((x) => x.sameDrawsAs)) {
      const first = SCENARIOS.find((x) => x.id === scenario.sameDrawsAs)!;
      const a = makeSeries(first, 2);
      const b = makeSeries(scenario, 2);
      expect(b.incidents, scenario.id).toEqual(a.incidents);
      const errors = a.values ?? a.metrics!.Errors!;
      expect(Buffer.from(errors.buffer).equals(Buffer.from((b.values ?? b.metrics!.Errors!).buffer)), scenario.id).toBe(true);
    }
  });
});
