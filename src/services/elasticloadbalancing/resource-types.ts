import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

export const LOAD_BALANCER_TAG = 'obsgen:load-balancer';

// loadbalancer/app|net/<name>/<id>; the LoadBalancer dimension is exactly `app/<name>/<id>`.
const LOAD_BALANCER = /^loadbalancer\/(app|net|gwy)\/([A-Za-z0-9-]{1,32})\/([0-9a-f]{16})$/;
const TARGET_GROUP = /^targetgroup\/([A-Za-z0-9-]{1,32})\/([0-9a-f]{16})$/;
// A load balancer ARN (in the target group's account and region) or its dimension value,
// as a hint tag may give it; anything else in the tag is rejected.
const LB_VALUE = /^(?:arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):(\d{12}):loadbalancer\/)?((app|net)\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16})$/;

function loadBalancer(kind: 'app' | 'net', id: string, label: string, namespace: string): ResourceType {
  return {
    id,
    label,
    service: 'elasticloadbalancing',
    taggingFilter: 'elasticloadbalancing:loadbalancer',
    namespace,
    docs: { arn: `\`loadbalancer/${kind}/<name>/<id>\``, dimensions: 'LoadBalancer' },
    recognise(arn) {
      const m = LOAD_BALANCER.exec(arn.resource);
      if (!m || (m[1] !== kind && !(kind === 'app' && m[1] === 'gwy'))) return undefined;
      if (m[1] === 'gwy') return unsupported('elasticloadbalancing:gateway', 'Gateway Load Balancers are not supported');
      const value = `${m[1]}/${m[2]}/${m[3]}`;
      return found(m[2]!, [['LoadBalancer', value]]);
    },
  };
}

/** An Application Load Balancer, measured by `LoadBalancer` = `app/<name>/<id>`. */
export const applicationLoadBalancer = loadBalancer('app', 'elasticloadbalancing:alb', 'Application Load Balancer', 'AWS/ApplicationELB');

/** A Network Load Balancer, measured by `LoadBalancer` = `net/<name>/<id>`. */
export const networkLoadBalancer = loadBalancer('net', 'elasticloadbalancing:nlb', 'Network Load Balancer', 'AWS/NetworkELB');

/**
 * A target group. Its health metrics need the load balancer too (`TargetGroup` and
 * `LoadBalancer`), and which load balancer's namespace (ALB or NLB) follows from it.
 */
export const targetGroup: ResourceType = {
  id: 'elasticloadbalancing:targetgroup',
  label: 'Target group',
  service: 'elasticloadbalancing',
  taggingFilter: 'elasticloadbalancing:targetgroup',
  namespace: 'AWS/ApplicationELB',
  docs: { arn: '`targetgroup/<name>/<id>`', namespace: 'AWS/ApplicationELB or AWS/NetworkELB', dimensions: 'TargetGroup, LoadBalancer (tag `obsgen:load-balancer`)' },
  hintTags: [{ tag: LOAD_BALANCER_TAG, description: 'The load balancer in front of the target group (its ARN or `app/<name>/<id>`). The live source fills it in.' }],
  recognise(arn, tags) {
    const m = TARGET_GROUP.exec(arn.resource);
    if (!m) return undefined;
    const lb = LB_VALUE.exec(tags.get(LOAD_BALANCER_TAG) ?? '');
    const elsewhere = lb?.[1] !== undefined && (lb[1] !== arn.region || lb[2] !== arn.account);
    if (!lb || elsewhere) {
      return unsupported(
        'elasticloadbalancing:targetgroup',
        `target group metrics also need its load balancer: tag it with ${LOAD_BALANCER_TAG} (the ARN of a load balancer in the same account and region), or use the live source`,
      );
    }
    return found(m[1]!, [['TargetGroup', `targetgroup/${m[1]}/${m[2]}`], ['LoadBalancer', lb[3]!]], {
      namespace: lb[4] === 'net' ? 'AWS/NetworkELB' : 'AWS/ApplicationELB',
      attributes: { loadBalancerType: lb[4] === 'net' ? 'network' : 'application' },
    });
  },
};
