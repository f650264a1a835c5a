import type { Service } from '../service.js';
import { lower } from '../synthetic-names.js';
import { rdsInstance, auroraCluster } from './resource-types.js';

/** Amazon RDS and Aurora. */
export const rds: Service = {
  id: 'rds',
  types: [rdsInstance, auroraCluster],
  blueprints: ['aurora-cluster.yaml', 'rds-instance.yaml'],
  examples: {
    'rds:db': {
      sample: { arn: 'arn:aws:rds:eu-west-1:123456789012:db:orders-db-1', name: 'orders-db-1', dimensions: [['DBInstanceIdentifier', 'orders-db-1']] },
      make: (a, r, n) => ({ arn: `arn:aws:rds:${r}:${a}:db:${lower(n, 63)}` }),
    },
    'rds:cluster': {
      sample: { arn: 'arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora', name: 'orders-aurora', dimensions: [['DBClusterIdentifier', 'orders-aurora']] },
      make: (a, r, n) => ({ arn: `arn:aws:rds:${r}:${a}:cluster:${lower(n, 63)}` }),
    },
  },
};
