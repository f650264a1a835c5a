import type { Comparison, TreatMissingData } from '../blueprints/types.js';

/** What the backtest needs of an alarm. */
export interface AlarmShape {
  comparison: Comparison;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: TreatMissingData;
}

export const STATE = { insufficient: 0, ok: 1, alarm: 2 } as const;
export type State = (typeof STATE)[keyof typeof STATE];

/** Result of replaying history through an alarm. */
export interface BacktestResult {
  /** Times the alarm entered ALARM (from OK or INSUFFICIENT_DATA). */
  episodes: number;
  /** Index of the slot at which each episode began. */
  episodeStarts: number[];
  /** Slots spent in ALARM. */
  alarmSlots: number;
}

// Datapoint classes, one byte per slot.
const GOOD = 0;
const BREACH = 1;
const MISSING = 2;

/**
 * CloudWatch retrieves more datapoints than the evaluation periods when it evaluates an
 * alarm: the evaluation range. Its documentation's examples use 5 for 3 evaluation periods;
 * obsgen uses N + 2.
 */
export function evaluationRange(evaluationPeriods: number): number {
  return evaluationPeriods + 2;
}

function breaches(comparison: Comparison, threshold: number): (v: number) => boolean {
  switch (comparison) {
    case 'GreaterThanThreshold':
      return (v) => v > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return (v) => v >= threshold;
    case 'LessThanThreshold':
      return (v) => v < threshold;
    case 'LessThanOrEqualToThreshold':
      return (v) => v <= threshold;
  }
}

/** Scratch buffers reused across calls on series of the same length (no per-point allocation). */
export class BacktestBuffers {
  classes = new Uint8Array(0);
  realBefore = new Int32Array(0);
  breachBefore = new Int32Array(0);
  breachRealPrefix = new Int32Array(0);

  ensure(n: number): void {
    if (this.classes.length >= n) return;
    this.classes = new Uint8Array(n);
    this.realBefore = new Int32Array(n + 1);
    this.breachBefore = new Int32Array(n + 1);
    this.breachRealPrefix = new Int32Array(n + 1);
  }
}

const shared = new BacktestBuffers();

/**
 * Replays a series (one value per period, NaN for missing) through an alarm, evaluating at
 * every period as CloudWatch does:
 *
 * - Over the evaluation range (the last N + 2 slots), when there are at least N real
 *   datapoints, the N most recent real ones are evaluated and missing data plays no part.
 * - With fewer, the real ones (however old within the range) are evaluated together with
 *   as few filled-in points as needed to make N: breaching or not breaching, as configured.
 *   For `missing` and `ignore`, a real non-breaching datapoint (that cannot make M) means OK,
 *   and M breaching ones mean ALARM; otherwise `ignore` keeps the current state, and
 *   `missing` gives INSUFFICIENT_DATA, or ALARM when the metric stopped (no real datapoint
 *   in the last N slots) after breaching.
 * - With none at all: INSUFFICIENT_DATA (missing), current state (ignore), ALARM
 *   (breaching), OK (notBreaching).
 *
 * This reproduces every row of both tables in CloudWatch's "How alarm state is evaluated when
 * data is missing". M of N breaching datapoints set ALARM; fewer set OK. An episode is an
 * entry into ALARM, counted once until the alarm leaves ALARM.
 *
 * Linear time with prefix sums over typed arrays; `states`, when given, receives each slot's state.
 */
export function backtest(values: Float64Array, shape: AlarmShape, states?: Uint8Array, buffers: BacktestBuffers = shared): BacktestResult {
  const n = values.length;
  const N = shape.evaluationPeriods;
  const M = shape.datapointsToAlarm;
  const R = evaluationRange(N);
  const isBreach = breaches(shape.comparison, shape.threshold);
  buffers.ensure(n);
  const { classes, realBefore, breachBefore, breachRealPrefix } = buffers;

  // realBefore[i]: real datapoints in slots [0, i); breachBefore likewise for breaching ones;
  // breachRealPrefix[k]: breaching among the first k real datapoints.
  let real = 0;
  let breach = 0;
  realBefore[0] = 0;
  breachBefore[0] = 0;
  breachRealPrefix[0] = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) {
      classes[i] = MISSING;
    } else {
      const b = isBreach(v);
      classes[i] = b ? BREACH : GOOD;
      real++;
      if (b) breach++;
      breachRealPrefix[real] = breach;
    }
    realBefore[i + 1] = real;
    breachBefore[i + 1] = breach;
  }

  const fill = shape.treatMissingData;
  let state: State = STATE.insufficient;
  let episodes = 0;
  let alarmSlots = 0;
  const episodeStarts: number[] = [];
  for (let i = 0; i < n; i++) {
    const from = i + 1 > R ? i + 1 - R : 0;
    const k = realBefore[i + 1]! - realBefore[from]!;
    let next: State;
    if (k >= N) {
      const upto = realBefore[i + 1]!;
      const b = breachRealPrefix[upto]! - breachRealPrefix[upto - N]!;
      next = b >= M ? STATE.alarm : STATE.ok;
    } else {
      const b = breachBefore[i + 1]! - breachBefore[from]!;
      const g = k - b;
      const filled = N - k;
      if (fill === 'breaching') next = b + filled >= M ? STATE.alarm : STATE.ok;
      else if (fill === 'notBreaching') next = b >= M ? STATE.alarm : STATE.ok;
      else if (k === 0) next = fill === 'ignore' ? state : STATE.insufficient;
      else if (b >= M) next = STATE.alarm;
      else if (g > 0) next = STATE.ok;
      else if (fill === 'ignore') next = state;
      else {
        // Only breaching datapoints, too few: ALARM if none arrived in the last N slots.
        const recentFrom = i + 1 > N ? i + 1 - N : 0;
        next = realBefore[i + 1]! - realBefore[recentFrom]! === 0 ? STATE.alarm : STATE.insufficient;
      }
    }
    if (next === STATE.alarm) {
      alarmSlots++;
      if (state !== STATE.alarm) {
        episodes++;
        episodeStarts.push(i);
      }
    }
    state = next;
    if (states) states[i] = state;
  }
  return { episodes, episodeStarts, alarmSlots };
}
