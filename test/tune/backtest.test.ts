import { describe, expect, it } from 'vitest';
import type { TreatMissingData } from '../../src/blueprints/types.js';
import fc from 'fast-check';
import { backtest, replay, Replays, STATE } from '../../src/tune/backtest.js';
import type { AlarmShape } from '../../src/tune/backtest.js';

// "0" a non-breaching datapoint, "X" a breaching one, "-" missing (oldest first), as in
// CloudWatch's documentation, "How alarm state is evaluated when data is missing".
const POINT = { '0': 0, X: 10, '-': NaN } as const;
const NAMES = { [STATE.insufficient]: 'INSUFFICIENT_DATA', [STATE.ok]: 'OK', [STATE.alarm]: 'ALARM' } as const;

/** The state after evaluating the given 5 slots, starting from `initial` (for "retain"). */
function stateAfter(points: string, m: number, n: number, mode: TreatMissingData, initial: 'OK' | 'ALARM' = 'OK'): string {
  // A long run of the initial state before the documented slots, so "retain" is observable.
  const prefix = Array.from({ length: 20 }, () => (initial === 'ALARM' ? 10 : 0));
  const values = new Float64Array([...prefix, ...points.split(' ').map((p) => POINT[p as keyof typeof POINT])]);
  const states = new Uint8Array(values.length);
  backtest(values, { comparison: 'GreaterThanThreshold', threshold: 5, evaluationPeriods: n, datapointsToAlarm: m, treatMissingData: mode }, states);
  return NAMES[states[values.length - 1] as 0 | 1 | 2];
}

type Row = [points: string, missing: string, ignore: string, breaching: string, notBreaching: string];
const MODES: TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

function check(rows: Row[], m: number, n: number): void {
  for (const [points, ...expected] of rows) {
    MODES.forEach((mode, i) => {
      const want = expected[i]!;
      if (want === 'retain') {
        expect(stateAfter(points, m, n, mode, 'OK'), `${points} ${mode} from OK`).toBe('OK');
        expect(stateAfter(points, m, n, mode, 'ALARM'), `${points} ${mode} from ALARM`).toBe('ALARM');
      } else {
        expect(stateAfter(points, m, n, mode), `${points} ${mode}`).toBe(want);
      }
    });
  }
}

describe('backtest reproduces CloudWatch’s missing-data tables', () => {
  it('3 of 3 (Datapoints to Alarm = Evaluation Periods = 3)', () => {
    check(
      [
        ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
        ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
        ['- - - - -', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
        ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
        ['- - - - X', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
        ['X - - - -', 'ALARM', 'retain', 'ALARM', 'OK'],
      ],
      3,
      3,
    );
  });

  it('2 of 3', () => {
    check(
      [
        ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
        ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
        ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
        ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
        ['- - - - X', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
      ],
      2,
      3,
    );
  });
});

describe('episodes', () => {
  const shape = { comparison: 'GreaterThanThreshold', threshold: 5, evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: 'notBreaching' } as const;
  const series = (s: string) => new Float64Array(s.split('').map((c) => (c === 'X' ? 10 : c === '-' ? NaN : 0)));

  it('counts an entry into ALARM once until the alarm leaves it', () => {
    const r = backtest(series('000XX0X00000XXX000'), shape);
    expect(r.episodes).toBe(2);
    expect(r.episodeStarts).toEqual([4, 13]);
  });

  it('no breach, no episode; lower-bound alarms work the same way', () => {
    expect(backtest(series('0000000000'), shape).episodes).toBe(0);
    const low = backtest(new Float64Array([50, 50, 1, 1, 1, 50, 50]), { ...shape, comparison: 'LessThanThreshold', threshold: 5 });
    expect(low.episodes).toBe(1);
    expect(low.episodeStarts).toEqual([3]);
  });

  it('handles ≥ and ≤ at the threshold', () => {
    const at = new Float64Array([5, 5, 5, 5]);
    expect(backtest(at, { ...shape, comparison: 'GreaterThanOrEqualToThreshold' }).episodes).toBe(1);
    expect(backtest(at, { ...shape, comparison: 'GreaterThanThreshold' }).episodes).toBe(0);
    expect(backtest(at, { ...shape, comparison: 'LessThanOrEqualToThreshold' }).episodes).toBe(1);
  });
});

describe('a series’ replays, remembered', () => {
  it('are the fresh backtests, for any stretch of the series and any shape, however often asked', () => {
    const shape = fc.record({
      comparison: fc.constantFrom('GreaterThanThreshold' as const, 'LessThanOrEqualToThreshold' as const),
      threshold: fc.integer({ min: 0, max: 6 }),
      evaluationPeriods: fc.integer({ min: 1, max: 4 }),
      datapointsToAlarm: fc.constant(1),
      treatMissingData: fc.constantFrom('missing' as const, 'breaching' as const, 'notBreaching' as const, 'ignore' as const),
    });
    const series = fc.array(fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 8 })), { minLength: 4, maxLength: 80 }).map((a) => Float64Array.from(a));
    // Stretches of one series of the same length (a level shift keeps the days after it) must not be taken for each other.
    const asks = fc.array(fc.tuple(fc.nat(), fc.nat(), shape), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(series, asks, (values, list) => {
        const replays = new Replays(values);
        for (const [a, b, s] of list) {
          const from = a % values.length;
          const stretch = values.subarray(from, from + 1 + (b % (values.length - from)));
          const given: AlarmShape = { ...s, datapointsToAlarm: Math.min(s.datapointsToAlarm, s.evaluationPeriods) };
          const fresh = replay(stretch, given);
          const remembered = replays.replay(stretch, given);
          expect(remembered.result).toEqual(fresh.result);
          expect(remembered.states).toEqual(fresh.states);
        }
        // Another series is replayed, never taken from memory.
        const other = Float64Array.from(values, (v) => v + 1);
        const s: AlarmShape = { comparison: 'GreaterThanThreshold', threshold: 3, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' };
        replays.replay(values, s);
        expect(replays.replay(other, s).result).toEqual(backtest(other, s));
      }),
      { numRuns: 300 },
    );
  });
});
