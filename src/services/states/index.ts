import type { Service } from '../service.js';
import { fit } from '../synthetic-names.js';
import { stepFunctionsStateMachine } from './resource-types.js';

/** AWS Step Functions. */
export const states: Service = {
  id: 'states',
  types: [stepFunctionsStateMachine],
  blueprints: ['step-functions-logs.yaml', 'step-functions-state-machine.yaml'],
  examples: {
    'states:stateMachine': {
      sample: { arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:order-flow', name: 'order-flow', dimensions: [['StateMachineArn', 'arn:aws:states:eu-west-1:123456789012:stateMachine:order-flow']] },
      make: (a, r, n) => ({ arn: `arn:aws:states:${r}:${a}:stateMachine:${fit(n, 80)}` }),
    },
  },
};
