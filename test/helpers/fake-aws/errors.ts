/**
 * The error shapes each fake service answers with, for injected faults, authentication failures and
 * request validation. Codes, statuses and message members follow the services' Smithy models (as
 * bundled in the installed clients) where the operation declares the error, and what the services
 * are seen to send otherwise. faults.test.ts checks the `name` each one surfaces as in the SDK.
 */
import { ApiError } from './protocol.js';
import type { Caller } from './context.js';
import type { ServiceName } from './types.js';

const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';

/** IAM action prefix per service, for AccessDenied messages. */
const IAM_PREFIX: Record<ServiceName, string> = {
  tagging: 'tag',
  logs: 'logs',
  cloudwatch: 'cloudwatch',
  sts: 'sts',
  apigateway: 'apigateway',
  apigatewayv2: 'apigateway',
  elbv2: 'elasticloadbalancing',
};

/** REST resources of the API Gateway operations, for AccessDenied messages (IAM actions there are HTTP verbs). */
const APIGATEWAY_RESOURCES: Record<string, string> = { GetRestApis: '/restapis', GetApis: '/apis' };

function accessDeniedMessage(service: ServiceName, operation: string, caller: Caller, region: string): string {
  if (service === 'apigateway' || service === 'apigatewayv2') {
    return `User: ${caller.arn} is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:${region}::${APIGATEWAY_RESOURCES[operation] ?? '/'}`;
  }
  return `User: ${caller.arn} is not authorized to perform: ${IAM_PREFIX[service]}:${operation} because no identity-based policy allows the ${IAM_PREFIX[service]}:${operation} action`;
}

/** A throttling error the SDK's retry strategy classifies as THROTTLING. */
export function throttleError(service: ServiceName): ApiError {
  switch (service) {
    case 'tagging': // modelled on GetResources
      return new ApiError(400, 'ThrottledException', 'Rate exceeded', { messageKey: 'Message' });
    case 'logs': // modelled in the current Logs model
      return new ApiError(400, 'ThrottlingException', 'Rate exceeded');
    case 'cloudwatch': // query code Throttling, as under awsQuery
      return new ApiError(400, 'com.amazon.coral.availability#ThrottlingException', 'Rate exceeded', {
        queryCode: 'Throttling',
      });
    case 'sts':
    case 'elbv2':
      return new ApiError(400, 'Throttling', 'Rate exceeded');
    case 'apigateway':
    case 'apigatewayv2': // modelled, HTTP 429
      return new ApiError(429, 'TooManyRequestsException', 'Too Many Requests');
  }
}

export function serverError(service: ServiceName): ApiError {
  switch (service) {
    case 'tagging': // modelled on GetResources (server fault)
      return new ApiError(500, 'InternalServiceException', 'Internal service error', { messageKey: 'Message' });
    case 'logs': // modelled on DescribeLogGroups (server fault)
      return new ApiError(500, 'ServiceUnavailableException', 'The service cannot complete the request.');
    case 'cloudwatch': // InternalServiceFault, query code InternalServiceError
      return new ApiError(500, 'com.amazonaws.cloudwatch#InternalServiceFault', 'Internal service error', {
        queryCode: 'InternalServiceError',
        messageKey: 'Message',
      });
    case 'sts':
    case 'elbv2': // the awsQuery common error
      return new ApiError(500, 'InternalFailure', 'An internal error has occurred');
    case 'apigateway':
    case 'apigatewayv2':
      return new ApiError(503, 'ServiceUnavailableException', 'Service Unavailable');
  }
}

export function accessDeniedError(service: ServiceName, operation: string, caller: Caller, region: string): ApiError {
  const message = accessDeniedMessage(service, operation, caller, region);
  switch (service) {
    case 'tagging':
    case 'logs':
      return new ApiError(400, 'AccessDeniedException', message);
    case 'cloudwatch':
      return new ApiError(403, 'com.amazon.coral.service#AccessDeniedException', message, { queryCode: 'AccessDenied' });
    case 'sts':
    case 'elbv2':
      return new ApiError(403, 'AccessDenied', message);
    case 'apigateway':
    case 'apigatewayv2':
      return new ApiError(403, 'AccessDeniedException', message);
  }
}

