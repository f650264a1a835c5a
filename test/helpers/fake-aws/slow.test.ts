/**
 * The SDK's timeouts against slow responses (moto answers at once; the SDK's retries of
 * throttling and server errors are in moto-proxy.test.ts). The tests mostly wait on timers, so
 * they run concurrently, each against its own fake endpoint.
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { describe, expect, it } from 'vitest';
import { startFakeAws } from './index.js';
import type { FakeAws } from './index.js';
import { BASE, REGION, logGroups, taggedResources } from './sample-fixture.js';

async function withFake(test: (fake: FakeAws) => Promise<void>): Promise<void> {
  const fake = await startFakeAws({
    baseAccount: BASE,
    accounts: { [BASE]: { regions: { [REGION]: { resources: taggedResources(20), logGroups: logGroups(5) } } } },
  });
  try {
    await test(fake);
  } finally {
    await fake.stop();
  }
}

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
