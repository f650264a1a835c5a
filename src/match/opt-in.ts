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
  return ctx.rules.some(
    (r) =>
      ruleNames(r, blueprint, spec) &&
      (r.applications === undefined || r.applications.includes(ctx.app)) &&
      (r.environments === undefined || (ctx.env !== undefined && r.environments.includes(ctx.env))),
  );
}
