/**
 * Error rates beside error counts: the same Lambda function's invocations and errors (the same
 * draws, `sameDrawsAs`) seen by `lambda-function/errors` (Errors, Sum: AWS's recommended
 * alarm) and by `lambda-function/error-rate` (Errors / Invocations with its guard, computed by
 * the evaluation from the two metrics). Two functions: a busy one, whose traffic follows the
 * day from ~18 invocations a minute at night to ~600 at 14:00, and a quiet one, from a few an
 * hour at night to ~8 a minute by day. Both have the same kind of noise (single failed
 * invocations, at 3 a.m. as at noon, and a daily hiccup of a few errors in a minute or two)
 * and incidents at any hour, so the same burst falls at low and at high traffic.
 */
import { slotsPerDay } from '../clock.js';
import { placeIncidents } from '../incidents.js';
import type { Generated, Layout, Random, Scenario } from '../types.js';
import { failures, traffic } from './errors.js';

interface Draws {
  invocations: Float64Array;
  errors: Float64Array;
  incidents: Generated['incidents'];
}

/**
 * A function invoked `peak` times a minute at the busiest hour (3% of that at night, about half
 * at weekends; Poisson). 0.15% of invocations fail (a downstream timeout the caller retries),
 * and (with `hiccups`) on nine days in ten a downstream hiccup adds 1–3 errors in one or two
 * minutes; none of it is an incident. An incident is a share of the invocations (drawn per
 * incident from `incident.share`) failing for `incident.minutes`. Lambda publishes Invocations
 * and Errors only for minutes with invocations.
 */
function draws(random: Random, layout: Layout, peak: number, incident: Incidents, hiccups = true): Draws {
  const calls = traffic(random, layout, peak);
  const errors = new Float64Array(layout.slots);
  for (let i = 0; i < layout.slots; i++) errors[i] = calls[i] === 0 ? NaN : failures(random, calls[i]!, 0.0015);
  const day = slotsPerDay(layout);
  for (let d = 0; hiccups && d * day < layout.slots; d++) {
    if (!random.chance(0.9)) continue;
    const at = d * day + random.int(0, day - 2);
    const length = random.int(1, 2);
    for (let k = 0; k < length; k++) if (calls[at + k]! > 0) errors[at + k] = Math.min(calls[at + k]!, errors[at + k]! + random.int(1, 3));
  }
  const incidents = placeIncidents(random, layout, { history: 0.5, replay: 2, minMinutes: incident.minutes[0], maxMinutes: incident.minutes[1], what: incident.what });
  for (const w of incidents) {
    const p = random.uniform(incident.share[0], incident.share[1]);
    for (let i = w.start; i < w.end; i++) if (calls[i]! > 0) errors[i] = failures(random, calls[i]!, p);
  }
  return { invocations: calls.map((c) => (c === 0 ? NaN : c)), errors, incidents };
}

/** What fails in an incident: a share of the invocations (drawn per incident), for so many minutes. */
interface Incidents {
  share: readonly [number, number];
  minutes: readonly [number, number];
  what: string;
}

const BUSY_INCIDENTS = '30–100% of invocations fail for 10–40 min, at any hour (bad deploy, dependency down).';
const QUIET_INCIDENTS = 'Every invocation fails for 10–40 min, at any hour (a broken deploy, a missing permission).';

const busy = (random: Random, layout: Layout) => draws(random, layout, 600, { share: [0.3, 1], minutes: [10, 40], what: BUSY_INCIDENTS });
const quiet = (random: Random, layout: Layout) => draws(random, layout, 8, { share: [1, 1], minutes: [10, 40], what: QUIET_INCIDENTS });

const lambda = { resourceType: 'lambda:function', name: 'orders-api' } as const;

/**
 * One function's draws seen twice: by the errors count (`<draws>-errors-count`) and by the
 * error rate (`<draws>-errors-rate`, the same draws through `sameDrawsAs`).
 */
function countAndRate(name: string, peak: number, summary: string, incidents: string, make: (random: Random, layout: Layout) => Draws): [Scenario, Scenario] {
  const count: Scenario = {
    id: `${name}-errors-count`,
    shape: 'zero-inflated',
    target: { ...lambda, alarm: 'lambda-function/errors' },
    period: 60,
    bounds: { min: 0, max: peak, why: `Errors ≤ Invocations: this function is invoked fewer than ${peak.toLocaleString('en-US')} times a minute` },
    summary,
    incidents,
    make(random, layout) {
      const d = make(random, layout);
      return { values: d.errors, incidents: d.incidents };
    },
  };
  const rate: Scenario = {
    id: `${name}-errors-rate`,
    shape: 'error-rate',
    target: { ...lambda, alarm: 'lambda-function/error-rate' },
    period: 60,
    bounds: { min: 0, max: 1, why: 'Errors / Invocations is a share' },
    summary: `The same function and draws as ${count.id}, seen as errors over invocations.`,
    incidents,
    sameDrawsAs: count.id,
    make(random, layout) {
      const d = make(random, layout);
      return { metrics: { Errors: d.errors, Invocations: d.invocations }, incidents: d.incidents };
    },
  };
  return [count, rate];
}

export const [busyErrorCount, busyErrorRate] = countAndRate(
  'busy',
  2_000,
  'Busy Lambda function (~18 invocations a minute at night, ~600 at 14:00): errors per minute, mostly 0–3.',
  BUSY_INCIDENTS,
  busy,
);

export const [quietErrorCount, quietErrorRate] = countAndRate(
  'quiet',
  100,
  'Quiet Lambda function (a few invocations an hour at night, ~8 a minute at 14:00): errors per minute, mostly none.',
  QUIET_INCIDENTS,
  quiet,
);

const SLOW_BURN_INCIDENTS = '1–4% of invocations fail for 2–8 hours, at any hour (a dependency degraded, one shard down): below the 5% of a rate threshold set for outages.';

/**
 * The busy function's traffic and noise (0.15% of invocations failing), and an incident of
 * another kind: a slow burn, 1–4% of invocations failing for 2–8 hours, below the 5% of a rate
 * threshold set for outages. Against a 99.5% objective it burns the budget 2–8 times as fast
 * as it may: the workbook's rates page from 6× over six hours.
 */
function slowBurn(random: Random, layout: Layout): Draws {
  return draws(random, layout, 600, { share: [0.01, 0.04], minutes: [120, 480], what: SLOW_BURN_INCIDENTS }, false);
}

export const [slowBurnErrorCount, slowBurnErrorRate] = countAndRate(
  'slow-burn',
  2_000,
  'The busy Lambda function (~18 to ~600 invocations a minute): errors per minute, mostly 0–3.',
  SLOW_BURN_INCIDENTS,
  slowBurn,
);
