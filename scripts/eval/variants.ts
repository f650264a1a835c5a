/**
 * What each figure is measured for: AWS's static recommendation, obsgen as it emits today,
 * each of today's tuning policies forced onto the alarm, and the best constant threshold with
 * hindsight.
 */
import type { PolicySpec, TuningChoice } from './obsgen.js';
import { isUpper } from './types.js';
import type { Comparison } from './types.js';

export type VariantId = 'aws-static' | 'emitted' | 'percentile' | 'robust' | 'noise-budget' | 'anomaly-band' | 'hindsight';

export interface Variant {
  id: VariantId;
  label: string;
  /** One line for the method section. */
  about: string;
}

export const VARIANTS: readonly Variant[] = [
  { id: 'aws-static', label: 'AWS static', about: 'the blueprint’s default threshold and M/N with tuning disabled (`tuning.enabled: false`)' },
  { id: 'emitted', label: 'obsgen as emitted', about: 'the default config: each blueprint’s own tuning policy (or none), floors and ceilings, hysteresis' },
  { id: 'percentile', label: 'percentile', about: '`percentile` p99.9 × 1.5 forced through `tuning.policies` (p0.1 ÷ 1.5 for alarms on low values), no floor or ceiling; its candidate goes through the same checks as every tuned threshold (rejected when unreachable, always on or noisy, then the previous, default or quietest threshold; when none passes, the least noisy if it pages less than the default)' },
  { id: 'robust', label: 'robust', about: '`robust` median + 6 MAD forced (median − 6 MAD for low values), no floor or ceiling; its candidate goes through the same checks as every tuned threshold (rejected when unreachable, always on or noisy, then the previous, default or quietest threshold; when none passes, the least noisy if it pages less than the default)' },
  { id: 'noise-budget', label: 'noise-budget', about: '`noise-budget` ≤ 2 episodes over the lookback × 1.2 forced (÷ 1.2 for low values), no floor or ceiling; its candidate goes through the same checks as every tuned threshold (rejected when unreachable, always on or noisy, then the previous, default or quietest threshold; when none passes, the least noisy if it pages less than the default)' },
  { id: 'anomaly-band', label: 'anomaly band', about: 'an anomaly detection band forced on every alarm (`band: always`, its width chosen from the history by backtest against obsgen’s model; the `envelope` policy for math alarms, which get no band), replayed against the evaluation’s stand-in for CloudWatch’s model (`scripts/eval/band.ts`)' },
  { id: 'hindsight', label: 'hindsight', about: 'the best single constant threshold chosen on the replayed part itself (upper reference)' },
];

/** The variants that are obsgen runs (hindsight is not). */
export const RUN_VARIANTS: readonly VariantId[] = ['aws-static', 'emitted', 'percentile', 'robust', 'noise-budget', 'anomaly-band'];

/** How the obsgen run of a variant decides thresholds, for an alarm with this comparison. */
export function tuningFor(variant: VariantId, comparison: Comparison): TuningChoice {
  const upper = isUpper(comparison);
  const policy = (spec: PolicySpec): TuningChoice => ({ kind: 'policy', spec });
  switch (variant) {
    case 'aws-static':
      return { kind: 'off' };
    case 'emitted':
      return { kind: 'default' };
    case 'percentile':
      // The policy divides by headroom for alarms on low values; the mirror of p99.9 is p0.1.
      return policy({ policy: 'percentile', percentile: upper ? 99.9 : 0.1, headroom: 1.5 });
    case 'robust':
      return policy({ policy: 'robust', k: 6 });
    case 'noise-budget':
      return policy({ policy: 'noise-budget', maxEpisodes: 2, headroom: 1.2 });
    case 'anomaly-band':
      return policy({ policy: 'envelope', band: 'always' });
    case 'hindsight':
      throw new Error('hindsight is not an obsgen run');
  }
}
