import type { Service } from '../service.js';
import { fit } from '../synthetic-names.js';
import { eventBridgeRule } from './resource-types.js';

/** Amazon EventBridge. */
export const events: Service = {
  id: 'events',
  types: [eventBridgeRule],
  blueprints: ['eventbridge-rule.yaml'],
  examples: {
    'events:rule': {
      sample: { arn: 'arn:aws:events:eu-west-1:123456789012:rule/nightly-report', name: 'nightly-report', dimensions: [['RuleName', 'nightly-report']] },
      make: (a, r, n) => ({ arn: `arn:aws:events:${r}:${a}:rule/${fit(n, 64)}` }),
    },
  },
};
