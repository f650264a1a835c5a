import type { Service } from '../service.js';
import { ecsService } from './resource-types.js';

/** Amazon ECS. */
export const ecs: Service = {
  id: 'ecs',
  types: [ecsService],
  blueprints: ['ecs-service.yaml'],
  examples: {
    'ecs:service': {
      sample: { arn: 'arn:aws:ecs:eu-west-1:123456789012:service/prod-cluster/web_api', name: 'prod-cluster/web_api', dimensions: [['ClusterName', 'prod-cluster'], ['ServiceName', 'web_api']], extra: { attributes: { cluster: 'prod-cluster', service: 'web_api' } } },
      make: (a, r, n) => ({ arn: `arn:aws:ecs:${r}:${a}:service/main/${n}` }),
    },
  },
};
