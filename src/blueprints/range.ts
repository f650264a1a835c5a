import type { Comparison } from './types.js';

/** What values an alarm's metric can take at all (a percentage: 0 to 100). */
export interface ValueRange {
  min?: number;
  max?: number;
}

/** Whether an alarm with this threshold can fire at all, given the metric's range. */
export function reachable(threshold: number, comparison: Comparison, range: ValueRange | undefined): string | undefined {
  if (!range) return undefined;
  const { min, max } = range;
  switch (comparison) {
    case 'GreaterThanThreshold':
      return max !== undefined && threshold >= max ? `unreachable: the metric never exceeds ${max}` : undefined;
    case 'GreaterThanOrEqualToThreshold':
      return max !== undefined && threshold > max ? `unreachable: the metric never exceeds ${max}` : undefined;
    case 'LessThanThreshold':
      return min !== undefined && threshold <= min ? `unreachable: the metric never goes below ${min}` : undefined;
    case 'LessThanOrEqualToThreshold':
      return min !== undefined && threshold < min ? `unreachable: the metric never goes below ${min}` : undefined;
  }
}
