import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { ClientClass } from '../services/service.js';
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

/**
 * The read-only clients of one account and region. Endpoints honour AWS_ENDPOINT_URL(_<SERVICE>).
 * Services' enrich hooks make their own clients with `client`, the same way, once each.
 */
export function clientsFor(s: ClientSettings) {
  const made = new Map<unknown, unknown>();
  return {
    tagging: counted(new ResourceGroupsTaggingAPIClient(config(s)), 'tag', s.stats),
    cloudwatch: counted(new CloudWatchClient(config(s)), 'cloudwatch', s.stats),
    logs: counted(new CloudWatchLogsClient(config(s)), 'logs', s.stats),
    client<C>(make: ClientClass<C>, iamService: string): C {
      let c = made.get(make) as C | undefined;
      if (c === undefined) {
        c = counted(new make(config(s) as never) as C & Sendable, iamService, s.stats);
        made.set(make, c);
      }
      return c;
    },
  };
}

export type Clients = ReturnType<typeof clientsFor>;
