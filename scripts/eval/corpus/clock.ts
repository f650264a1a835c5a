import type { Layout } from './types.js';

export const DAY = 86_400;

/** Slots in a number of minutes at the layout's period (at least one). */
export function slots(layout: Layout, minutes: number): number {
  return Math.max(1, Math.round((minutes * 60) / layout.period));
}

/** Slots per day. */
export function slotsPerDay(layout: Layout): number {
  return DAY / layout.period;
}

/** Hour of the day (UTC, fractional) at which slot i starts. */
export function hourOf(layout: Layout, i: number): number {
  return (((i * layout.period) % DAY) / 3600);
}

/** Day of the week of slot i: 0 = Monday … 6 = Sunday (the corpus starts on a Monday). */
export function weekdayOf(layout: Layout, i: number): number {
  return Math.floor((i * layout.period) / DAY) % 7;
}

/**
 * How busy a user-facing workload is at an hour of the day, from 0 (02:00) to 1 (14:00): a
 * smooth daily cycle, as request counts of services used by people in one region show.
 */
export function daily(hour: number): number {
  return 0.5 + 0.5 * Math.cos((2 * Math.PI * (hour - 14)) / 24);
}

/** Weekends are quieter for business workloads: about half of a weekday. */
export function weekly(weekday: number): number {
  return weekday === 5 ? 0.55 : weekday === 6 ? 0.45 : 1;
}
