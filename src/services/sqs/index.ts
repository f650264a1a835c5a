import type { Service } from '../service.js';
import { fit } from '../synthetic-names.js';
import { sqsQueue } from './resource-types.js';

/** Amazon SQS. */
export const sqs: Service = {
  id: 'sqs',
  types: [sqsQueue],
  blueprints: ['sqs-dead-letter-queue.yaml', 'sqs-queue.yaml'],
  examples: {
    'sqs:queue': {
      sample: { arn: 'arn:aws:sqs:eu-west-1:123456789012:orders', name: 'orders', dimensions: [['QueueName', 'orders']] },
      make: (a, r, n) => ({ arn: `arn:aws:sqs:${r}:${a}:${fit(n, 80)}` }),
    },
  },
};
