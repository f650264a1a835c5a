import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/random.js';
import { backtest, evaluationRange } from '../../src/tune/backtest.js';
import { bandScores, filledHistory, fitBandModel } from '../../src/tune/band.js';
import type { Evaluation } from '../../src/tune/breach-levels.js';
import { decide } from '../../src/tune/decide.js';

// Traffic-drop alarms (#20 item 3): a lower anomaly band over FILL(requests, 0), 3 of 3 periods
// of 5 minutes, missing data ignored. Requests publish nothing in a period without any, so
// the history has gaps at night; the band must catch a drop by day and a stop, and stay quiet
// through a silent night.
const START = Date.UTC(2026, 0, 5) / 1000; // a Monday, 00:00 UTC
const DAY = 86_400;
const PERIOD = 300;
const PER_DAY = DAY / PERIOD;
const TIMELINE = { start: START, period: PERIOD };
const drop: Evaluation = { comparison: 'LessThanThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'ignore' };
const TUNING = { policy: 'envelope', band: 'always', bandSide: 'lower', bandFill: 0 } as const;

/** Requests per 5 minutes: ~1,500 at the afternoon peak, none at all (no datapoints) from 01:00 to 05:00. */
function requests(days: number, seed = 7): Float64Array {
  const r = seededRandom(seed);
  return Float64Array.from({ length: days * PER_DAY }, (_, i) => {
    const hour = ((i * PERIOD) / 3600) % 24;
    if (hour >= 1 && hour < 5) return NaN;
    const level = 100 + 1400 * Math.max(0, Math.sin(((hour - 5) / 20) * Math.PI)) ** 1.5;
    return Math.max(1, Math.round(level * (1 + 0.08 * (r() + r() + r() - 1.5))));
  });
}

const at = (day: number, hour: number) => day * PER_DAY + (hour * 3600) / PERIOD;

/** Replays the band decided on `history` over `replay` (the days after it): the slots at which ALARM episodes begin. */
function episodesOver(history: Float64Array, replay: Float64Array, width: number): number[] {
  const all = new Float64Array(history.length + replay.length);
  all.set(history);
  all.set(replay, history.length);
  const filled = filledHistory(all, 0, evaluationRange(drop.evaluationPeriods));
  // The model trains on two weeks of FILL(m1, 0), a query with data: every gap reads 0.
  const model = fitBandModel(history.map((v) => (Number.isNaN(v) ? 0 : v)), TIMELINE);
  if ('reason' in model) throw new Error(model.reason);
  const z = bandScores(filled, TIMELINE, model, 'lower');
  const result = backtest(z.subarray(history.length), { ...drop, comparison: 'GreaterThanThreshold', threshold: width });
  return result.episodeStarts;
}

describe('traffic-drop alarms: a lower band over FILL(metric, 0)', () => {
  it('FILL as CloudWatch applies it: gaps in a range with data read as 0; a range with none stays missing', () => {
    const values = Float64Array.from([5, NaN, 7, NaN, NaN, NaN, NaN, NaN, NaN, 4]);
    // Range 3: a missing slot reads 0 while a real datapoint is within the 3 slots ending there.
    expect([...filledHistory(values, 0, 3)]).toEqual([5, 0, 7, 0, 0, NaN, NaN, NaN, NaN, 4]);
  });

  it('with history, a band is chosen and the reason says which hours it watches (not the silent night)', () => {
    const history = requests(14);
    const d = decide({ history: { values: history, ...TIMELINE }, evaluation: drop, defaultThreshold: 1, tuning: TUNING, range: { min: 0 }, tags: new Map() });
    expect(d.band).toMatchObject({ side: 'lower', fill: 0 });
    expect(d.bandReason).toMatch(/it watches (\d+) of 24 weekday hours \(in the others the usual level is too close to 0 for a drop to show\)/);
    const watched = Number(/it watches (\d+) of 24/.exec(d.bandReason!)![1]);
    expect(watched).toBeGreaterThanOrEqual(16);
    expect(watched).toBeLessThanOrEqual(20);
  });

  it('catches traffic falling to a quarter at the afternoon peak, and a stop, and stays quiet through silent nights', () => {
    const history = requests(14);
    const width = decide({ history: { values: history, ...TIMELINE }, evaluation: drop, defaultThreshold: 1, tuning: TUNING, range: { min: 0 }, tags: new Map() }).band!.width;
    const normal = requests(3, 99);
    // Normal days: nights without datapoints are no drop.
    expect(episodesOver(history, normal, width)).toEqual([]);

    const quarter = requests(3, 99);
    for (let i = at(1, 14); i < at(1, 15); i++) quarter[i] = Math.round(quarter[i]! / 4);
    const q = episodesOver(history, quarter, width);
    expect(q).toHaveLength(1);
    expect(q[0]!).toBeGreaterThanOrEqual(at(1, 14));
    expect(q[0]!).toBeLessThanOrEqual(at(1, 14) + 3);

    const stop = requests(3, 99);
    stop.fill(NaN, at(2, 11), at(2, 12));
    const s = episodesOver(history, stop, width);
    expect(s).toHaveLength(1);
    expect(s[0]!).toBeLessThanOrEqual(at(2, 11) + 3);
  });

  it('is why the band is drawn over FILL: the same rule on the raw metric never fires on a stop', () => {
    // LessThanThreshold 1 on the raw metric, missing data ignored: a stop publishes no
    // datapoint, so none ever reads below 1.
    const stop = requests(3, 99);
    stop.fill(NaN, at(2, 11), at(2, 12));
    expect(backtest(stop, { ...drop, threshold: 1 }).episodes).toBe(0);
  });
});
