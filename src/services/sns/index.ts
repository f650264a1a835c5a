import type { Service } from '../service.js';
import { snsTopic } from './resource-types.js';

/** Amazon SNS. */
export const sns: Service = {
  id: 'sns',
  types: [snsTopic],
  blueprints: ['sns-topic.yaml'],
  examples: {
    'sns:topic': {
      sample: { arn: 'arn:aws:sns:eu-west-1:123456789012:alerts', name: 'alerts', dimensions: [['TopicName', 'alerts']] },
      make: (a, r, n) => ({ arn: `arn:aws:sns:${r}:${a}:${n}` }),
    },
  },
};
