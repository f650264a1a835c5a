import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { listOf, malformed, paginate, stringOf } from '../../util/paginate.js';
import type { EnrichContext, TagMapping } from '../service.js';
import { setHintTag } from '../hint-tags.js';
import { LOAD_BALANCER_TAG } from './resource-types.js';

const API = 'elasticloadbalancing.DescribeTargetGroups';

/**
 * Target groups get their load balancer: their health metrics are keyed by both. Asked for only
 * when the Tagging API listed target groups, so an answer without its list is malformed.
 */
export async function enrich(context: EnrichContext, mappings: TagMapping[]): Promise<void> {
  const { bounds } = context;
  const client = context.client(ElasticLoadBalancingV2Client, 'elasticloadbalancing');
  const loadBalancers = new Map<string, string>();
  const pages = paginate(
    API,
    bounds,
    (marker) => client.send(new DescribeTargetGroupsCommand({ PageSize: 400, ...(marker ? { Marker: marker } : {}) }), { abortSignal: bounds.signal }),
    (answer) => answer.NextMarker,
  );
  for await (const { answer, page } of pages) {
    for (const [i, tg] of listOf(API, answer, 'TargetGroups').entries()) {
      const arn = stringOf(API, tg, 'TargetGroupArn', `target group ${i + 1} of page ${page}`);
      // A target group no load balancer uses has none (the member may be left out).
      const lbs: unknown = (tg as { LoadBalancerArns?: unknown }).LoadBalancerArns ?? [];
      if (!Array.isArray(lbs) || lbs.some((lb) => typeof lb !== 'string')) throw malformed(`${API} answered with target group ${arn} whose LoadBalancerArns is not a list of ARNs`);
      // A target group behind several load balancers is measured with the first (sorted).
      const lb = ([...lbs] as string[]).sort()[0];
      if (lb) loadBalancers.set(arn, lb);
    }
  }
  for (const m of mappings) {
    const lb = loadBalancers.get(m.ResourceARN);
    if (lb) setHintTag(m, LOAD_BALANCER_TAG, lb);
  }
}
