import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { listOf, paginate, stringOf } from '../../util/paginate.js';
import type { EnrichContext, TagMapping } from '../service.js';
import { setHintTag } from '../hint-tags.js';
import { API_NAME_TAG, API_PROTOCOL_TAG } from './resource-types.js';

/**
 * REST API stages get their API's name (REST API metrics are keyed by the name, which the stage
 * ARN does not carry); HTTP and WebSocket APIs get their protocol, which picks the blueprint.
 * The listings are asked for only when the Tagging API listed such resources, so an answer
 * without its list of APIs is malformed (it would leave the stages without names, unmonitored).
 */
export async function enrich(context: EnrichContext, mappings: TagMapping[]): Promise<void> {
  const restStages = mappings.filter((m) => m.ResourceARN.includes('/restapis/'));
  const apis = mappings.filter((m) => m.ResourceARN.includes('/apis/'));
  const { bounds } = context;

  if (restStages.length > 0) {
    const api = 'apigateway.GetRestApis';
    const client = context.client(APIGatewayClient, 'apigateway');
    const names = new Map<string, string>();
    const pages = paginate(
      api,
      bounds,
      (position) => client.send(new GetRestApisCommand({ limit: 500, ...(position ? { position } : {}) }), { abortSignal: bounds.signal }),
      (answer) => answer.position,
    );
    for await (const { answer, page } of pages) {
      for (const [i, item] of listOf(api, answer, 'items').entries()) {
        const where = `item ${i + 1} of page ${page}`;
        names.set(stringOf(api, item, 'id', where), stringOf(api, item, 'name', where));
      }
    }
    for (const m of restStages) {
      const name = names.get(/\/restapis\/([^/]+)\//.exec(m.ResourceARN)?.[1] ?? '');
      if (name) setHintTag(m, API_NAME_TAG, name);
    }
  }

  if (apis.length > 0) {
    const api = 'apigateway.GetApis';
    const client = context.client(ApiGatewayV2Client, 'apigateway');
    const protocols = new Map<string, string>();
    const pages = paginate(
      api,
      bounds,
      (token) => client.send(new GetApisCommand({ MaxResults: '500', ...(token ? { NextToken: token } : {}) }), { abortSignal: bounds.signal }),
      (answer) => answer.NextToken,
    );
    for await (const { answer, page } of pages) {
      for (const [i, item] of listOf(api, answer, 'Items').entries()) {
        const where = `item ${i + 1} of page ${page}`;
        protocols.set(stringOf(api, item, 'ApiId', where), stringOf(api, item, 'ProtocolType', where));
      }
    }
    for (const m of apis) {
      if (protocols.get(/\/apis\/([^/]+)$/.exec(m.ResourceARN)?.[1] ?? '') === 'WEBSOCKET') setHintTag(m, API_PROTOCOL_TAG, 'websocket');
    }
  }
}
