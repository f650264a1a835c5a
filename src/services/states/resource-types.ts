import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

export const STATE_MACHINE_LOG_GROUP_TAG = 'obsgen:log-group';

const STATE_MACHINE = /^stateMachine:([A-Za-z0-9_.-]{1,80})$/;

/** A Step Functions state machine, measured by `StateMachineArn` (the whole ARN). */
export const stepFunctionsStateMachine: ResourceType = {
  id: 'states:stateMachine',
  label: 'Step Functions state machine',
  service: 'states',
  taggingFilter: 'states:stateMachine',
  namespace: 'AWS/States',
  docs: { arn: '`stateMachine:<name>`', dimensions: 'StateMachineArn (log group from tag `obsgen:log-group`)' },
  hintTags: [{ tag: STATE_MACHINE_LOG_GROUP_TAG, description: 'The log group the state machine logs to, when logging is configured: it gets retention and a metric filter for failed tasks.' }],
  recognise(arn) {
    const m = STATE_MACHINE.exec(arn.resource);
    if (m) {
      const full = `arn:${arn.partition}:states:${arn.region}:${arn.account}:${arn.resource}`;
      return found(m[1]!, [['StateMachineArn', full]]);
    }
    return /^(stateMachine|execution|activity|express):/.test(arn.resource)
      ? unsupported('states:other', 'a state machine version, alias, execution or activity; obsgen monitors the state machine')
      : undefined;
  },
};
