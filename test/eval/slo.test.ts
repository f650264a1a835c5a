import { describe, expect, it } from 'vitest';
import { evaluateSloPage } from '../../scripts/eval/slo.js';

// The evaluation's replay of an SLO page (scripts/eval/slo.ts): each window alarm over its own
// clock-aligned periods of the raw metrics, the page while both windows of a pair are in ALARM.
describe('the SLO page replay', () => {
  const DAYS = 3;
  const minutes = DAYS * 1440;
  const target = { resourceType: 'lambda:function', alarm: 'lambda-function/error-rate', name: 'orders-api' };
  const series = (failing: (m: number) => number) => {
    const invocations = new Float64Array(minutes).fill(500);
    const errors = Float64Array.from({ length: minutes }, (_, m) => Math.round(500 * failing(m)));
    return { Invocations: invocations, Errors: errors };
  };
  const replayFrom = 1440;
  const incident = { start: replayFrom + 600, end: replayFrom + 720 };

  it('pages for an outage that spends the budget (half the calls failing for two hours), within the hour', () => {
    const s = evaluateSloPage({ target, period: 60, replayFrom, metrics: series((m) => (m >= incident.start && m < incident.end ? 0.5 : 0.001)), incidents: [incident] });
    expect(s.caught).toBe(1);
    expect(s.detectMinutes[0]!).toBeLessThanOrEqual(60);
    expect(s.falseEpisodes).toBe(0);
  });

  it('does not page at a normal failure rate inside the budget, nor for a blip of a few minutes', () => {
    const quiet = evaluateSloPage({ target, period: 60, replayFrom, metrics: series(() => 0.001), incidents: [] });
    expect(quiet.episodes).toBe(0);
    const blip = evaluateSloPage({ target, period: 60, replayFrom, metrics: series((m) => (m >= incident.start && m < incident.start + 3 ? 0.2 : 0.001)), incidents: [] });
    expect(blip.episodes).toBe(0);
  });
});
