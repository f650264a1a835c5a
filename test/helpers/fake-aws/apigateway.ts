/**
 * API Gateway (restJson1). v1 `GET /restapis?limit=&position=` → `{ item: [...], position }` with epoch-second
 * dates; v2 `GET /v2/apis?maxResults=&nextToken=` → `{ items: [...], nextToken }` with lowerCamel members and
 * ISO 8601 dates. Both sign as `apigateway`. moto serves both too (a `_custom_id_` tag even sets the id),
 * but its Tagging API cannot list the stages they enrich (tagging.ts), so a run that has them reads here.
 */
import type { OpContext, RestInput, ServiceDef } from './context.js';
import { expiredTokenError, invalidTokenError, validationError } from './errors.js';
import { decodeToken, encodeToken, epochSeconds, poisonedToken, tokenInt } from './protocol.js';
import type { JsonObject } from './protocol.js';
import type { ServiceName } from './types.js';
import { FIXTURE_EPOCH_MS } from './types.js';

function pageOffset(service: ServiceName, token: string | null): number {
  const t = decodeToken(token);
  if (t.kind === 'expired') throw expiredTokenError(service);
  if (t.kind === 'invalid') throw invalidTokenError(service);
  const o = t.kind === 'ok' ? tokenInt(t.payload, 'o') : 0;
  if (o === undefined) throw invalidTokenError(service);
  return o;
}

function pageSize(service: ServiceName, raw: string | null, name: string): number {
  if (raw === null) return 25;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw validationError(service, `Invalid ${name}: ${raw}`);
  return n;
}

function getRestApis(ctx: OpContext, input: RestInput): unknown {
  const limit = pageSize('apigateway', input.query.get('limit'), 'limit');
  const offset = pageOffset('apigateway', input.query.get('position'));
  const all = ctx.data.restApis ?? [];
  const page = all.slice(offset, offset + limit);
  const out: JsonObject = {
    item: page.map((a) => ({
      id: a.id,
      name: a.name,
      ...(a.description !== undefined ? { description: a.description } : {}),
      createdDate: epochSeconds(a.createdDate ?? FIXTURE_EPOCH_MS),
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: a.endpointConfiguration?.types ?? ['EDGE'], ipAddressType: 'ipv4' },
      disableExecuteApiEndpoint: false,
      rootResourceId: `${a.id.slice(0, 4)}root`,
      ...(a.tags !== undefined ? { tags: a.tags } : {}),
    })),
  };
  if (ctx.truncate) out['position'] = poisonedToken();
  else if (offset + limit < all.length) out['position'] = encodeToken({ o: offset + limit });
  return out;
}

function getApis(ctx: OpContext, input: RestInput): unknown {
  const max = pageSize('apigatewayv2', input.query.get('maxResults'), 'maxResults');
  const offset = pageOffset('apigatewayv2', input.query.get('nextToken'));
  const all = ctx.data.apis ?? [];
  const page = all.slice(offset, offset + max);
  const out: JsonObject = {
    items: page.map((a) => ({
      apiId: a.ApiId,
      name: a.Name,
      protocolType: a.ProtocolType,
      apiEndpoint:
        a.ApiEndpoint ?? `${a.ProtocolType === 'WEBSOCKET' ? 'wss' : 'https'}://${a.ApiId}.execute-api.${ctx.region}.amazonaws.com`,
      apiKeySelectionExpression: '$request.header.x-api-key',
      createdDate: new Date(a.CreatedDate ?? FIXTURE_EPOCH_MS).toISOString(),
      disableExecuteApiEndpoint: false,
      ipAddressType: 'ipv4',
      routeSelectionExpression: a.ProtocolType === 'WEBSOCKET' ? '$request.body.action' : '$request.method $request.path',
      tags: a.Tags ?? {},
    })),
  };
  if (ctx.truncate) out['nextToken'] = poisonedToken();
  else if (offset + max < all.length) out['nextToken'] = encodeToken({ o: offset + max });
  return out;
}

export const apigateway: ServiceDef<RestInput> = {
  name: 'apigateway',
  protocol: 'rest-json',
  operations: { GetRestApis: getRestApis },
  paginated: new Set(['GetRestApis']),
};

export const apigatewayv2: ServiceDef<RestInput> = {
  name: 'apigatewayv2',
  protocol: 'rest-json',
  operations: { GetApis: getApis },
  paginated: new Set(['GetApis']),
};

/** The (service, operation) a REST request addresses, by method and path. */
export function restRoute(method: string, path: string): { service: ServiceDef<RestInput>; operation: string } | undefined {
  const p = path.replace(/\/+$/, '');
  if (method === 'GET' && p === '/restapis') return { service: apigateway, operation: 'GetRestApis' };
  if (method === 'GET' && p === '/v2/apis') return { service: apigatewayv2, operation: 'GetApis' };
  if (p.startsWith('/v2/')) return { service: apigatewayv2, operation: `${method} ${p}` };
  return undefined;
}
