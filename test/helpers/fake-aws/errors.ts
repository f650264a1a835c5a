/**
 * The error shapes each fake service answers with, for authentication failures, pagination tokens
 * and request validation (throttling, server errors and access denied are moto-proxy.ts's).
 * Codes, statuses and message members follow the services' Smithy models (as bundled in the
 * installed clients) where the operation declares the error, and what the services are seen to
 * send otherwise.
 */
import { ApiError } from './protocol.js';
import type { ServiceName } from './types.js';

const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';

/** What an access key the fake never issued (or one that has expired) gets: the credentials are unknown. */
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
