import { reachable } from '../blueprints/range.js';
import type { ValueRange } from '../blueprints/range.js';
import { replay, STATE } from './backtest.js';
import type { AlarmShape, Replay } from './backtest.js';
import { exact } from './round.js';


/** Most false alarm episodes a chosen threshold may have had, per 30 days of normal history. */
export const NOISE_BUDGET_PER_30_DAYS = 1;
/** Most of the normal history a chosen threshold may have spent in ALARM. */
const MAX_ALARM_SHARE = 0.01;

/** A candidate threshold's check: whether it may be chosen, and if not, why. */
export interface Check {
  ok: boolean;
  /** What is wrong with it (when not ok). */
  rejected?: 'unreachable' | 'always on' | 'noisy';
  /** Why it is rejected (when not ok). */
  reason?: string;
  /** False alarm episodes it would have had in normal operation, per 30 days. */
  falsePer30d?: number;
}

/**
 * Checks a candidate before it may be chosen: it must be reachable, and quiet in normal
 * operation, replayed as CloudWatch evaluates the alarm over the history: at most one false
 * episode per 30 days (so none in a two-week lookback) and at most 1% of the time in ALARM.
 * Episodes that start in slots set aside as incidents are not false.
 */
export function checkCandidate(threshold: number, shape: Omit<AlarmShape, 'threshold'>, values: Float64Array, setAside: Uint8Array, range: ValueRange | undefined, days: number, replayed: Replay = replay): Check {
  const unreachable = reachable(threshold, shape.comparison, range);
  if (unreachable) return { ok: false, rejected: 'unreachable', reason: unreachable };
  const { result, states } = replayed(values, { ...shape, threshold });
  let episodes = 0;
  let alarmSlots = 0;
  let normalSlots = 0;
  for (let i = 0; i < values.length; i++) {
    if (setAside[i]) continue;
    normalSlots++;
    if (states[i] === STATE.alarm) alarmSlots++;
  }
  for (const start of result.episodeStarts) if (!setAside[start]) episodes++;
  const falsePer30d = exact((episodes * 30) / Math.max(days, 1), 3);
  if (alarmSlots > MAX_ALARM_SHARE * Math.max(normalSlots, 1)) {
    return { ok: false, rejected: 'always on', reason: alwaysOnReason(exact((100 * alarmSlots) / normalSlots, 3)), falsePer30d };
  }
  if (falsePer30d > NOISE_BUDGET_PER_30_DAYS) {
    return { ok: false, rejected: 'noisy', reason: `noisy: ${episodes} false episode${episodes === 1 ? '' : 's'} in ${exact(days, 3)} days of normal operation (${falsePer30d} per 30 days; the budget is ${NOISE_BUDGET_PER_30_DAYS})`, falsePer30d };
  }
  return { ok: true, falsePer30d };
}

/** The reason an always-on candidate is rejected: `always on: in ALARM <percent>% of normal operation`. */
function alwaysOnReason(percent: number): string {
  return `always on: in ALARM ${percent}% of normal operation`;
}

/**
 * The share of normal operation (0–1) a candidate rejected as always on would have spent in
 * ALARM, read back from its recorded reason (a decision keeps the reason, not the figure);
 * undefined for any other reason.
 */
export function alwaysOnShare(reason: string): number | undefined {
  const m = /^always on: in ALARM ([\d.e+-]+)% of normal operation$/.exec(reason);
  return m ? Number(m[1]) / 100 : undefined;
}
