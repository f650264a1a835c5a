import type { Comparison } from './types.js';

/** What values an alarm's metric can take at all (a percentage: 0 to 100). */
export interface ValueRange {
  min?: number;
  max?: number;
  /**
   * A maximum the metric passes on some resources only: ECS reports CPU and memory as a share of
   * what the tasks reserve, which never passes 100 on Fargate or under a hard limit, but does
   * where tasks may use more than they reserve (EC2 launch type). Nothing in a resource's ARN or
   * tags says which, so its history does (`rangeSeen`).
   */
  softMax?: number;
  /** Set by `rangeSeen`: `max` is a soft maximum this history never passed. */
  maxUnseen?: true;
}

/**
 * The range a tuning decision judges its candidates by, given the metric's history: a soft
 * maximum is the maximum unless the history has passed it. Checked against what the metric did,
 * so that a threshold above it can fire: one proposed beyond a value the metric has never
 * exceeded, on a service that may be capped there, is an alarm that may never fire (eval:
 * leak-memory, a forced percentile proposed 147% on a Fargate service killed at 100%).
 */
export function rangeSeen(range: ValueRange | undefined, values: Float64Array | undefined): ValueRange | undefined {
  if (range?.softMax === undefined) return range;
  const { softMax, ...rest } = range;
  if (values) for (const v of values) if (v > softMax) return rest;
  return values ? { ...rest, max: softMax, maxUnseen: true } : rest;
}

/** Whether an alarm with this threshold can fire at all, given the metric's range. */
export function reachable(threshold: number, comparison: Comparison, range: ValueRange | undefined): string | undefined {
  if (!range) return undefined;
  const { min, max } = range;
  const above = range.maxUnseen
    ? `unreachable: this metric passes ${max} only on resources whose history does, and this history never has`
    : `unreachable: the metric never exceeds ${max}`;
  switch (comparison) {
    case 'GreaterThanThreshold':
      return max !== undefined && threshold >= max ? above : undefined;
    case 'GreaterThanOrEqualToThreshold':
      return max !== undefined && threshold > max ? above : undefined;
    case 'LessThanThreshold':
      return min !== undefined && threshold <= min ? `unreachable: the metric never goes below ${min}` : undefined;
    case 'LessThanOrEqualToThreshold':
      return min !== undefined && threshold < min ? `unreachable: the metric never goes below ${min}` : undefined;
  }
}
