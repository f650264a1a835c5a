/**
 * Request counts of APIs, for the alarms on LOW values (traffic stopped). Counts are whole
 * numbers drawn from a Poisson law around the expected traffic (independent requests), which
 * follows people: a daily cycle and quieter weekends. API Gateway publishes no datapoint for a
 * minute without requests, so a quiet minute, and an outage, are missing data.
 */
import { daily, hourOf, slotsPerDay, weekdayOf, weekly } from '../clock.js';
import { placeIncidents } from '../incidents.js';
import type { Layout, Random, Scenario } from '../types.js';

const COUNT = { min: 0, max: Number.POSITIVE_INFINITY, why: 'a count of requests cannot be negative' };

/** Expected requests a minute at slot i: `peak` at 14:00 on weekdays, about 2% of it at 02:00. */
function expected(layout: Layout, i: number, peak: number): number {
  return peak * (0.02 + 0.98 * daily(hourOf(layout, i)) ** 1.3) * weekly(weekdayOf(layout, i));
}

/** Poisson counts around the expected traffic, NaN (no datapoint) for a minute without requests. */
function counts(random: Random, layout: Layout, scale: (i: number) => number): Float64Array {
  const values = new Float64Array(layout.slots);
  let dayFactor = 1;
  for (let i = 0; i < layout.slots; i++) {
    // Some days are busier than others (±10%).
    if (i % slotsPerDay(layout) === 0) dayFactor = Math.exp(0.1 * random.normal());
    const c = random.poisson(scale(i) * dayFactor);
    values[i] = c === 0 ? NaN : c;
  }
  return values;
}

/**
 * A consumer-facing HTTP API: peaks at about 300 requests a minute in the afternoon, 3–6 at
 * night. An incident is the traffic stopping (a broken DNS change, an expired certificate, the
 * client app crashing at start): no requests, so no datapoints, for 20–90 minutes.
 */
export const dropToZero: Scenario = {
  id: 'drop-to-zero-traffic',
  shape: 'drop-to-zero',
  target: { resourceType: 'apigateway:api', alarm: 'apigateway-http-api/no-traffic', name: 'mobile-backend' },
  period: 60,
  bounds: COUNT,
  summary: 'HTTP API requests: ~300/min in the afternoon, 3–6/min at night, quieter weekends.',
  incidents: 'Traffic stops (no datapoints) for 20–90 min.',
  make(random, layout) {
    const values = counts(random, layout, (i) => expected(layout, i, 300));
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 20, maxMinutes: 90, what: this.incidents });
    for (const w of incidents) values.fill(NaN, w.start, w.end);
    return { values, incidents };
  },
};

/**
 * A partner-facing REST API (Count, SampleCount: the number of requests): about 900 requests a
 * minute at the peak, until its largest client moves to a new API version in the replayed
 * part (day 2–5): from then on a quarter of the traffic, for good (not an incident). An
 * incident is the traffic stopping for 20–90 minutes (no datapoints).
 */
export const levelShiftDownTraffic: Scenario = {
  id: 'level-shift-down-traffic',
  shape: 'level-shift-down',
  target: { resourceType: 'apigateway:rest-stage', alarm: 'apigateway-rest-stage/no-traffic', name: 'partner-api' },
  period: 60,
  bounds: COUNT,
  summary: 'REST API requests (~900/min peak) that fall to a quarter for good when the largest client migrates.',
  incidents: 'Traffic stops (no datapoints) for 20–90 min.',
  make(random, layout) {
    const shift = layout.replayFrom + random.int(2 * slotsPerDay(layout), 5 * slotsPerDay(layout));
    const values = counts(random, layout, (i) => expected(layout, i, 900) * (i < shift ? 1 : 0.25));
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 20, maxMinutes: 90, what: this.incidents });
    for (const w of incidents) values.fill(NaN, w.start, w.end);
    return { values, incidents };
  },
};

/**
 * A consumer-facing HTTP API, counted in 5-minute sums (the traffic-drop alarm's period): about
 * 1,500 requests per 5 minutes in the afternoon, 30 at night, quieter weekends. An incident is
 * the traffic falling to 10–40% of its usual level for 30–120 minutes, at any hour (a mobile
 * release that crashes for most users, one region's DNS answering wrongly, a partner's
 * integration broken): requests still arrive, so the alarms on no traffic at all never fire.
 */
export const partialDropTraffic: Scenario = {
  id: 'partial-drop-traffic',
  shape: 'traffic-drop',
  target: { resourceType: 'apigateway:api', alarm: 'apigateway-http-api/traffic-drop', name: 'mobile-backend' },
  period: 300,
  bounds: COUNT,
  summary: 'HTTP API requests per 5 minutes: ~1,500 in the afternoon, ~30 at night, quieter weekends.',
  incidents: 'Traffic falls to 10–40% of its usual level for 30–120 min, at any hour.',
  make(random, layout) {
    const perPeriod = layout.period / 60;
    const values = counts(random, layout, (i) => expected(layout, i, 300) * perPeriod);
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 30, maxMinutes: 120, what: this.incidents });
    for (const w of incidents) {
      const share = random.uniform(0.1, 0.4);
      for (let i = w.start; i < w.end; i++) {
        const c = random.poisson(expected(layout, i, 300) * perPeriod * share);
        values[i] = c === 0 ? NaN : c;
      }
    }
    return { values, incidents };
  },
};

/**
 * A Lambda function behind a queue and an API, counted in 5-minute sums: about 1,000
 * invocations per 5 minutes in the afternoon, 20 at night. An incident is the invocations
 * stopping (a disabled event source mapping, a broken trigger, callers failing before they
 * call): no datapoints for 20–90 minutes.
 */
export const stopInvocations: Scenario = {
  id: 'stop-invocations',
  shape: 'drop-to-zero',
  target: { resourceType: 'lambda:function', alarm: 'lambda-function/traffic-drop', name: 'orders-handler' },
  period: 300,
  bounds: COUNT,
  summary: 'Lambda invocations per 5 minutes: ~1,000 in the afternoon, ~20 at night, quieter weekends.',
  incidents: 'Invocations stop (no datapoints) for 20–90 min, at any hour.',
  make(random, layout) {
    const perPeriod = layout.period / 60;
    const values = counts(random, layout, (i) => expected(layout, i, 200) * perPeriod);
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 20, maxMinutes: 90, what: this.incidents });
    for (const w of incidents) values.fill(NaN, w.start, w.end);
    return { values, incidents };
  },
};
