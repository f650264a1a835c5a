import type { AlarmSpec, Blueprint } from '../blueprints/types.js';
import type { EnableRule } from '../config/types.js';

/** What an opt-in alarm's owner and the resource say about it. */
export interface OptInContext {
  app: string;
  env: string | undefined;
  /** Alarm ids the resource's `obsgen:enable` tag names. */
  tagged: ReadonlySet<string>;
  rules: readonly EnableRule[];
}

/**
 * Whether a config rule scoped to applications and environments (`enable`, `slos`) covers a
 * resource: absent lists cover every one; a resource without an environment is in none named.
 */
export function ruleCovers(rule: { applications?: readonly string[]; environments?: readonly string[] }, app: string, env: string | undefined): boolean {
  return (rule.applications === undefined || rule.applications.includes(app)) && (rule.environments === undefined || (env !== undefined && rule.environments.includes(env)));
}

/** Whether an `enable` rule names this alarm: by its id, or as `<blueprint-id>/<alarm-id>`. */
export function ruleNames(rule: EnableRule, blueprint: Blueprint, spec: AlarmSpec): boolean {
  return rule.alarms.some((a) => a === spec.id || a === `${blueprint.id}/${spec.id}`);
}

/**
 * Whether an alarm is on for a resource. An alarm without `optIn` always is; an opt-in one only
 * when the resource's `obsgen:enable` tag names it, or a config `enable` rule names it for the
 * resource's application and environment (a rule without them covers every one).
 */
export function alarmIsOn(spec: AlarmSpec, blueprint: Blueprint, ctx: OptInContext): boolean {
  if (!spec.optIn) return true;
  if (ctx.tagged.has(spec.id)) return true;
  return ctx.rules.some((r) => ruleNames(r, blueprint, spec) && ruleCovers(r, ctx.app, ctx.env));
}
