/**
 * Database connections: a whole number of open connections, averaged over the minute by RDS.
 * Applications hold them in fixed-size pools, so the count is flat for days.
 */
import { slots, slotsPerDay } from '../clock.js';
import { placeIncidents } from '../incidents.js';
import type { Scenario } from '../types.js';
import { round } from '../values.js';

/**
 * Four application tasks with a pool of ten connections each: DatabaseConnections reads exactly
 * 40, minute after minute (one repeated value). Every 1–3 days a rolling deploy opens the new
 * tasks' pools before the old ones close: 50–60 for 3–6 minutes. An incident is a connection
 * leak or a retry storm: connections climb 3–10 a minute to 150–400 and stay there for
 * 30–90 minutes, until the tasks are restarted.
 */
export const constantConnections: Scenario = {
  id: 'constant-connections',
  shape: 'constant',
  target: { resourceType: 'rds:db', alarm: 'rds-instance/connections', name: 'payments-db' },
  period: 60,
  bounds: { min: 0, max: 5000, why: 'RDS caps max_connections at 5,000 for MySQL and PostgreSQL by default' },
  summary: 'RDS connections exactly 40 (fixed pools), 50–60 for a few minutes at each deploy.',
  incidents: 'A connection leak or retry storm: 150–400 connections for 30–90 min.',
  make(random, layout) {
    const n = layout.slots;
    const values = new Float64Array(n).fill(40);
    for (let i = random.int(0, slotsPerDay(layout)); i < n; i += random.int(slotsPerDay(layout), 3 * slotsPerDay(layout))) {
      const length = slots(layout, random.int(3, 6));
      for (let k = 0; k < length && i + k < n; k++) values[i + k] = round(random.uniform(50, 60), 1);
    }
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 30, maxMinutes: 90, what: this.incidents });
    for (const w of incidents) {
      const climb = random.uniform(3, 10);
      const top = random.uniform(150, 400);
      for (let i = w.start; i < w.end; i++) values[i] = round(Math.min(top, 40 + climb * (i - w.start + 1)), 1);
    }
    return { values, incidents };
  },
};
