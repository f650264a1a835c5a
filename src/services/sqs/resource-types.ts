import { found } from '../service.js';
import type { ResourceType } from '../service.js';

// The resource part is the bare queue name: 1-80 of [A-Za-z0-9_-], FIFO queues end in `.fifo`.
const QUEUE = /^([A-Za-z0-9_-]{1,75}(?:\.fifo)?|[A-Za-z0-9_-]{1,80})$/;

/** Amazon SQS queue, measured by `QueueName`. Dead-letter queues get their own blueprint. */
export const sqsQueue: ResourceType = {
  id: 'sqs:queue',
  label: 'SQS queue',
  service: 'sqs',
  taggingFilter: 'sqs',
  namespace: 'AWS/SQS',
  docs: { arn: '`<name>`', dimensions: 'QueueName (dead-letter queues, by name, get their own blueprint)' },
  recognise(arn) {
    const m = QUEUE.exec(arn.resource);
    if (!m) return undefined;
    return found(m[1]!, [['QueueName', m[1]!]]);
  },
};
