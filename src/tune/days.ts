/** Where a history lies in time: its first slot's start (epoch seconds) and its period. */
export interface Timeline {
  start: number;
  period: number;
}

const DAY = 86_400;

/** The UTC day (days since the epoch) that slot i of a history falls in. */
export function dayOf(t: Timeline, i: number): number {
  return Math.floor((t.start + i * t.period) / DAY);
}

/** The slots of each UTC day the history touches, in order: [day, first slot, end slot). */
export function daySpans(t: Timeline, slots: number): [day: number, from: number, to: number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < slots; ) {
    const day = dayOf(t, i);
    const to = Math.min(slots, Math.ceil(((day + 1) * DAY - t.start) / t.period));
    out.push([day, i, to]);
    i = to;
  }
  return out;
}

/** A UTC day as an ISO date, for explanations. */
export function isoDay(day: number): string {
  return new Date(day * DAY * 1000).toISOString().slice(0, 10);
}
