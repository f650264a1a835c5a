/**
 * Utilization percentages (CPU, memory): bounded by 0 and 100, reported as the average over
 * each period, smooth from one period to the next because the work behind them changes over
 * minutes, not seconds.
 */
import { daily, hourOf, slots, slotsPerDay } from '../clock.js';
import { placeIncidents } from '../incidents.js';
import { ar1 } from '../random.js';
import type { Incident, Scenario } from '../types.js';
import { clamp, round } from '../values.js';

const PERCENT = { min: 0, max: 100, why: 'a percentage of the CPU or memory the resource has' };
/** An instance's or a database's CPUUtilization (EC2, RDS). */
const CPU_PERCENT = { ...PERCENT, why: 'CPUUtilization is a percentage' };

/**
 * A worker instance sized to run hot (a transcoding or CI fleet fed by a queue): EC2 basic
 * monitoring publishes the 5-minute average, which stays at 92–99% all day while the queue has
 * work and wanders slowly as the job mix changes. An incident is the CPU pinned at 100% for
 * 1–3 hours (a runaway process on top of the work): jobs queue up behind it. EC2 drops a
 * 5-minute datapoint now and then (0.2%).
 */
export const steadyHighCpu: Scenario = {
  id: 'steady-high-cpu',
  shape: 'steady-high',
  target: { resourceType: 'ec2:instance', alarm: 'ec2-instance/cpu', name: 'transcoder-7' },
  period: 300,
  bounds: CPU_PERCENT,
  summary: 'EC2 worker busy all day: 5-minute CPU average 92–99%.',
  incidents: 'CPU pinned at 100% for 1–3 h (a runaway process on top of the normal work).',
  make(random, layout) {
    const n = layout.slots;
    const noise = ar1(random, n, 0.85);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // 95.5 ± 3.2 (tanh keeps it inside 92.3–98.7), slightly busier in the afternoon.
      const v = 95.5 + 0.8 * (daily(hourOf(layout, i)) - 0.5) + 3.2 * Math.tanh(0.6 * noise[i]!);
      values[i] = random.chance(0.002) ? NaN : round(v, 3);
    }
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 60, maxMinutes: 180, what: this.incidents });
    for (const w of incidents) for (let i = w.start; i < w.end; i++) values[i] = round(99.6 + 0.4 * random.next(), 3);
    return { values, incidents };
  },
};

/**
 * An internal tool's database: RDS reports CPUUtilization every minute; idle at 2–6%
 * (autovacuum, replication, the monitoring agent) with a few bursts a day of 25–75% for
 * 3–25 minutes (reports, cron jobs) that nobody needs to hear about. An incident is a runaway
 * query (a missing index after a deploy) holding the CPU at 96–100% for 30–120 minutes.
 */
export const idleBurstsCpu: Scenario = {
  id: 'idle-bursts-cpu',
  shape: 'idle-bursts',
  target: { resourceType: 'rds:db', alarm: 'rds-instance/cpu', name: 'backoffice-db' },
  period: 60,
  bounds: CPU_PERCENT,
  summary: 'RDS idle at 2–6% CPU with a few bursts a day to 25–75% for 3–25 min.',
  incidents: 'A runaway query holds the CPU at 96–100% for 30–120 min.',
  make(random, layout) {
    const n = layout.slots;
    const noise = ar1(random, n, 0.7);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = 3.5 + 1.2 * Math.tanh(0.8 * noise[i]!);
    // Bursts: about four a day at random times, each ramping up over a minute or two.
    const day = slotsPerDay(layout);
    for (let d = 0; d * day < n; d++) {
      const count = random.poisson(4);
      for (let k = 0; k < count; k++) {
        const start = d * day + random.int(0, day - 1);
        const length = random.int(3, 25);
        const level = random.uniform(25, 75);
        for (let i = start; i < Math.min(n, start + length); i++) {
          const ramp = Math.min(1, (i - start + 1) / 2);
          values[i] = Math.max(values[i]!, level * ramp + random.normal() * 3);
        }
      }
    }
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 30, maxMinutes: 120, what: this.incidents });
    for (const w of incidents) for (let i = w.start; i < w.end; i++) values[i] = 96 + 4 * random.next();
    for (let i = 0; i < n; i++) values[i] = round(clamp(values[i]!, 0, 100), 3);
    return { values, incidents };
  },
};

/**
 * An ECS service on Fargate (CPUUtilization of the service, every minute, cannot exceed the
 * tasks' reservation): 16% with a mild daily cycle until a deploy in the replayed part moves
 * the normal to 28% for good (a heavier version; not an incident). An incident is the service
 * saturated at 92–100% for 20–60 minutes (a traffic surge beyond its scaling, a hot loop).
 */
export const levelShiftUpCpu: Scenario = levelShiftCpu({
  id: 'level-shift-up-cpu',
  name: 'catalog-api',
  before: [16, 3, 1.5],
  after: [28, 5, 2],
});

/**
 * The same heavier version on a service twice as busy: 30% moved to 52% for good (the same
 * ×1.75), which crosses the CPU alarms' floor (40, half of AWS's 80). Added with
 * `busyRunawayCpu` when that floor came down from AWS's value, so that the corpus measures what
 * the lower floor costs (a threshold tuned before the rise sits under the new normal) as well as
 * what it buys; the parameters follow from `levelShiftUpCpu`, not from any result.
 */
export const levelShiftUpBusyCpu: Scenario = levelShiftCpu({
  id: 'level-shift-up-busy-cpu',
  name: 'search-api',
  before: [30, 6, 2.5],
  after: [52, 10, 3.5],
});

