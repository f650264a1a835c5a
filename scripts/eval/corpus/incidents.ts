import { slots, slotsPerDay } from './clock.js';
import type { Incident, Layout, Random } from './types.js';

/** How many incidents a scenario has, how long they last, and what they are. */
export interface IncidentPlan {
  /** Chance of one past incident inside the history (the tuning lookback). */
  history: number;
  /** Incidents in the replayed part. */
  replay: number;
  minMinutes: number;
  maxMinutes: number;
  what: string;
}

/**
 * Places incidents at random times (any hour: incidents do not keep office hours), one per
 * equal stretch of the time available so that they never overlap, with at least six hours
 * between any two and between an incident and the history/replay boundary.
 */
export function placeIncidents(random: Random, layout: Layout, plan: IncidentPlan): Incident[] {
  const out: Incident[] = [];
  const day = slotsPerDay(layout);
  const margin = slots(layout, 6 * 60);
  const put = (from: number, to: number) => {
    const length = random.int(slots(layout, plan.minMinutes), slots(layout, plan.maxMinutes));
    const room = to - from - 2 * margin - length;
    if (room <= 0) throw new Error('incident does not fit');
    const start = from + margin + random.int(0, room);
    out.push({ start, end: start + length, what: plan.what });
  };
  if (random.chance(plan.history)) put(day, layout.replayFrom);
  const stretch = Math.floor((layout.slots - layout.replayFrom) / plan.replay);
  for (let k = 0; k < plan.replay; k++) put(layout.replayFrom + k * stretch, layout.replayFrom + (k + 1) * stretch);
  return out;
}
