import type { Blueprint } from '../blueprints/types.js';
import { allAlarmSpecs } from '../blueprints/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { compare } from '../util/compare.js';
import { configLocation } from './load.js';
import type { Config } from './types.js';

/**
 * Checks what the config says about blueprints' alarms against the blueprints loaded: every
 * `enable` rule must name an opt-in alarm, and every `tuning.policies` key an alarm as
 * `<blueprint-id>/<alarm-id>`. A name that matches nothing is a typo that would silently leave
 * an alarm off (or untuned): the config is the platform team's, so it stops the run.
 */
export function checkAlarmReferences(config: Config, blueprints: readonly Blueprint[], diags: Diagnostics): void {
  const alarms = blueprints.flatMap((b) => allAlarmSpecs(b).map((spec) => ({ blueprint: b.id, spec })));
  const optIn = [...new Set(alarms.filter((a) => a.spec.optIn).map((a) => a.spec.id))].sort(compare);
  config.enable.forEach((rule, i) =>
    rule.alarms.forEach((name, j) => {
      const named = alarms.filter((a) => name === a.spec.id || name === `${a.blueprint}/${a.spec.id}`);
      const at = configLocation(config, ['enable', i, 'alarms', j]);
      if (named.length === 0) diags.error(`no blueprint has an alarm ${JSON.stringify(name)} (opt-in alarms: ${optIn.join(', ') || 'none'})`, at);
      else if (!named.some((a) => a.spec.optIn)) diags.error(`alarm ${JSON.stringify(name)} is on by default: \`enable\` is for opt-in alarms (${optIn.join(', ') || 'none'})`, at);
    }),
  );
  for (const [key, policy] of config.tuning.policies) {
    const target = alarms.find((a) => key === `${a.blueprint}/${a.spec.id}`);
    if (target) {
      // What the blueprint loader checks of a blueprint's own tuning, for the alarm it replaces.
      const at = (...path: (string | number)[]) => configLocation(config, ['tuning', 'policies', key, ...path]);
      const { spec } = target;
      if (policy.band && spec.math) diags.error('an anomaly detection band needs the alarm to watch one metric, not math', at('band'));
      if (policy.bandFill !== undefined && !policy.band) diags.error('bandFill fills the gaps of an anomaly detection band; set band too', at('bandFill'));
      if (policy.withoutTag !== undefined && policy.policy !== 'relative-to-tag') diags.error('withoutTag is for the relative-to-tag policy: the policy a resource without its tag falls back to', at('withoutTag'));
      (policy.evaluations ?? []).forEach((e, i) => {
        if (e.datapointsToAlarm > e.evaluationPeriods) diags.error(`datapointsToAlarm (${e.datapointsToAlarm}) exceeds evaluationPeriods (${e.evaluationPeriods})`, at('evaluations', i, 'datapointsToAlarm'));
        if (e.evaluationPeriods <= spec.evaluationPeriods) diags.error(`an alternative evaluation must be longer than the alarm's own ${spec.evaluationPeriods} periods`, at('evaluations', i, 'evaluationPeriods'));
        if (spec.period * e.evaluationPeriods > 86_400) diags.error(`period × evaluationPeriods is ${spec.period * e.evaluationPeriods} s; CloudWatch allows at most 86400 s`, at('evaluations', i, 'evaluationPeriods'));
      });
    } else {
      const [blueprint] = key.split('/');
      const known = alarms.filter((a) => a.blueprint === blueprint).map((a) => a.spec.id);
      diags.error(
        known.length ? `blueprint ${blueprint} has no alarm ${JSON.stringify(key.slice(blueprint!.length + 1))} (its alarms: ${known.sort(compare).join(', ')})` : `no blueprint ${JSON.stringify(blueprint)}: tuning policies are keyed "<blueprint-id>/<alarm-id>"`,
        configLocation(config, ['tuning', 'policies', key]),
      );
    }
  }
}
