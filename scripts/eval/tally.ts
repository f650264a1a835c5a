/**
 * Adds up scores over many alarms (a shape, a scenario, everything): incidents are pooled, so
 * recall is caught / incidents over all of them, and false episodes are normalised by the
 * replayed time of all of them.
 */
import type { ModeResult } from './evaluate.js';
import { falsePer30Days, median } from './score.js';

/** The figures every table shows. */
export interface Figures {
  alarms: number;
  incidents: number;
  caught: number;
  /** caught / incidents; NaN without incidents. */
  recall: number;
  falseEpisodes: number;
  falsePer30Days: number;
  /** Share of replayed time in ALARM, and of the time outside incidents. */
  alarmShare: number;
  quietAlarmShare: number;
  /** Median minutes to detect, over caught incidents (NaN when none). */
  medianDetectMinutes: number;
  /** Alarms whose threshold was unreachable (on any night), and alarms always on. */
  unreachable: number;
  alwaysOn: number;
}

/** Pools the results of several alarms. */
export function tally(results: readonly ModeResult[]): Figures {
  let incidents = 0;
  let caught = 0;
  let falseEpisodes = 0;
  let days = 0;
  let slots = 0;
  let alarmSlots = 0;
  let quietSlots = 0;
  let quietAlarmSlots = 0;
  const detect: number[] = [];
  for (const r of results) {
    const s = r.score;
    incidents += s.incidents;
    caught += s.caught;
    falseEpisodes += s.falseEpisodes;
    days += s.days;
    slots += s.slots;
    alarmSlots += s.alarmSlots;
    quietSlots += s.quietSlots;
    quietAlarmSlots += s.quietAlarmSlots;
    detect.push(...s.detectMinutes);
  }
  return {
    alarms: results.length,
    incidents,
    caught,
    recall: incidents === 0 ? NaN : caught / incidents,
    falseEpisodes,
    falsePer30Days: falsePer30Days(falseEpisodes, days),
    alarmShare: slots === 0 ? 0 : alarmSlots / slots,
    quietAlarmShare: quietSlots === 0 ? 0 : quietAlarmSlots / quietSlots,
    medianDetectMinutes: median(detect),
    unreachable: results.filter((r) => r.unreachable).length,
    alwaysOn: results.filter((r) => r.alwaysOn).length,
  };
}
