import type { Service } from '../service.js';
import { fit } from '../synthetic-names.js';
import { lambdaFunction } from './resource-types.js';

/** AWS Lambda. */
export const lambda: Service = {
  id: 'lambda',
  types: [lambdaFunction],
  blueprints: ['lambda-function.yaml'],
  examples: {
    'lambda:function': {
      sample: { arn: 'arn:aws:lambda:eu-west-1:123456789012:function:checkout', name: 'checkout', dimensions: [['FunctionName', 'checkout']] },
      make: (a, r, n) => ({ arn: `arn:aws:lambda:${r}:${a}:function:${fit(n, 64)}` }),
    },
  },
};
