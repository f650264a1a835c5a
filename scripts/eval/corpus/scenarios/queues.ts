/**
 * SQS queues: SQS publishes its queue metrics every minute for active queues (consumers
 * long-polling keep a queue active), so these series have no gaps. Backlogs are counts of
 * messages (the Average over a minute of a count sampled several times, so fractional), ages
 * are seconds.
 */
import { daily, hourOf, slots, slotsPerDay, weekdayOf, weekly } from '../clock.js';
import { placeIncidents } from '../incidents.js';
import type { Scenario } from '../types.js';
import { round } from '../values.js';

// SQS keeps a message at most 14 days; the producers modelled here send at most 100 a minute.
const BACKLOG = { min: 0, max: 100 * 60 * 24 * 14, why: 'at most 100 messages a minute for the 14 days SQS keeps a message' };

/**
 * A queue whose consumers take every message within a second: ApproximateNumberOfMessagesVisible
 * reads 0 minute after minute (one repeated value); now and then (0.5% of minutes) a message is
 * caught waiting (0.2–1). An incident is the consumers stopping (a crash loop, a poison
 * message): the backlog grows at the producers' 5–40 messages a minute for 30–120 minutes, then
 * drains within 10 minutes of the fix.
 */
export const idleQueue: Scenario = {
  id: 'constant-idle-queue',
  shape: 'constant',
  target: { resourceType: 'sqs:queue', alarm: 'sqs-queue/messages-visible', name: 'email-send' },
  period: 60,
  bounds: BACKLOG,
  summary: 'SQS backlog at 0 nearly every minute (consumers keep up).',
  incidents: 'Consumers stop: the backlog grows at 5–40 messages/min for 30–120 min.',
  make(random, layout) {
    const n = layout.slots;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = random.chance(0.005) ? round(random.uniform(0.2, 1), 2) : 0;
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 30, maxMinutes: 120, what: this.incidents });
    for (const w of incidents) {
      const rate = random.uniform(5, 40);
      const drain = random.int(3, 10);
      for (let i = w.start; i < w.end; i++) values[i] = round(rate * (i - w.start + 1), 1);
      const peak = values[w.end - 1]!;
      for (let k = 0; k < drain && w.end + k < n; k++) values[w.end + k] = round(peak * (1 - (k + 1) / drain), 1);
    }
    return { values, incidents };
  },
};

/**
 * A work queue fed by business activity: on weekdays the visible backlog follows office hours
 * (tens to a few hundred messages waiting at the busiest hours, a handful at night), and at
 * weekends it stays low. An incident is the consumers crashing: the backlog grows at
 * 20–80 messages a minute for 1–3 hours (thousands waiting), then drains in 15 minutes.
 */
export const weeklyBacklog: Scenario = {
  id: 'weekly-backlog',
  shape: 'weekly-seasonality',
  target: { resourceType: 'sqs:queue', alarm: 'sqs-queue/messages-visible', name: 'invoice-jobs' },
  period: 60,
  bounds: BACKLOG,
  summary: 'SQS backlog following office hours: up to a few hundred on weekdays, low at weekends.',
  incidents: 'Consumers crash: the backlog grows at 20–80 messages/min for 1–3 h.',
  make(random, layout) {
    const n = layout.slots;
    const values = new Float64Array(n);
    // The working day's peak varies from day to day (some days have more invoices).
    const day = slotsPerDay(layout);
    let peak = 0;
    for (let i = 0; i < n; i++) {
      if (i % day === 0) peak = random.uniform(150, 400);
      const busy = daily(hourOf(layout, i)) ** 3 * weekly(weekdayOf(layout, i)) ** 3;
      values[i] = round(Math.max(0, peak * busy * Math.exp(0.35 * random.normal()) + random.uniform(0, 5)), 1);
    }
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 60, maxMinutes: 180, what: this.incidents });
    for (const w of incidents) {
      const rate = random.uniform(20, 80);
      for (let i = w.start; i < w.end; i++) values[i] = round(values[i]! + rate * (i - w.start + 1), 1);
      const top = values[w.end - 1]!;
      const drain = slots(layout, 15);
      for (let k = 0; k < drain && w.end + k < n; k++) values[w.end + k] = round(Math.max(values[w.end + k]!, top * (1 - (k + 1) / drain)), 1);
    }
    return { values, incidents };
  },
};

/**
 * An export queue drained continuously (the oldest message is 5–40 s old), until a nightly
 * batch at about 01:00 enqueues a large export: ApproximateAgeOfOldestMessage (Maximum) then
 * climbs about a second per second until the batch is drained, 10–60 minutes later depending on
 * its size (log-normal, median 25 minutes), and falls back. An incident is the consumers
 * stopping (expired credentials, a crash loop): the age climbs a minute per minute for 1–4 hours.
 */
export const dailyBatchAge: Scenario = {
  id: 'daily-batch-age',
  shape: 'daily-seasonality',
  target: { resourceType: 'sqs:queue', alarm: 'sqs-queue/oldest-message-age', name: 'ledger-export' },
  period: 60,
  bounds: { min: 0, max: 14 * 86_400, why: 'SQS deletes a message after at most 14 days' },
  summary: 'SQS oldest-message age of seconds, climbing to 10–60 min during a nightly batch.',
  incidents: 'Consumers stop: the age climbs 60 s per minute for 1–4 h.',
  make(random, layout) {
    const n = layout.slots;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = round(15 * Math.exp(0.5 * random.normal()), 1);
    const day = slotsPerDay(layout);
    for (let d = 0; d * day < n; d++) {
      const start = d * day + slots(layout, 60 + random.int(-10, 10));
      const minutes = Math.min(60, Math.max(10, 25 * Math.exp(0.35 * random.normal())));
      const length = slots(layout, minutes);
      for (let k = 0; k < length && start + k < n; k++) values[start + k] = round(60 * (k + 1) * random.uniform(0.9, 1), 1);
    }
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 60, maxMinutes: 240, what: this.incidents });
    for (const w of incidents) {
      const from = values[w.start]!;
      for (let i = w.start; i < w.end; i++) values[i] = round(from + 60 * (i - w.start + 1), 1);
    }
    return { values, incidents };
  },
};
