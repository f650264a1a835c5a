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

/**
 * The lowest objective obsgen takes. The fastest burn rate (14.4) must stay below a failure
 * share of 100% for its alarms to be reachable: 14.4 × (100% − 93.06%) = 100%. 95% leaves room.
 */
export const MIN_OBJECTIVE = 95;
/** The highest: 99.999% (five nines) still leaves a budget the alarms can measure. */
export const MAX_OBJECTIVE = 99.999;

/**
 * A resource's objectives: its `obsgen:slo:*` tags, else the first config `slos` rule that
 * applies to its application and environment and sets that objective.
 */
export function objectivesFor(app: string, env: string | undefined, rules: readonly SloRule[], tagged: Objectives): Objectives {
  const out: Objectives = { ...tagged };
  rules.forEach((rule, i) => {
    if (!ruleCovers(rule, app, env)) return;
    const from = `config slos[${i}]`;
    if (!out.availability && rule.availability !== undefined) out.availability = { target: rule.availability, from };
    if (!out.latency && rule.latency) out.latency = { target: rule.latency.objective, thresholdMs: rule.latency.thresholdMs, from };
  });
  return out;
}
