import type { Plan } from '../match/types.js';
import type { ThresholdDecision, TunedPlan } from './types.js';

/**
 * Decides every alarm's threshold: an `obsgen:threshold:<id>` tag wins, otherwise the
 * blueprint's default.
 */
export function decideThresholds(plan: Plan): TunedPlan {
  return {
    ...plan,
    resources: plan.resources.map((r) => ({
      ...r,
      alarms: r.alarms.map((a) => {
        const threshold: ThresholdDecision = a.thresholdOverride
          ? { value: a.thresholdOverride.value, provenance: { kind: 'tag', tag: a.thresholdOverride.tag, defaultValue: a.spec.threshold } }
          : { value: a.spec.threshold, provenance: { kind: 'default', source: a.spec.source } };
        return { ...a, threshold };
      }),
    })),
  };
}
