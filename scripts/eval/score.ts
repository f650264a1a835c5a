/**
 * The scoring definitions: what counts as catching an incident, as a false episode, as time
 * in ALARM, as an unreachable threshold and as an always-on alarm. Plain functions over the
 * replayed states, so that tests can check each definition on hand-made cases.
 */
import type { AlarmState } from './replay.js';
import { isUpper } from './types.js';
import type { Comparison } from './types.js';

/** Slots [start, end). */
export interface Window {
  start: number;
  end: number;
}

/** What scoring needs of one replay. */
export interface ReplayOutcome {
  /** The state after each replayed slot; index 0 is slot `from` of the series. */
  states: readonly AlarmState[];
  /** First replayed slot of the series. */
  from: number;
  /** Seconds per slot. */
  period: number;
  /** N of the alarm: an episode up to N periods after an incident still answers it. */
  evaluationPeriods: number;
  /** Every labelled incident of the series (in series slots), in the history too. */
  incidents: readonly Window[];
}

/** One alarm's figures over its replay. */
export interface Score {
  /** Incidents that start in the replayed part. */
  incidents: number;
  caught: number;
  /** Minutes from each caught incident's start to the end of the period whose evaluation entered ALARM. */
  detectMinutes: number[];
  episodes: number;
  /** Episodes that start outside every incident's detection window. */
  falseEpisodes: number;
  /** Replayed slots, and those in ALARM. */
  slots: number;
  alarmSlots: number;
  /** Replayed slots outside every detection window, and those in ALARM. */
  quietSlots: number;
  quietAlarmSlots: number;
  /** Replayed time, in days. */
  days: number;
}

/** The episodes of a run of states: maximal runs of ALARM (an entry into ALARM starts one). */
export function episodes(states: readonly AlarmState[]): Window[] {
  const out: Window[] = [];
  for (let i = 0; i < states.length; i++) {
    if (states[i] !== 'ALARM') continue;
    if (i === 0 || states[i - 1] !== 'ALARM') out.push({ start: i, end: i + 1 });
    else out[out.length - 1]!.end = i + 1;
  }
  return out;
}

/**
 * An incident's detection window: from its start to N periods after its end. An alarm that
 * enters ALARM in it answers the incident; one already in ALARM when it starts does not (it
 * was already paging for something else, or always).
 */
export function detectionWindow(incident: Window, evaluationPeriods: number): Window {
  return { start: incident.start, end: incident.end + evaluationPeriods };
}

/** Scores one replay (see Score for the definitions). */
export function score(r: ReplayOutcome): Score {
  const windows = r.incidents.map((w) => detectionWindow(w, r.evaluationPeriods));
  const inWindow = (slot: number) => windows.some((w) => slot >= w.start && slot < w.end);
  const starts = episodes(r.states).map((e) => r.from + e.start);

  const replayed = r.incidents.filter((w) => w.start >= r.from && w.start < r.from + r.states.length);
  const detectMinutes: number[] = [];
  for (const incident of replayed) {
    const w = detectionWindow(incident, r.evaluationPeriods);
    const first = starts.find((s) => s >= w.start && s < w.end);
    // The state after slot s is known at the end of that period.
    if (first !== undefined) detectMinutes.push(((first + 1 - incident.start) * r.period) / 60);
  }

  let alarmSlots = 0;
  let quietSlots = 0;
  let quietAlarmSlots = 0;
  r.states.forEach((s, k) => {
    const quiet = !inWindow(r.from + k);
    if (quiet) quietSlots++;
    if (s === 'ALARM') {
      alarmSlots++;
      if (quiet) quietAlarmSlots++;
    }
  });
  return {
    incidents: replayed.length,
    caught: detectMinutes.length,
    detectMinutes,
    episodes: starts.length,
    falseEpisodes: starts.filter((s) => !inWindow(s)).length,
    slots: r.states.length,
    alarmSlots,
    quietSlots,
    quietAlarmSlots,
    days: (r.states.length * r.period) / 86_400,
  };
}

/** False episodes per alarm per 30 days of replayed time. */
export function falsePer30Days(falseEpisodes: number, days: number): number {
  return days === 0 ? 0 : (falseEpisodes * 30) / days;
}

/** An alarm in ALARM for more than half of the time outside incidents. */
export function alwaysOn(s: Pick<Score, 'quietSlots' | 'quietAlarmSlots'>): boolean {
  return s.quietAlarmSlots > s.quietSlots / 2;
}

/**
 * A threshold no value of the metric can breach: above its maximum for alarms on high values
 * (or at it, for `>`), below its minimum for alarms on low values (or at it, for `<`).
 */
export function unreachable(threshold: number, comparison: Comparison, bounds: { min: number; max: number }): boolean {
  if (isUpper(comparison)) return comparison === 'GreaterThanThreshold' ? threshold >= bounds.max : threshold > bounds.max;
  return comparison === 'LessThanThreshold' ? threshold <= bounds.min : threshold < bounds.min;
}

/** The median of a list (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
