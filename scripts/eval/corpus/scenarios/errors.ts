/**
 * Error and throttle counts: whole numbers, mostly 0, with sporadic ones that nobody needs to
 * hear about (a retried timeout) and bursts that somebody does. Services publish these only
 * when there was traffic (Lambda, API Gateway, Step Functions) or only when there was an event
 * (DynamoDB throttles), so quiet periods are missing data.
 */
import { daily, hourOf, slotsPerDay, weekdayOf, weekly } from '../clock.js';
import { placeIncidents } from '../incidents.js';
import type { Layout, Random, Scenario } from '../types.js';

/** Requests (invocations, executions) in each slot: Poisson around a daily and weekly cycle. */
export function traffic(random: Random, layout: Layout, peak: number): Float64Array {
  const out = new Float64Array(layout.slots);
  for (let i = 0; i < layout.slots; i++) {
    out[i] = random.poisson(peak * (0.03 + 0.97 * daily(hourOf(layout, i)) ** 1.3) * weekly(weekdayOf(layout, i)));
  }
  return out;
}

/** Binomial draw: how many of `n` independent requests fail with probability p. */
export function failures(random: Random, n: number, p: number): number {
  if (n * p > 30) return Math.max(0, Math.min(n, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * random.normal())));
  let k = 0;
  for (let j = 0; j < n; j++) if (random.chance(p)) k++;
  return k;
}

/**
 * A Lambda function behind an API: 4–120 invocations a minute; Errors (Sum) is published for
 * every minute with invocations, and 0.15% of invocations fail (a downstream timeout the
 * caller retries), so most minutes read 0 and some 1–3; about once a day a downstream hiccup
 * adds 1–3 errors in one or two minutes. An incident is a bad deploy or a dependency down:
 * 30–100% of invocations fail for 10–40 minutes.
 */
export const zeroInflatedErrors: Scenario = {
  id: 'zero-inflated-errors',
  shape: 'zero-inflated',
  target: { resourceType: 'lambda:function', alarm: 'lambda-function/errors', name: 'checkout-api' },
  period: 60,
  bounds: { min: 0, max: 30_000, why: 'Errors ≤ Invocations: reserved concurrency 50 × invocations of at least 100 ms is at most 30,000 a minute' },
  summary: 'Lambda errors per minute: mostly 0, sometimes 1–3; no datapoint when not invoked.',
  incidents: '30–100% of invocations fail for 10–40 min (bad deploy, dependency down).',
  make(random, layout) {
    const calls = traffic(random, layout, 120);
    const values = new Float64Array(layout.slots);
    for (let i = 0; i < layout.slots; i++) values[i] = calls[i] === 0 ? NaN : failures(random, calls[i]!, 0.0015);
    const day = slotsPerDay(layout);
    for (let d = 0; d * day < layout.slots; d++) {
      if (!random.chance(0.9)) continue;
      const at = d * day + random.int(0, day - 2);
      const length = random.int(1, 2);
      for (let k = 0; k < length; k++) if (calls[at + k]! > 0) values[at + k] = Math.min(calls[at + k]!, values[at + k]! + random.int(1, 3));
    }
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 10, maxMinutes: 40, what: this.incidents });
    for (const w of incidents) {
      const share = random.uniform(0.3, 1);
      for (let i = w.start; i < w.end; i++) if (calls[i]! > 0) values[i] = failures(random, calls[i]!, share);
    }
    return { values, incidents };
  },
};

/**
 * A DynamoDB table (ReadThrottleEvents, Sum): DynamoDB publishes the metric only for minutes
 * with throttled reads, so the series is mostly missing (= none); 1% of minutes see 1–3
 * throttled reads from a hot key's micro-burst, sometimes over two or three minutes. An
 * incident is a hot partition or exhausted capacity in a surge: 20–400 throttled reads every
 * minute for 15–60 minutes.
 */
