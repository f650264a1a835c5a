/**
 * Latency percentiles of a minute's requests: positive, skewed to the right (log-normal-ish),
 * a little higher at busy hours, with single-minute tail spikes (a GC pause, a cold cache) that
 * are part of normal life. An incident is latency several times normal for tens of minutes.
 */
import { daily, hourOf, slots, weekdayOf, weekly } from '../clock.js';
import { placeIncidents } from '../incidents.js';
import { ar1 } from '../random.js';
import type { Incident, Layout, Random, Scenario } from '../types.js';
import { round } from '../values.js';

/**
 * A latency every minute: `level` a little higher at the afternoon peak (× 1 + `daily`),
 * log-normal noise that wanders (an AR(1) of weight `wander`, plus `noise` of its own each
 * minute), and in a `spikes.share` of minutes a one-minute spike × `spikes.times`. Two incidents
 * in the replay and one in the history half the time, 20–60 minutes each, at `incident()` × the
 * normal level; values capped at `max`, rounded to `digits`. The random draws come in that
 * order, so each scenario's series is what it was when it was written out in full.
 */
function wanderingLatency(
  random: Random,
  layout: Layout,
  o: { level: number; daily: number; wander: number; noise: number; spikes: { share: number; times: [number, number] }; incident: () => number; what: string; max: number; digits: number },
): { values: Float64Array; incidents: Incident[] } {
  const n = layout.slots;
  const wander = ar1(random, n, 0.9);
  const values = new Float64Array(n);
  const normal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    normal[i] = o.level * (1 + o.daily * daily(hourOf(layout, i))) * Math.exp(o.wander * wander[i]! + o.noise * random.normal());
    values[i] = normal[i]! * (random.chance(o.spikes.share) ? random.uniform(...o.spikes.times) : 1);
  }
  const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 20, maxMinutes: 60, what: o.what });
  for (const w of incidents) {
    const factor = o.incident();
    for (let i = w.start; i < w.end; i++) values[i] = normal[i]! * factor;
  }
  for (let i = 0; i < n; i++) values[i] = round(Math.min(o.max, values[i]!), o.digits);
  return { values, incidents };
}

/**
 * An ALB's TargetResponseTime p99 (seconds), every minute (a public site always has requests):
 * 0.45 s at night to 0.55 s at the afternoon peak, log-normal noise that wanders, and 1% of
 * minutes with a tail spike ×2–6. An incident is a slow dependency: p99 ×3–5 for 20–60 minutes.
 */
export const heavyTailLatency: Scenario = {
  id: 'heavy-tail-latency',
  shape: 'heavy-tail',
  target: { resourceType: 'elasticloadbalancing:alb', alarm: 'elasticloadbalancing-alb/target-response-time', name: 'storefront' },
  period: 60,
  bounds: { min: 0, max: 60, why: 'the load balancer’s idle timeout (60 s, the default) ends any longer response' },
  summary: 'ALB p99 response time ~0.5 s, log-normal, with one-minute tail spikes ×2–6 in 1% of minutes.',
  incidents: 'A slow dependency: p99 ×3–5 for 20–60 min.',
  make(random, layout) {
    return wanderingLatency(random, layout, {
      level: 0.45,
      daily: 0.25,
      wander: 0.2,
      noise: 0.15,
      spikes: { share: 0.01, times: [2, 6] },
      incident: () => random.uniform(3, 5),
      what: this.incidents,
      max: 60,
      digits: 4,
    });
  },
};

/**
 * A Lambda function's Duration p90 (ms), published for minutes with invocations (2–60 a
 * minute, none in some night minutes): warm invocations take ~320 ms, but when traffic is
 * thin a larger share are cold starts (+800 ms), so p90 is ~1.1 s at night and ~0.3 s by day:
 * a daily cycle upside down. The function's timeout is 6 s (tag obsgen:timeout-ms). An
 * incident is a slow downstream: durations ×3 for 20–60 minutes.
 */
