import type { Service } from '../service.js';
import { kinesisStream } from './resource-types.js';

/** Amazon Kinesis Data Streams. */
export const kinesis: Service = {
  id: 'kinesis',
  types: [kinesisStream],
  blueprints: ['kinesis-stream.yaml'],
  examples: {
    'kinesis:stream': {
      sample: { arn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks', name: 'clicks', dimensions: [['StreamName', 'clicks']] },
      make: (a, r, n) => ({ arn: `arn:aws:kinesis:${r}:${a}:stream/${n}` }),
    },
  },
};
