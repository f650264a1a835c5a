import type { Service } from '../service.js';
import { hex } from '../synthetic-names.js';
import { ec2Instance } from './resource-types.js';

/** Amazon EC2. */
export const ec2: Service = {
  id: 'ec2',
  types: [ec2Instance],
  blueprints: ['ec2-instance.yaml'],
  examples: {
    'ec2:instance': {
      sample: { arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0', name: 'i-0123456789abcdef0', dimensions: [['InstanceId', 'i-0123456789abcdef0']] },
      make: (a, r, n) => ({ arn: `arn:aws:ec2:${r}:${a}:instance/i-${hex(n, 17)}` }),
    },
  },
};
