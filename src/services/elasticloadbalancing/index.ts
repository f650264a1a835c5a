import type { Service } from '../service.js';
import { hex, lower } from '../synthetic-names.js';
import { applicationLoadBalancer, networkLoadBalancer, targetGroup } from './resource-types.js';

/** Elastic Load Balancing. */
export const elasticloadbalancing: Service = {
  id: 'elasticloadbalancing',
  types: [applicationLoadBalancer, networkLoadBalancer, targetGroup],
  blueprints: ['elasticloadbalancing-alb.yaml', 'elasticloadbalancing-nlb.yaml', 'elasticloadbalancing-targetgroup-http.yaml', 'elasticloadbalancing-targetgroup.yaml'],
  enrich: {
    types: ['elasticloadbalancing:targetgroup'],
    permissions: [{ actions: ['elasticloadbalancing:DescribeTargetGroups'] }],
    load: () => import('./enrich.js'),
  },
  examples: {
    'elasticloadbalancing:alb': {
      sample: { arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef', name: 'web', dimensions: [['LoadBalancer', 'app/web/0123456789abcdef']] },
      make: (a, r, n) => ({ arn: `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/app/${lower(n, 32)}/${hex(n, 16)}` }),
    },
    'elasticloadbalancing:nlb': {
      sample: { arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/edge/0123456789abcdef', name: 'edge', dimensions: [['LoadBalancer', 'net/edge/0123456789abcdef']] },
      make: (a, r, n) => ({ arn: `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/net/${lower(n, 32)}/${hex(n, 16)}` }),
    },
    'elasticloadbalancing:targetgroup': {
      sample: { arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/edge-tcp/fedcba9876543210', tags: { 'obsgen:load-balancer': 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/edge/0123456789abcdef' }, name: 'edge-tcp', dimensions: [['TargetGroup', 'targetgroup/edge-tcp/fedcba9876543210'], ['LoadBalancer', 'net/edge/0123456789abcdef']], extra: { namespace: 'AWS/NetworkELB', attributes: { loadBalancerType: 'network' } } },
      make: (a, r, n) => ({
        arn: `arn:aws:elasticloadbalancing:${r}:${a}:targetgroup/${lower(n, 32)}/${hex(n, 16)}`,
        tags: { 'obsgen:load-balancer': `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/app/${lower(`lb-${n}`, 32)}/${hex(`lb-${n}`, 16)}` },
      }),
    },
  },
};
