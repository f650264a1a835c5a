import { evaluationRange, replay, STATE } from './backtest.js';
import type { AlarmShape, Replay } from './backtest.js';

/** Slots of a history that tuning sets aside as past incidents, and why. */
export interface SetAside {
  /** One per slot: 1 where the slot is set aside. */
  slots: Uint8Array;
  /** Episodes set aside. */
  episodes: number;
  why: string;
}

/**
 * A reference in ALARM more than this share of the time, or more often than this per 30 days,
 * was not marking rare incidents: it misjudged normal.
 */
const MAX_ALARM_SHARE = 0.05;
const MAX_EPISODES_PER_30_DAYS = 4;
/**
 * Episodes that are never a pattern, whatever the rate says: one in any history, and two in one
 * of at least two days (a tuning's usual minimum). After a level shift the history is only the
 * new regime, a few days long, and may well hold two real incidents: with one allowed, a nightly
 * run learned two saturations in the six days after a rise as normal and tuned an ECS service's
 * CPU alarm to 110 (eval: level-shift-up-busy-cpu; with two, 0 of its nightly thresholds are
 * unreachable, and no other scenario of the corpus is worse). The envelope sets aside two events
 * in 8 to 14 days on the same reasoning.
 */
function episodesNeverAPattern(days: number): number {
  return days >= 2 ? 2 : 1;
}

/**
 * The windows in which the reference threshold (the previous run's tuned one, else the
 * blueprint's default) would have been in ALARM: they paged, so they are taken for incidents
 * and left out of what normal is, whatever their length. The datapoints that led into each
 * episode (its evaluation range) and the N after it (the recovery) go with it. When the
 * reference was in ALARM for more than 5% of the history, or more than 4 times per 30 days (about
 * once a week; twice in a history of 2 to 15 days, once in a shorter one), it was not marking rare
 * events but misjudging normal, and nothing is set aside.
 */
export function setAsidePaged(values: Float64Array, shape: AlarmShape, reference: string, days: number, replayed: Replay = replay): SetAside {
  const slots = new Uint8Array(values.length);
  const { result, states } = replayed(values, shape);
  if (result.episodes === 0) return { slots, episodes: 0, why: `nothing breached the ${reference}` };
  let real = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) real++;
  if (result.alarmSlots > MAX_ALARM_SHARE * Math.max(real, 1)) {
    return { slots, episodes: 0, why: `the ${reference} was in ALARM ${percent(result.alarmSlots / Math.max(real, 1))} of the time, so it marks no incidents` };
  }
  if (result.episodes > Math.max(episodesNeverAPattern(days), (MAX_EPISODES_PER_30_DAYS * days) / 30)) {
    const shown = Math.round(days * 10) / 10;
    return { slots, episodes: 0, why: `the ${reference} went into ALARM ${result.episodes} times in ${shown} day${shown === 1 ? '' : 's'}, so it marks no incidents` };
  }
  const lead = evaluationRange(shape.evaluationPeriods) - 1;
  for (let i = 0; i < values.length; i++) {
    if (states[i] !== STATE.alarm) continue;
    for (let j = Math.max(0, i - lead); j <= Math.min(values.length - 1, i + shape.evaluationPeriods); j++) slots[j] = 1;
  }
  return { slots, episodes: result.episodes, why: `${result.episodes} episode${result.episodes === 1 ? '' : 's'} in ALARM under the ${reference} (past incidents)` };
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
