import { found } from '../service.js';
import type { ResourceType } from '../service.js';

// db:<identifier> and cluster:<identifier>: 1-63 letters, digits and hyphens.
const DB = /^db:([A-Za-z][A-Za-z0-9-]{0,62})$/;
const CLUSTER = /^cluster:([A-Za-z][A-Za-z0-9-]{0,62})$/;

/** An RDS (or Aurora) DB instance, measured by `DBInstanceIdentifier`. */
export const rdsInstance: ResourceType = {
  id: 'rds:db',
  label: 'RDS DB instance',
  service: 'rds',
  taggingFilter: 'rds:db',
  namespace: 'AWS/RDS',
  docs: { arn: '`db:<id>`', dimensions: 'DBInstanceIdentifier' },
  recognise(arn) {
    const m = DB.exec(arn.resource);
    return m ? found(m[1]!, [['DBInstanceIdentifier', m[1]!]]) : undefined;
  },
};

/** An Aurora DB cluster, measured by `DBClusterIdentifier`. */
export const auroraCluster: ResourceType = {
  id: 'rds:cluster',
  label: 'Aurora DB cluster',
  service: 'rds',
  taggingFilter: 'rds:cluster',
  namespace: 'AWS/RDS',
  docs: { arn: '`cluster:<id>`', dimensions: 'DBClusterIdentifier' },
  recognise(arn) {
    const m = CLUSTER.exec(arn.resource);
    return m ? found(m[1]!, [['DBClusterIdentifier', m[1]!]]) : undefined;
  },
};
