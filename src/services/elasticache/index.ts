import type { Service } from '../service.js';
import { lower } from '../synthetic-names.js';
import { elasticacheCluster } from './resource-types.js';

/** Amazon ElastiCache. */
export const elasticache: Service = {
  id: 'elasticache',
  types: [elasticacheCluster],
  blueprints: ['elasticache-cluster.yaml'],
  examples: {
    'elasticache:cluster': {
      sample: { arn: 'arn:aws:elasticache:eu-west-1:123456789012:cluster:sessions-001', name: 'sessions-001', dimensions: [['CacheClusterId', 'sessions-001']] },
      make: (a, r, n) => ({ arn: `arn:aws:elasticache:${r}:${a}:cluster:${lower(n, 40)}` }),
    },
  },
};
