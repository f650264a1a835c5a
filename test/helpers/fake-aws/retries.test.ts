/**
 * The SDK's retry strategies and timeouts against injected throttling, server errors and slow
 * responses. The tests mostly wait on backoff timers, so they run concurrently, each against its
 * own fake endpoint.
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
// The SDK's standard strategy with a fixed backoff, where only classification and attempts matter.
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { describe, expect, it } from 'vitest';
import { startFakeAws } from './index.js';
import type { FakeAws } from './index.js';
import { BASE, REGION, alarms, logGroups, taggedResources } from './sample-fixture.js';

async function withFake(test: (fake: FakeAws) => Promise<void>): Promise<void> {
  const fake = await startFakeAws({
    baseAccount: BASE,
    accounts: { [BASE]: { regions: { [REGION]: { resources: taggedResources(20), alarms: alarms(5), logGroups: logGroups(5) } } } },
  });
  try {
    await test(fake);
  } finally {
    await fake.stop();
  }
}

function outcomes(fake: FakeAws): { fault?: string; status: number }[] {
  return fake.calls.map((c) => ({ ...(c.fault ? { fault: c.fault } : {}), status: c.status }));
}

describe.concurrent('retries', () => {
  it('standard retry mode retries throttling and succeeds when the fault count is below maxAttempts', () =>
    withFake(async (fake) => {
      fake.faults.push({ service: 'cloudwatch', kind: 'throttle', count: 2 });
      const client = new CloudWatchClient({ ...fake.clientConfig(REGION), retryMode: 'standard', maxAttempts: 3 });
      const out = await client.send(new DescribeAlarmsCommand({}));
      expect(out.MetricAlarms).toHaveLength(6);
      expect(out.$metadata.attempts).toBe(3);
      expect(outcomes(fake)).toEqual([{ fault: 'throttle', status: 400 }, { fault: 'throttle', status: 400 }, { status: 200 }]);
    }));

  it('adaptive retry mode retries throttling too', () =>
    withFake(async (fake) => {
      fake.faults.push({ service: 'tagging', kind: 'throttle', count: 1 });
      const client = new ResourceGroupsTaggingAPIClient({ ...fake.clientConfig(REGION), retryMode: 'adaptive', maxAttempts: 3 });
      const out = await client.send(new GetResourcesCommand({}));
      expect(out.ResourceTagMappingList).toHaveLength(20);
      expect(outcomes(fake)).toEqual([{ fault: 'throttle', status: 400 }, { status: 200 }]);
    }));

  it('gives up with the throttling error once maxAttempts is spent', () =>
    withFake(async (fake) => {
      fake.faults.push({ service: 'logs', kind: 'throttle', count: 3 });
      const client = new CloudWatchLogsClient({ ...fake.clientConfig(REGION), retryStrategy: new ConfiguredRetryStrategy(3, 10) });
      const err = await client.send(new DescribeLogGroupsCommand({})).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 3 } });
      expect(outcomes(fake)).toHaveLength(3);
    }));

  it('retries a server error as transient, but never an access-denied', () =>
    withFake(async (fake) => {
      const client = new CloudWatchLogsClient({ ...fake.clientConfig(REGION), retryStrategy: new ConfiguredRetryStrategy(3, 10) });
      fake.faults.push({ service: 'logs', kind: 'server-error', count: 2 });
      await client.send(new DescribeLogGroupsCommand({}));
      expect(outcomes(fake)).toEqual([{ fault: 'server-error', status: 500 }, { fault: 'server-error', status: 500 }, { status: 200 }]);

      fake.faults.splice(0, 1, { service: 'logs', kind: 'access-denied' });
      await expect(client.send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { attempts: 1 } });
      expect(outcomes(fake)).toHaveLength(4);
    }));
});

describe.concurrent('slow responses', () => {
  it('trigger a client requestTimeout (with throwOnRequestTimeout) as a TimeoutError', () =>
    withFake(async (fake) => {
      fake.faults.push({ service: 'cloudwatch', kind: 'slow', delayMs: 5000 });
      const started = Date.now();
      const client = new CloudWatchClient({
        ...fake.clientConfig(REGION),
        maxAttempts: 1,
        requestHandler: { requestTimeout: 250, throwOnRequestTimeout: true },
      });
      await expect(client.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeLessThan(2000);
      // The server notices the client went away and stops holding the response.
      await expect.poll(() => fake.calls[0]?.error, { timeout: 1000 }).toBe('ClientDisconnected');
      expect(fake.calls).toMatchObject([{ fault: 'slow', operation: 'DescribeAlarms' }]);
    }));

  it('trigger a socketTimeout as a TimeoutError, which the SDK retries as transient', () =>
    withFake(async (fake) => {
      fake.faults.push({ service: 'logs', kind: 'slow', delayMs: 5000, count: 1 });
      const client = new CloudWatchLogsClient({ ...fake.clientConfig(REGION), maxAttempts: 2, requestHandler: { socketTimeout: 250 } });
      const out = await client.send(new DescribeLogGroupsCommand({}));
      expect(out.logGroups).toHaveLength(10);
      expect(out.$metadata.attempts).toBe(2);
      expect(fake.calls.map((c) => c.fault)).toEqual(['slow', undefined]);
    }));

  it('only warn on requestTimeout without throwOnRequestTimeout (the request completes late)', () =>
    withFake(async (fake) => {
      fake.faults.push({ service: 'tagging', kind: 'slow', delayMs: 400 });
      const warnings: string[] = [];
      const logger = { debug: () => {}, info: () => {}, warn: (m: unknown) => warnings.push(String(m)), error: () => {} };
      const client = new ResourceGroupsTaggingAPIClient({ ...fake.clientConfig(REGION), maxAttempts: 1, logger, requestHandler: { requestTimeout: 100 } });
      const out = await client.send(new GetResourcesCommand({}));
      expect(out.ResourceTagMappingList).toHaveLength(20);
      expect(warnings.some((w) => w.includes('requestTimeout'))).toBe(true);
    }));
});
