import type { Comparison } from '../blueprints/types.js';
import type { ThresholdProvenance } from '../tune/types.js';
import { formatNumber } from '../util/numbers.js';

const OPERATORS: Record<Comparison, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

/** `>`, `>=`, `<`, `<=` for a comparison operator. */
export function operatorSymbol(comparison: Comparison): string {
  return OPERATORS[comparison];
}

/** Whether the alarm fires on high values (as opposed to low ones). */
export function isUpperBound(comparison: Comparison): boolean {
  return comparison.startsWith('Greater');
}

/** Where a threshold came from, in full (for docs and the manifest). */
export function describeProvenance(p: ThresholdProvenance): string {
  switch (p.kind) {
    case 'default':
      return `default: ${p.source}`;
    case 'tag':
      return `set by tag ${p.tag} (default ${formatNumber(p.defaultValue)})`;
    case 'tuned':
      return `tuned (${p.policy}): ${p.reason}; default ${formatNumber(p.defaultValue)}`;
    case 'fallback':
      return `default ${formatNumber(p.defaultValue)}, not tuned (${p.policy}): ${p.reason}`;
    case 'kept':
      return `kept from the previous run: ${p.reason}; default ${formatNumber(p.defaultValue)}`;
  }
}

/** Where a threshold came from, briefly (for alarm descriptions, which are limited to 1,024 characters). */
export function shortProvenance(p: ThresholdProvenance): string {
  switch (p.kind) {
    case 'default':
      return 'blueprint default';
    case 'tag':
      return `set by tag ${p.tag}; default ${formatNumber(p.defaultValue)}`;
    case 'tuned':
    case 'kept':
      // A threshold relative to a tag comes from the tag, not from history: its reason says how.
      return p.policy === 'relative-to-tag' ? `${p.reason}; default ${formatNumber(p.defaultValue)}` : `tuned from history (${p.policy}); default ${formatNumber(p.defaultValue)}`;
    case 'fallback':
      return 'blueprint default';
  }
}
