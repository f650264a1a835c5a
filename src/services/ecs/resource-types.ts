import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

// service/<cluster>/<service> (the long ARN format; the old one, service/<service>, lacks the cluster).
const SERVICE = /^service\/([A-Za-z0-9_-]{1,255})\/([A-Za-z0-9_-]{1,255})$/;

/** An ECS service, measured by `ClusterName` and `ServiceName`. */
export const ecsService: ResourceType = {
  id: 'ecs:service',
  label: 'ECS service',
  service: 'ecs',
  taggingFilter: 'ecs:service',
  namespace: 'AWS/ECS',
  docs: { arn: '`service/<cluster>/<service>`', dimensions: 'ClusterName, ServiceName' },
  recognise(arn) {
    const m = SERVICE.exec(arn.resource);
    if (m) return found(`${m[1]!}/${m[2]!}`, [['ClusterName', m[1]!], ['ServiceName', m[2]!]], { attributes: { cluster: m[1]!, service: m[2]! } });
    if (/^service\/[A-Za-z0-9_-]+$/.test(arn.resource)) {
      return unsupported('ecs:service', 'an ECS service ARN in the old format, without its cluster name (opt in to the long ARN format)');
    }
    return undefined;
  },
};