/**
 * What a region that is not enabled for the account answers (and what any unrecognised access key
 * gets): the credentials are unknown there.
 */
export function invalidCredentialsError(service: ServiceName): ApiError {
  switch (service) {
    case 'tagging':
    case 'logs': // AWS JSON services answer HTTP 400
      return new ApiError(400, 'UnrecognizedClientException', INVALID_TOKEN_MESSAGE);
    case 'cloudwatch':
      return new ApiError(403, 'com.amazon.coral.service#UnrecognizedClientException', INVALID_TOKEN_MESSAGE, {
        queryCode: 'InvalidClientTokenId',
      });
    case 'sts':
    case 'elbv2':
      return new ApiError(403, 'InvalidClientTokenId', INVALID_TOKEN_MESSAGE);
    case 'apigateway':
    case 'apigatewayv2':
      return new ApiError(403, 'UnrecognizedClientException', INVALID_TOKEN_MESSAGE);
  }
}

/** A request without an Authorization header. */
export function missingAuthError(service: ServiceName): ApiError {
  switch (service) {
    case 'cloudwatch':
      return new ApiError(403, 'com.amazon.coral.service#MissingAuthenticationTokenException', 'Missing Authentication Token', {
        queryCode: 'MissingAuthenticationToken',
      });
    case 'sts':
    case 'elbv2':
      return new ApiError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    default:
      return new ApiError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
}

/** The error a pagination token that has expired (or a `truncate` fault's token) gets. */
export function expiredTokenError(service: ServiceName): ApiError {
  switch (service) {
    case 'tagging':
      return new ApiError(400, 'PaginationTokenExpiredException', 'The pagination token has expired.', {
        messageKey: 'Message',
      });
    case 'logs':
      return new ApiError(400, 'InvalidParameterException', 'The specified nextToken is invalid or has expired.');
    case 'cloudwatch':
      return new ApiError(400, 'com.amazonaws.cloudwatch#InvalidNextToken', 'The service returned an invalid NextToken.', {
        queryCode: 'InvalidNextToken',
      });
    case 'sts':
    case 'elbv2':
      return new ApiError(400, 'ValidationError', 'Invalid Marker');
    case 'apigateway':
      return new ApiError(400, 'BadRequestException', 'Invalid position');
    case 'apigatewayv2':
      return new ApiError(400, 'BadRequestException', 'Invalid nextToken');
  }
}

/** A malformed pagination token: the same shape as an expired one, except for the Tagging API. */
export function invalidTokenError(service: ServiceName): ApiError {
  if (service === 'tagging') {
    return new ApiError(400, 'InvalidParameterException', 'The PaginationToken is not valid.', { messageKey: 'Message' });
  }
  return expiredTokenError(service);
}

/** Request validation failures (bad page size, too many queries, …). */
export function validationError(service: ServiceName, message: string): ApiError {
  switch (service) {
    case 'tagging':
      return new ApiError(400, 'InvalidParameterException', message, { messageKey: 'Message' });
    case 'logs':
      return new ApiError(400, 'InvalidParameterException', message);
    case 'cloudwatch':
      return new ApiError(400, 'com.amazon.coral.validate#ValidationException', message, { queryCode: 'ValidationError' });
    case 'sts':
    case 'elbv2':
      return new ApiError(400, 'ValidationError', message);
    case 'apigateway':
    case 'apigatewayv2':
      return new ApiError(400, 'BadRequestException', message);
  }
}

export function unknownOperationError(service: ServiceName, operation: string): ApiError {
  switch (service) {
    case 'sts':
    case 'elbv2':
      return new ApiError(400, 'InvalidAction', `Could not find operation ${operation} for version`);
    case 'apigateway':
    case 'apigatewayv2':
      return new ApiError(404, 'NotFoundException', `Invalid request path: ${operation}`);
    case 'cloudwatch':
      return new ApiError(400, 'com.amazon.coral.service#UnknownOperationException', `Unknown operation ${operation}`, {
        queryCode: 'InvalidAction',
      });
    default:
      return new ApiError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
  }
}
