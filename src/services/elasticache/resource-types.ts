import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

// cluster:<id> (a Memcached cluster, or a node of a Valkey/Redis OSS replication group);
// replicationgroup:<id>. Identifiers: 1-50 letters, digits and hyphens.
const CLUSTER = /^cluster:([A-Za-z][A-Za-z0-9-]{0,49})$/;
const REPLICATION_GROUP = /^replicationgroup:([A-Za-z][A-Za-z0-9-]{0,39})$/;

/** An ElastiCache cache cluster (or replication group member), measured by `CacheClusterId`. */
export const elasticacheCluster: ResourceType = {
  id: 'elasticache:cluster',
  label: 'ElastiCache cluster',
  service: 'elasticache',
  taggingFilter: 'elasticache:cluster',
  namespace: 'AWS/ElastiCache',
  docs: { arn: '`cluster:<id>`', dimensions: 'CacheClusterId' },
  recognise(arn) {
    const m = CLUSTER.exec(arn.resource);
    if (m) return found(m[1]!, [['CacheClusterId', m[1]!]]);
    if (REPLICATION_GROUP.test(arn.resource)) {
      // CloudWatch reports a replication group's engine metrics per member cluster, and every
      // member cluster is itself a tagged resource: they are monitored one by one.
      return unsupported('elasticache:replicationgroup', 'CloudWatch reports a replication group per member cluster (CacheClusterId); its member clusters are monitored as elasticache:cluster');
    }
    return undefined;
  },
};
