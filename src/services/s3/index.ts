import type { Service } from '../service.js';
import { hex, lower } from '../synthetic-names.js';
import { s3Bucket } from './resource-types.js';

/** Amazon S3. */
export const s3: Service = {
  id: 's3',
  types: [s3Bucket],
  blueprints: ['s3-bucket.yaml'],
  examples: {
    's3:bucket': {
      sample: { arn: 'arn:aws:s3:::acme-assets.prod', name: 'acme-assets.prod', dimensions: [['BucketName', 'acme-assets.prod']], extra: { attributes: { requestMetricsFilter: 'EntireBucket' } } },
      make: (_a, _r, n) => ({ arn: `arn:aws:s3:::${lower(n, 55)}-${hex(n, 6)}` }),
    },
  },
};
