import { APIGatewayClient, paginateGetRestApis } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import type { EnrichContext, TagMapping } from '../service.js';
import { setHintTag } from '../hint-tags.js';
import { API_NAME_TAG, API_PROTOCOL_TAG } from './resource-types.js';

/**
 * REST API stages get their API's name (REST API metrics are keyed by the name, which the stage
 * ARN does not carry); HTTP and WebSocket APIs get their protocol, which picks the blueprint.
 */
export async function enrich(context: EnrichContext, mappings: TagMapping[]): Promise<void> {
  const restStages = mappings.filter((m) => m.ResourceARN.includes('/restapis/'));
  const apis = mappings.filter((m) => m.ResourceARN.includes('/apis/'));

  if (restStages.length > 0) {
    const names = new Map<string, string>();
    for await (const page of paginateGetRestApis({ client: context.client(APIGatewayClient, 'apigateway') }, { limit: 500 })) {
      for (const api of page.items ?? []) if (api.id && api.name) names.set(api.id, api.name);
    }
    for (const m of restStages) {
      const name = names.get(/\/restapis\/([^/]+)\//.exec(m.ResourceARN)?.[1] ?? '');
      if (name) setHintTag(m, API_NAME_TAG, name);
    }
  }

  if (apis.length > 0) {
    const client = context.client(ApiGatewayV2Client, 'apigateway');
    const protocols = new Map<string, string>();
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetApisCommand({ MaxResults: '500', ...(nextToken ? { NextToken: nextToken } : {}) }));
      for (const api of page.Items ?? []) if (api.ApiId && api.ProtocolType) protocols.set(api.ApiId, api.ProtocolType);
      nextToken = page.NextToken;
    } while (nextToken);
    for (const m of apis) {
      if (protocols.get(/\/apis\/([^/]+)$/.exec(m.ResourceARN)?.[1] ?? '') === 'WEBSOCKET') setHintTag(m, API_PROTOCOL_TAG, 'websocket');
    }
  }
}
