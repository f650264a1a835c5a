import { found, unsupported } from '../service.js';
import type { ResourceType } from '../service.js';

export const API_NAME_TAG = 'obsgen:api-name';
export const API_PROTOCOL_TAG = 'obsgen:api-protocol';

// /restapis/<id>/stages/<stage>; REST API metrics are keyed by the API's *name*, not its id.
const REST_STAGE = /^\/restapis\/([a-z0-9]{10})\/stages\/([A-Za-z0-9_-]{1,128})$/;
// /apis/<id> (HTTP and WebSocket APIs), measured by ApiId.
const API = /^\/apis\/([a-z0-9]{10})$/;

/** An API Gateway REST API stage, measured by `ApiName` and `Stage`. */
export const apigatewayRestStage: ResourceType = {
  id: 'apigateway:rest-stage',
  label: 'API Gateway REST API stage',
  service: 'apigateway',
  taggingFilter: 'apigateway',
  namespace: 'AWS/ApiGateway',
  docs: { arn: '`/restapis/<id>/stages/<stage>`', dimensions: 'ApiName (tag `obsgen:api-name`), Stage' },
  hintTags: [{ tag: API_NAME_TAG, description: 'The REST API\'s name (its metrics use the name, which the stage ARN does not carry). The live source fills it in.' }],
  recognise(arn, tags) {
    const m = REST_STAGE.exec(arn.resource);
    if (!m) {
      return arn.resource.startsWith('/restapis/') ? unsupported('apigateway:restapis', 'a REST API (or part of one) other than a stage; obsgen monitors each stage') : undefined;
    }
    const [, id, stage] = m as unknown as [string, string, string];
    const apiName = tags.get(API_NAME_TAG);
    if (!apiName) {
      return unsupported('apigateway:rest-stage', `REST API metrics are keyed by the API's name, which the ARN does not carry: tag the stage with ${API_NAME_TAG}, or use the live source`);
    }
    return found(`${apiName}/${stage}`, [['ApiName', apiName], ['Stage', stage]], { attributes: { apiId: id, stage, apiName } });
  },
};

/** An API Gateway HTTP or WebSocket API, measured by `ApiId`. */
export const apigatewayApi: ResourceType = {
  id: 'apigateway:api',
  label: 'API Gateway HTTP/WebSocket API',
  service: 'apigateway',
  taggingFilter: 'apigateway',
  namespace: 'AWS/ApiGateway',
  docs: { arn: '`/apis/<id>` (HTTP; WebSocket with tag `obsgen:api-protocol=websocket`)', dimensions: 'ApiId' },
  hintTags: [{ tag: API_PROTOCOL_TAG, description: '`websocket` for a WebSocket API (default: HTTP). The live source fills it in.' }],
  recognise(arn) {
    const m = API.exec(arn.resource);
    if (!m) return arn.resource.startsWith('/apis/') ? unsupported('apigateway:apis', 'a part of an HTTP/WebSocket API; obsgen monitors the API itself') : undefined;
    return found(m[1]!, [['ApiId', m[1]!]], { attributes: { apiId: m[1]! } });
  },
};
