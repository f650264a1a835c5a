import type { Service } from '../service.js';
import { hex } from '../synthetic-names.js';
import { apigatewayRestStage, apigatewayApi } from './resource-types.js';

/** Amazon API Gateway. */
export const apigateway: Service = {
  id: 'apigateway',
  types: [apigatewayRestStage, apigatewayApi],
  blueprints: ['apigateway-http-api.yaml', 'apigateway-rest-stage.yaml', 'apigateway-websocket-api.yaml'],
  enrich: {
    types: ['apigateway:rest-stage', 'apigateway:api'],
    // API Gateway authorises by HTTP method and path: both listings are GETs.
    permissions: [{ sid: 'ObsgenApiGatewayNames', actions: ['apigateway:GET'], resources: ['arn:aws:apigateway:*::/restapis', 'arn:aws:apigateway:*::/apis'] }],
    load: () => import('./enrich.js'),
  },
  examples: {
    'apigateway:rest-stage': {
      sample: { arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod', tags: { 'obsgen:api-name': 'orders-api' }, name: 'orders-api/prod', dimensions: [['ApiName', 'orders-api'], ['Stage', 'prod']], extra: { attributes: { apiId: 'a1b2c3d4e5', stage: 'prod', apiName: 'orders-api' } } },
      make: (_a, r, n) => ({ arn: `arn:aws:apigateway:${r}::/restapis/${hex(n, 10)}/stages/prod`, tags: { 'obsgen:api-name': n } }),
    },
    'apigateway:api': {
      sample: { arn: 'arn:aws:apigateway:eu-west-1::/apis/f6g7h8i9j0', name: 'f6g7h8i9j0', dimensions: [['ApiId', 'f6g7h8i9j0']], extra: { attributes: { apiId: 'f6g7h8i9j0' } } },
      make: (_a, r, n) => ({ arn: `arn:aws:apigateway:${r}::/apis/${hex(n, 10)}` }),
    },
  },
};
