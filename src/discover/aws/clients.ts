import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AwsStats } from './stats.js';

/** How clients connect: credentials for one account, and the resilience settings. */
export interface ClientSettings {
  region: string;
  /** An explicit endpoint (tests); normally AWS_ENDPOINT_URL or the SDK's default. */
  endpoint?: string;
  credentials: AwsCredentialIdentityProvider;
  stats: AwsStats;
  /** Attempts per call, including the first (throttling and 5xx are retried, adaptively). */
  maxAttempts: number;
  requestTimeoutMs: number;
}

interface Sendable {
  middlewareStack: { add(mw: unknown, options: { step: 'initialize'; name: string }): void };
}

/**
 * Counts every call and its retries. The SDK retries throttling and 5xx errors itself
 * (adaptive mode also slows down when throttled); `$metadata.attempts` says how often.
 */
function counted<C extends Sendable>(client: C, service: string, stats: AwsStats): C {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<{ output: { $metadata?: { attempts?: number } } }>, context: { commandName?: string }) => async (args: unknown) => {
      const api = `${service}.${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
      try {
        const result = await next(args);
        stats.record(api, result.output.$metadata?.attempts ?? 1, true);
        return result;
      } catch (e) {
        stats.record(api, (e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1, false);
        throw e;
      }
    },
    { step: 'initialize', name: 'obsgenCallStats' },
  );
  return client;
}

function config(s: ClientSettings) {
  return {
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    credentials: s.credentials,
    retryMode: 'adaptive',
    maxAttempts: s.maxAttempts,
    // Without throwOnRequestTimeout the handler only logs a slow request; with it the request
    // fails and is retried like any transient error.
    requestHandler: { requestTimeout: s.requestTimeoutMs, throwOnRequestTimeout: true, connectionTimeout: Math.min(s.requestTimeoutMs, 5000) },
  } as const;
}

/** The read-only clients of one account and region. Endpoints honour AWS_ENDPOINT_URL(_<SERVICE>). */
export function clientsFor(s: ClientSettings) {
  return {
    tagging: counted(new ResourceGroupsTaggingAPIClient(config(s)), 'tag', s.stats),
    cloudwatch: counted(new CloudWatchClient(config(s)), 'cloudwatch', s.stats),
    logs: counted(new CloudWatchLogsClient(config(s)), 'logs', s.stats),
    apigateway: counted(new APIGatewayClient(config(s)), 'apigateway', s.stats),
    apigatewayv2: counted(new ApiGatewayV2Client(config(s)), 'apigateway', s.stats),
    elbv2: counted(new ElasticLoadBalancingV2Client(config(s)), 'elasticloadbalancing', s.stats),
  };
}

export type Clients = ReturnType<typeof clientsFor>;
