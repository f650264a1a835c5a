/**
 * An independent replay of CloudWatch's alarm evaluation, for scoring. Written for clarity,
 * slot by slot, straight from CloudWatch's documentation ("Evaluating an alarm" and "How alarm
 * state is evaluated when data is missing"); it shares no code with obsgen's backtest, and a
 * test checks that the two agree.
 *
 * Slot i holds the datapoint for the period [start + i·period, start + (i+1)·period), NaN when
 * CloudWatch has none. The alarm is evaluated once per slot, on the datapoints up to and
 * including slot i.
 */
import { breaches } from './types.js';
import type { AlarmRule } from './types.js';

export type AlarmState = 'INSUFFICIENT_DATA' | 'OK' | 'ALARM';

/**
 * CloudWatch looks at more datapoints than the evaluation periods: the evaluation range. Its
 * documentation's examples use 5 for 3 evaluation periods; obsgen's backtest uses N + 2, and
 * so does this replay.
 */
export function evaluationRange(evaluationPeriods: number): number {
  return evaluationPeriods + 2;
}

/** Where to start and what the alarm's state is before the first evaluated slot. */
export interface ReplayOptions {
  /** First slot evaluated (earlier slots still count in its evaluation range). Default 0. */
  from?: number;
  /** State before `from`: a new alarm starts in INSUFFICIENT_DATA. */
  initial?: AlarmState;
  /** One rule per slot, when a nightly run changed the evaluation (M of N) too; `rule` otherwise. */
  rules?: readonly AlarmRule[];
}

/**
 * Evaluates an alarm at every slot from `from` to the end and returns the state after each
 * (index 0 is slot `from`). `thresholds` is one number, or one per slot of `values`: when the
 * threshold changes (a nightly run updated the alarm), the alarm keeps its state and the next
 * evaluation applies the new threshold to its whole evaluation range, as PutMetricAlarm on an
 * existing alarm does.
 */
export function replay(values: Float64Array, rule: AlarmRule, thresholds: number | ArrayLike<number>, options: ReplayOptions = {}): AlarmState[] {
  const from = options.from ?? 0;
  if (typeof thresholds !== 'number' && thresholds.length !== values.length) throw new Error('one threshold per slot');
  const out: AlarmState[] = [];
  let state: AlarmState = options.initial ?? 'INSUFFICIENT_DATA';
  if (options.rules && options.rules.length !== values.length) throw new Error('one rule per slot');
  for (let i = from; i < values.length; i++) {
    const threshold = typeof thresholds === 'number' ? thresholds : thresholds[i]!;
    state = evaluateSlot(values, i, options.rules?.[i] ?? rule, threshold, state);
    out.push(state);
  }
  return out;
}

/** The alarm's state after evaluating at slot i, given its state before. */
export function evaluateSlot(values: Float64Array, i: number, rule: AlarmRule, threshold: number, current: AlarmState): AlarmState {
  const N = rule.evaluationPeriods;
  const M = rule.datapointsToAlarm;
  const first = Math.max(0, i - evaluationRange(N) + 1);

  // FILL(metric, x) replaces the missing datapoints of a query that has some; of a query that
  // has none it makes nothing, and missing data is treated as configured.
  let filling = false;
  if (rule.fill !== undefined) for (let j = i; j >= first && !filling; j--) filling = !Number.isNaN(values[j]!);

  // Walk the evaluation range from the newest slot back: count its real datapoints, those that
  // breach, and those that breach among the N most recent real ones.
  let real = 0;
  let b = 0;
  let recentBreaching = 0;
  for (let j = i; j >= first; j--) {
    const raw = values[j]!;
    const v = Number.isNaN(raw) && filling ? rule.fill! : raw;
    if (Number.isNaN(v)) continue;
    real++;
    if (breaches(v, threshold, rule.comparison)) {
      b++;
      if (real <= N) recentBreaching++;
    }
  }

  // Enough real datapoints: the N most recent are evaluated; missing data plays no part.
  if (real >= N) return recentBreaching >= M ? 'ALARM' : 'OK';

  // Too few: CloudWatch fills in the missing ones as configured.
  const filled = N - real;
  switch (rule.treatMissingData) {
    case 'breaching':
      return b + filled >= M ? 'ALARM' : 'OK';
    case 'notBreaching':
      return b >= M ? 'ALARM' : 'OK';
    case 'ignore':
    case 'missing': {
      if (real === 0) return rule.treatMissingData === 'ignore' ? current : 'INSUFFICIENT_DATA';
      if (b >= M) return 'ALARM';
      // A real datapoint that does not breach: M breaching ones can no longer be found.
      if (real > b) return 'OK';
      if (rule.treatMissingData === 'ignore') return current;
      // Only breaching datapoints, too few of them: ALARM when the metric stopped reporting
      // (nothing in the last N periods) after breaching, else not enough data.
      for (let j = Math.max(0, i - N + 1); j <= i; j++) if (!Number.isNaN(values[j]!)) return 'INSUFFICIENT_DATA';
      return 'ALARM';
    }
  }
}
