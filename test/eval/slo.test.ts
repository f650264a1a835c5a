import { describe, expect, it } from 'vitest';
import { evaluateSlo } from '../../scripts/eval/slo.js';

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
    const s = evaluateSlo({ target, period: 60, replayFrom, metrics: series((m) => (m >= incident.start && m < incident.end ? 0.5 : 0.001)), incidents: [incident] });
    expect(s.caught).toBe(1);
    expect(s.detectMinutes[0]!).toBeLessThanOrEqual(60);
    expect(s.falseEpisodes).toBe(0);
  });

  it('does not page at a normal failure rate inside the budget, nor for a blip of a few minutes', () => {
    const quiet = evaluateSlo({ target, period: 60, replayFrom, metrics: series(() => 0.001), incidents: [] });
    expect(quiet.episodes).toBe(0);
    const blip = evaluateSlo({ target, period: 60, replayFrom, metrics: series((m) => (m >= incident.start && m < incident.start + 3 ? 0.2 : 0.001)), incidents: [] });
    expect(blip.episodes).toBe(0);
  });

  it('a slow burn (2% failing for a whole day: 4× the budget of 99.5%) opens a ticket at the day’s end and pages no one', () => {
    const day = { start: replayFrom, end: replayFrom + 1440 };
    const metrics = series((m) => (m >= day.start && m < day.end ? 0.02 : 0.001));
    const page = evaluateSlo({ target, period: 60, replayFrom, metrics, incidents: [day] }, 'page');
    expect(page.episodes).toBe(0);
    const ticket = evaluateSlo({ target, period: 60, replayFrom, metrics, incidents: [day] }, 'ticket');
    expect(ticket.caught).toBe(1);
    expect(ticket.falseEpisodes).toBe(0);
    // Known when the day's window closes (midnight UTC), not before.
    expect(ticket.detectMinutes[0]!).toBeGreaterThanOrEqual(1439);
  });

  it('no ticket at a normal failure rate, nor for 1% failing for a day (2×: inside the ticket’s 3×)', () => {
    expect(evaluateSlo({ target, period: 60, replayFrom, metrics: series(() => 0.001), incidents: [] }, 'ticket').episodes).toBe(0);
    const twice = series((m) => (m >= replayFrom && m < replayFrom + 1440 ? 0.01 : 0.001));
    expect(evaluateSlo({ target, period: 60, replayFrom, metrics: twice, incidents: [] }, 'ticket').episodes).toBe(0);
  });
});
