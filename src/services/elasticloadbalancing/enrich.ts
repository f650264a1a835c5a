import { ElasticLoadBalancingV2Client, paginateDescribeTargetGroups } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EnrichContext, TagMapping } from '../service.js';
import { setHintTag } from '../hint-tags.js';
import { LOAD_BALANCER_TAG } from './resource-types.js';

/** Target groups get their load balancer: their health metrics are keyed by both. */
export async function enrich(context: EnrichContext, mappings: TagMapping[]): Promise<void> {
  const loadBalancers = new Map<string, string>();
  for await (const page of paginateDescribeTargetGroups({ client: context.client(ElasticLoadBalancingV2Client, 'elasticloadbalancing') }, { PageSize: 400 })) {
    for (const tg of page.TargetGroups ?? []) {
      // A target group behind several load balancers is measured with the first (sorted).
      const lb = [...(tg.LoadBalancerArns ?? [])].sort()[0];
      if (tg.TargetGroupArn && lb) loadBalancers.set(tg.TargetGroupArn, lb);
    }
  }
  for (const m of mappings) {
    const lb = loadBalancers.get(m.ResourceARN);
    if (lb) setHintTag(m, LOAD_BALANCER_TAG, lb);
  }
}
