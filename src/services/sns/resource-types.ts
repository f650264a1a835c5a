import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

// The resource part is the topic name (1-256 of [A-Za-z0-9_-], FIFO topics end in .fifo);
// a subscription ARN has the topic name and a subscription id.
const TOPIC = /^([A-Za-z0-9_-]{1,251}(?:\.fifo)?|[A-Za-z0-9_-]{1,256})$/;

/** An SNS topic, measured by `TopicName`. */
export const snsTopic: ResourceType = {
  id: 'sns:topic',
  label: 'SNS topic',
  service: 'sns',
  taggingFilter: 'sns',
  namespace: 'AWS/SNS',
  docs: { arn: '`<name>`', dimensions: 'TopicName' },
  recognise(arn) {
    const m = TOPIC.exec(arn.resource);
    if (m) return found(m[1]!, [['TopicName', m[1]!]]);
    return /^[A-Za-z0-9_.-]+:[0-9a-f-]{36}$/.test(arn.resource) ? unsupported('sns:subscription', 'a subscription; obsgen monitors the topic') : undefined;
  },
};