export const zeroInflatedThrottles: Scenario = {
  id: 'zero-inflated-throttles',
  shape: 'zero-inflated',
  target: { resourceType: 'dynamodb:table', alarm: 'dynamodb-table/read-throttles', name: 'sessions' },
  period: 60,
  bounds: { min: 0, max: 600_000, why: 'throttled reads ≤ reads: this table serves under 10,000 reads a second' },
  summary: 'DynamoDB read throttles: no datapoint most minutes, 1–3 in 1% of them.',
  incidents: 'Hot partition or exhausted capacity: 20–400 throttled reads a minute for 15–60 min.',
  make(random, layout) {
    const n = layout.slots;
    const values = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      if (!random.chance(0.01)) continue;
      // A micro-burst lasts one minute, sometimes two or three.
      for (let k = 0; i + k < n && (k === 0 || random.chance(0.35)); k++) values[i + k] = random.int(1, 3);
    }
    const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: 15, maxMinutes: 60, what: this.incidents });
    for (const w of incidents) {
      const level = random.uniform(20, 400);
      for (let i = w.start; i < w.end; i++) values[i] = Math.max(1, Math.round(level * Math.exp(0.4 * random.normal())));
    }
    return { values, incidents };
  },
};

/**
 * A REST API's requests and 5xx answers (Count and 5XXError, both Sum: the alarm's raw metrics;
 * the evaluation computes the alarm's expression, guard included, from them), published for
 * minutes with requests (8–400 a minute): 0.1% of requests fail (integration timeouts), so
 * quiet minutes jump to 1/8 on a single failure; two to four times a day a deploy or a burst of
 * Lambda cold starts gives one or two minutes at 5–40%. None of it is an incident. (Until the
 * evaluation computed math alarms from their metrics, this series was the 5xx share itself,
 * without the alarm's guard; the draws are the same.)
 */
export const spiky5xx: Scenario = {
  id: 'spiky-5xx',
  shape: 'spikes-not-incidents',
  target: { resourceType: 'apigateway:rest-stage', alarm: 'apigateway-rest-stage/server-errors', name: 'billing-api' },
  period: 60,
  bounds: { min: 0, max: 1, why: 'the alarm’s 5XXError / Count (both Sum) is the share of requests answered 5xx' },
  summary: 'REST API 5xx share: ~0.1%, with 1–2-minute spikes to 5–40% a few times a day.',
  incidents: '',
  make(random, layout) {
    const calls = traffic(random, layout, 400);
    const errors = new Float64Array(layout.slots);
    for (let i = 0; i < layout.slots; i++) errors[i] = calls[i] === 0 ? NaN : failures(random, calls[i]!, 0.001);
    const day = slotsPerDay(layout);
    for (let d = 0; d * day < layout.slots; d++) {
      for (let k = random.int(2, 4); k > 0; k--) {
        const at = d * day + random.int(0, day - 2);
        const share = random.uniform(0.05, 0.4);
        const length = random.int(1, 2);
        for (let j = 0; j < length; j++) if (calls[at + j]! > 0) errors[at + j] = failures(random, calls[at + j]!, share);
      }
    }
    // API Gateway publishes nothing for a minute without requests.
    return { metrics: { Count: calls.map((c) => (c === 0 ? NaN : c)), '5XXError': errors }, incidents: [] };
  },
};

/**
 * A Step Functions workflow (ExecutionsFailed, Sum over 5 minutes), published for periods with
 * executions (up to ~60 per 5 minutes): 0.2% of executions fail on bad input and go to a
 * retry queue, and about once a day a batch of bad records fails 1–5 executions in one or two
 * periods. Handled by the retry process; none of it is an incident.
 */
export const spikyFailures: Scenario = {
  id: 'spiky-failures',
  shape: 'spikes-not-incidents',
  target: { resourceType: 'states:stateMachine', alarm: 'step-functions-state-machine/executions-failed', name: 'order-fulfilment' },
  period: 300,
  bounds: { min: 0, max: 10_000, why: 'failed executions ≤ executions started: this workflow starts fewer than 10,000 per 5 minutes' },
  summary: 'Step Functions failed executions per 5 min: mostly 0, a batch of 1–5 bad records about once a day.',
  incidents: '',
  make(random, layout) {
    const runs = traffic(random, layout, 60);
    const values = new Float64Array(layout.slots);
    for (let i = 0; i < layout.slots; i++) values[i] = runs[i] === 0 ? NaN : failures(random, runs[i]!, 0.002);
    const day = slotsPerDay(layout);
    for (let d = 0; d * day < layout.slots; d++) {
      if (!random.chance(0.9)) continue;
      const at = d * day + random.int(0, day - 2);
      const length = random.int(1, 2);
      for (let j = 0; j < length; j++) values[at + j] = (Number.isNaN(values[at + j]!) ? 0 : values[at + j]!) + random.int(1, 5);
    }
    return { values, incidents: [] };
  },
};