/** An ECS service's CPU whose normal `before` [level, daily swing, noise] becomes `after` for good, day 2–5 of the replay. */
function levelShiftCpu(o: { id: string; name: string; before: readonly [number, number, number]; after: readonly [number, number, number] }): Scenario {
  return {
    id: o.id,
    shape: 'level-shift-up',
    target: { resourceType: 'ecs:service', alarm: 'ecs-service/cpu', name: o.name },
    period: 60,
    bounds: { ...PERCENT, why: 'CPUUtilization of a Fargate service is a percentage of what its tasks reserve' },
    summary: `ECS service CPU at ${o.before[0]}% that a deploy moves to ${o.after[0]}% for good (day 2–5 of the replay).`,
    incidents: 'Service saturated at 92–100% for 20–60 min.',
    make(random, layout) {
      const n = layout.slots;
      const noise = ar1(random, n, 0.8);
      const shift = layout.replayFrom + random.int(2 * slotsPerDay(layout), 5 * slotsPerDay(layout));
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const [level, swing, spread] = i < shift ? o.before : o.after;
        values[i] = level + swing * (daily(hourOf(layout, i)) - 0.5) + spread * noise[i]!;
      }
      const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 20, maxMinutes: 60, what: this.incidents });
      for (const w of incidents) for (let i = w.start; i < w.end; i++) values[i] = 92 + 8 * random.next();
      for (let i = 0; i < n; i++) values[i] = round(clamp(values[i]!, 0, 100), 3);
      return { values, incidents };
    },
  };
}

/**
 * An application server (EC2, 2 vCPUs, basic monitoring: the 5-minute average) behind a load
 * balancer: 15% at night to 45% in the afternoon with the users' daily cycle. An incident is a
 * runaway process, a thread spinning on one of the two vCPUs (a retry loop, a regex on bad
 * input) for 1–3 hours: +40–50 points on whatever the hour's load is. By day that passes AWS's
 * 80; at night it stays below it. Added with `levelShiftUpBusyCpu` (see there).
 */
export const busyRunawayCpu: Scenario = {
  id: 'busy-runaway-cpu',
  shape: 'daily-seasonality',
  target: { resourceType: 'ec2:instance', alarm: 'ec2-instance/cpu', name: 'web-3' },
  period: 300,
  bounds: CPU_PERCENT,
  summary: 'EC2 application server: 5-minute CPU average 15% at night to 45% in the afternoon.',
  incidents: 'A runaway thread holds one of the two vCPUs for 1–3 h: +40–50 points on the usual load.',
  make(random, layout) {
    const n = layout.slots;
    const noise = ar1(random, n, 0.85);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = random.chance(0.002) ? NaN : 15 + 30 * daily(hourOf(layout, i)) + 2.5 * noise[i]!;
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 60, maxMinutes: 180, what: this.incidents });
    for (const w of incidents) {
      const extra = random.uniform(40, 50);
      for (let i = w.start; i < w.end; i++) if (!Number.isNaN(values[i]!)) values[i] = values[i]! + extra;
    }
    for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) values[i] = round(clamp(values[i]!, 0, 100), 3);
    return { values, incidents };
  },
};

/**
 * An ECS service's MemoryUtilization (every minute, smooth: memory moves with caches and
 * heaps, not requests): each deploy (every 1–2.5 days) restarts the tasks at 36–40%, caches
 * warm over a few hours (+4%) and memory creeps +1.5% a day. An incident is a leaking
 * version: memory climbs 4–8% an hour from its restart level until the tasks are killed at
 * 100% (out of memory) and the version is rolled back; the whole climb is the incident, since
 * a page anywhere on it comes before the tasks die.
 */
export const leakMemory: Scenario = {
  id: 'leak-memory',
  shape: 'slow-leak',
  target: { resourceType: 'ecs:service', alarm: 'ecs-service/memory', name: 'orders-worker' },
  period: 60,
  bounds: { ...PERCENT, why: 'MemoryUtilization of a Fargate service is a percentage of its tasks’ memory (they are killed at 100)' },
  summary: 'ECS memory sawtooth: 36–40% after each deploy, creeping up until the next one.',
  incidents: 'A leaking version: memory climbs 4–8%/h until the tasks die at 100% (8–16 h).',
  make(random, layout) {
    const n = layout.slots;
    const day = slotsPerDay(layout);
    const hour = slots(layout, 60);
    const values = new Float64Array(n);
    const incidents: Incident[] = [];
    // Incidents start at a deploy; they are placed first so that normal deploys avoid them.
    const planned = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 60, maxMinutes: 60, what: this.incidents });
    let i = 0;
    let next = planned.shift();
    while (i < n) {
      const base = random.uniform(36, 40);
      if (next && i >= next.start) {
        // The leaking version: climbs until killed at 100%.
        const rate = random.uniform(4, 8);
        const start = i;
        let v = base;
        while (i < n && v < 100) {
          v = base + (rate * (i - start)) / hour;
          values[i] = Math.min(100, v + 0.3 * random.normal());
          i++;
        }
        incidents.push({ start, end: i, what: this.incidents });
        next = planned.shift();
        continue;
      }
      // A normal version until the next deploy (or the next leaking deploy, whichever is first).
      let until = i + Math.round(random.uniform(1, 2.5) * day);
      if (next && until > next.start) until = next.start;
      const start = i;
      for (; i < Math.min(n, until); i++) {
        const t = (i - start) / hour;
        values[i] = base + 4 * (1 - Math.exp(-t / 3)) + (1.5 * t) / 24 + 0.3 * random.normal();
      }
    }
    for (let k = 0; k < n; k++) values[k] = round(clamp(values[k]!, 0, 100), 3);
    return { values, incidents };
  },
};
