import type { SloRule } from '../config/types.js';
import { ruleCovers } from './opt-in.js';

/** A service level objective: the share of requests (in percent) that must be good over 30 days. */
export interface Objective {
  target: number;
  /** Where it was declared: `config slos[0]`, or the tag. */
  from: string;
}

/** A latency objective: good requests take `thresholdMs` or less. */
export interface LatencyObjective extends Objective {
  thresholdMs: number;
}

export interface Objectives {
  availability?: Objective;
  latency?: LatencyObjective;
}

/** What a resource's `obsgen:slo:*` tags say: an objective, or `none` (no objective, whatever the config says). */
export interface TaggedObjectives {
  availability?: Objective | 'none';
  latency?: LatencyObjective | 'none';
}

/** The value of an `obsgen:slo:*` tag that turns the config's objective off for the resource. */
export const NO_OBJECTIVE = 'none';

/**
 * The lowest objective obsgen takes. The fastest burn rate (14.4) must stay below a failure
 * share of 100% for its alarms to be reachable: 14.4 × (100% − 93.06%) = 100%. 95% leaves room.
 */
export const MIN_OBJECTIVE = 95;
/** The highest: 99.999% (five nines) still leaves a budget the alarms can measure. */
export const MAX_OBJECTIVE = 99.999;

/**
 * A resource's objectives: its `obsgen:slo:*` tags, else the first config `slos` rule that
 * applies to its application and environment and sets that objective. A tag `none` keeps the
 * config's objective off that one resource (an internal endpoint of a service with an SLO).
 */
export function objectivesFor(app: string, env: string | undefined, rules: readonly SloRule[], tagged: TaggedObjectives): Objectives {
  const out: Objectives = {};
  if (tagged.availability && tagged.availability !== NO_OBJECTIVE) out.availability = tagged.availability;
  if (tagged.latency && tagged.latency !== NO_OBJECTIVE) out.latency = tagged.latency;
  rules.forEach((rule, i) => {
    if (!ruleCovers(rule, app, env)) return;
    const from = `config slos[${i}]`;
    if (!tagged.availability && !out.availability && rule.availability !== undefined) out.availability = { target: rule.availability, from };
    if (!tagged.latency && !out.latency && rule.latency) out.latency = { target: rule.latency.objective, thresholdMs: rule.latency.thresholdMs, from };
  });
  return out;
}
