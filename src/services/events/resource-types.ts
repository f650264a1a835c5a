import { found } from '../service.js';
import type { ResourceType } from '../service.js';

// rule/<name> on the default bus, rule/<bus>/<name> on a custom bus.
const RULE = /^rule\/(?:([A-Za-z0-9._\-/]{1,256})\/)?([A-Za-z0-9._-]{1,64})$/;

/** An EventBridge rule, measured by `RuleName` (and `EventBusName` on a custom bus). */
export const eventBridgeRule: ResourceType = {
  id: 'events:rule',
  label: 'EventBridge rule',
  service: 'events',
  taggingFilter: 'events:rule',
  namespace: 'AWS/Events',
  docs: { arn: '`rule/[<bus>/]<name>`', dimensions: 'RuleName (+ EventBusName on a custom bus)' },
  recognise(arn) {
    const m = RULE.exec(arn.resource);
    if (!m) return undefined;
    const bus = m[1];
    return bus === undefined || bus === 'default'
      ? found(m[2]!, [['RuleName', m[2]!]])
      : found(`${bus}/${m[2]!}`, [['EventBusName', bus], ['RuleName', m[2]!]]);
  },
};
