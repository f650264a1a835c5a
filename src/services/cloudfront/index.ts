import type { Service } from '../service.js';
import { hex } from '../synthetic-names.js';
import { cloudfrontDistribution } from './resource-types.js';

/** Amazon CloudFront. */
export const cloudfront: Service = {
  id: 'cloudfront',
  types: [cloudfrontDistribution],
  blueprints: ['cloudfront-distribution.yaml'],
  examples: {
    'cloudfront:distribution': {
      sample: { arn: 'arn:aws:cloudfront::123456789012:distribution/E1A2B3C4D5E6F7', name: 'E1A2B3C4D5E6F7', dimensions: [['DistributionId', 'E1A2B3C4D5E6F7'], ['Region', 'Global']], extra: { region: 'us-east-1' } },
      make: (a, _r, n) => ({ arn: `arn:aws:cloudfront::${a}:distribution/E${hex(n, 13).toUpperCase()}` }),
    },
  },
};