export const dailyDuration: Scenario = {
  id: 'daily-duration',
  shape: 'daily-seasonality',
  target: { resourceType: 'lambda:function', alarm: 'lambda-function/duration', name: 'pricing-quote', tags: { 'obsgen:timeout-ms': '6000' } },
  period: 60,
  bounds: { min: 0, max: 6000, why: 'Lambda stops an invocation at its timeout (6,000 ms here)' },
  summary: 'Lambda p90 duration: ~0.3 s by day, ~1.1 s at night (cold starts when traffic is thin).',
  incidents: 'A slow downstream: durations ×3 for 20–60 min.',
  make(random, layout) {
    const n = layout.slots;
    const values = new Float64Array(n);
    const calls = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      calls[i] = random.poisson(60 * (0.03 + 0.97 * daily(hourOf(layout, i)) ** 1.3) * weekly(weekdayOf(layout, i)));
      if (calls[i] === 0) {
        values[i] = NaN;
        continue;
      }
      // About two cold starts a minute whatever the traffic: above 10% of calls, p90 is a cold one.
      const coldShare = Math.min(1, random.poisson(2) / calls[i]!);
      const warm = 320 * Math.exp(0.12 * random.normal());
      values[i] = coldShare > 0.1 ? warm + 800 * random.uniform(0.8, 1.2) : warm;
    }
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 20, maxMinutes: 60, what: this.incidents });
    for (const w of incidents) for (let i = w.start; i < w.end; i++) if (!Number.isNaN(values[i]!)) values[i] = values[i]! * 3;
    for (let i = 0; i < n; i++) values[i] = round(Math.min(6000, values[i]!), 1);
    return { values, incidents };
  },
};

/**
 * A busy Lambda function's Duration p90 (ms) where nobody tagged the timeout: the common case, as
 * the tagging API's listing does not carry a function's timeout and teams seldom copy it into a
 * tag. An API backend called 100–1,000 times a minute day and night: cold starts are a few a
 * minute, under a tenth of the calls, so p90 is a warm invocation's, ~140 ms, a little slower at
 * the afternoon peak (busier downstreams), with log-normal noise that wanders and, in 0.5% of
 * minutes, a burst of cold starts (a scale-out) that doubles or triples that minute's p90. The
 * timeout is AWS's default, 3 s. An incident is a slow downstream: durations ×3 for 20–60
 * minutes, as in daily-duration.
 */
export const untaggedDuration: Scenario = {
  id: 'untagged-duration',
  shape: 'daily-seasonality',
  target: { resourceType: 'lambda:function', alarm: 'lambda-function/duration', name: 'catalog-api' },
  period: 60,
  bounds: { min: 0, max: 3000, why: 'Lambda stops an invocation at its timeout (AWS’s default, 3,000 ms here)' },
  summary: 'Busy Lambda p90 duration ~140 ms (warm), no timeout tag; one-minute scale-out bursts ×2–3 in 0.5% of minutes.',
  incidents: 'A slow downstream: durations ×3 for 20–60 min.',
  make(random, layout) {
    return wanderingLatency(random, layout, {
      level: 140,
      daily: 0.15,
      wander: 0.1,
      noise: 0.06,
      spikes: { share: 0.005, times: [2, 3] },
      incident: () => 3,
      what: this.incidents,
      max: 3000,
      digits: 1,
    });
  },
};

/**
 * A REST API's Latency p90 (ms), every minute (machine clients call it day and night): about
 * 180 ms at night and 235 ms at the peak, log-normal noise that wanders. Its incidents are a
 * degraded database: p90 ×3–4. One lasts 3–6 hours inside the tuning lookback (history), one
 * lasts 3–6 hours early in the replayed part (so nightly re-tuning sees it), and a later one
 * lasts 30–90 minutes.
 */
export const longIncidentLatency: Scenario = {
  id: 'long-incident-latency',
  shape: 'long-incident',
  target: { resourceType: 'apigateway:rest-stage', alarm: 'apigateway-rest-stage/latency', name: 'accounts-api' },
  period: 60,
  bounds: { min: 0, max: 30_000, why: 'the REST integration timeout (29 s) plus API Gateway’s own overhead' },
  summary: 'REST API p90 latency ~180–235 ms, log-normal; a multi-hour incident in the lookback and early in the replay.',
  incidents: 'A degraded database: p90 ×3–4 for 3–6 h (history and early replay), then 30–90 min later on.',
  make(random, layout) {
    const n = layout.slots;
    const wander = ar1(random, n, 0.9);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = 180 * (1 + 0.3 * daily(hourOf(layout, i))) * Math.exp(0.12 * wander[i]! + 0.08 * random.normal());
    const incidents = placeIncidents(random, layout, { history: 1, replay: 2, minMinutes: 180, maxMinutes: 360, what: this.incidents });
    // The last one is the later, shorter incident.
    const later = incidents[incidents.length - 1]!;
    later.end = later.start + random.int(slots(layout, 30), slots(layout, 90));
    for (const w of incidents) {
      const factor = random.uniform(3, 4);
      for (let i = w.start; i < w.end; i++) values[i] = values[i]! * factor;
    }
    for (let i = 0; i < n; i++) values[i] = round(values[i]!, 1);
    return { values, incidents };
  },
};
