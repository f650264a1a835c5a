import { paginateGetRestApis } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { paginateDescribeTargetGroups } from '@aws-sdk/client-elastic-load-balancing-v2';
import { API_NAME_TAG } from '../resource-types/apigateway.js';
import { LOAD_BALANCER_TAG } from '../resource-types/elasticloadbalancing.js';
import type { Clients } from './clients.js';
import type { Listing } from './tagging.js';

export const API_PROTOCOL_TAG = 'obsgen:api-protocol';

/**
 * Adds, as hint tags, what ARNs do not carry and the service APIs know: REST API names (their
 * metrics use the name), HTTP vs WebSocket APIs, a target group's load balancer. Only called
 * when the listing has such resources; values from AWS replace tags set by hand.
 */
export async function enrichListing(clients: Clients, listing: Listing): Promise<void> {
  const items = listing.ResourceTagMappingList;
  const restStages = items.filter((m) => /:apigateway:[^:]*::\/restapis\/[^/]+\/stages\//.test(m.ResourceARN));
  const apis = items.filter((m) => /:apigateway:[^:]*::\/apis\/[^/]+$/.test(m.ResourceARN));
  const targetGroups = items.filter((m) => /:elasticloadbalancing:[^:]+:\d+:targetgroup\//.test(m.ResourceARN));

  if (restStages.length > 0) {
    const names = new Map<string, string>();
    for await (const page of paginateGetRestApis({ client: clients.apigateway }, { limit: 500 })) {
      for (const api of page.items ?? []) if (api.id && api.name) names.set(api.id, api.name);
    }
    for (const m of restStages) {
      const id = /\/restapis\/([^/]+)\//.exec(m.ResourceARN)![1]!;
      const name = names.get(id);
      if (name) setTag(m, API_NAME_TAG, name);
    }
  }

  if (apis.length > 0) {
    const protocols = new Map<string, string>();
    let nextToken: string | undefined;
    do {
      const page = await clients.apigatewayv2.send(new GetApisCommand({ MaxResults: '500', ...(nextToken ? { NextToken: nextToken } : {}) }));
      for (const api of page.Items ?? []) if (api.ApiId && api.ProtocolType) protocols.set(api.ApiId, api.ProtocolType);
      nextToken = page.NextToken;
    } while (nextToken);
    for (const m of apis) {
      const id = /\/apis\/([^/]+)$/.exec(m.ResourceARN)![1]!;
      if (protocols.get(id) === 'WEBSOCKET') setTag(m, API_PROTOCOL_TAG, 'websocket');
    }
  }

  if (targetGroups.length > 0) {
    const loadBalancers = new Map<string, string>();
    for await (const page of paginateDescribeTargetGroups({ client: clients.elbv2 }, { PageSize: 400 })) {
      for (const tg of page.TargetGroups ?? []) {
        // A target group behind several load balancers is measured with the first (sorted).
        const lb = [...(tg.LoadBalancerArns ?? [])].sort()[0];
        if (tg.TargetGroupArn && lb) loadBalancers.set(tg.TargetGroupArn, lb);
      }
    }
    for (const m of targetGroups) {
      const lb = loadBalancers.get(m.ResourceARN);
      if (lb) setTag(m, LOAD_BALANCER_TAG, lb);
    }
  }
}

function setTag(m: Listing['ResourceTagMappingList'][number], key: string, value: string): void {
  m.Tags = [...m.Tags.filter((t) => t.Key !== key), { Key: key, Value: value }];
}
