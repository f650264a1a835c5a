/**
 * The proxy's faults surface in the real SDK clients as the services' own errors (the `name`,
 * HTTP status and retry classification the installed clients produce), its rules pick the calls
 * they are meant for, and the SDK's retry strategies treat them as they treat AWS's. Faulted
 * calls never reach moto; the ones that get through are moto's answers.
 */
import { CloudWatchClient, DescribeAlarmsCommand, PutCompositeAlarmCommand, PutMetricAlarmCommand, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
// The classifiers the SDK's retry strategies use (a dependency of every v3 client), and its
// standard strategy with a fixed backoff, where only classification and attempts matter.
import { ConfiguredRetryStrategy, isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MOTO_ACCOUNT, startMoto } from './moto.js';
import type { Moto } from './moto.js';
import { motoCredentialsIn, startMotoProxy } from './moto-proxy.js';
import type { MotoProxy, ProxyFaultKind } from './moto-proxy.js';
import { motoTool, need } from './tools.js';

const REGION = 'eu-west-1';
const OTHER = '222222222222';
const motoNeed = need('moto_server', motoTool());

let moto: Moto | undefined;
let proxy: MotoProxy;

function cfg(opts: { region?: string; maxAttempts?: number; credentials?: AwsCredentialIdentity } = {}) {
  return { endpoint: proxy.url, region: opts.region ?? REGION, maxAttempts: opts.maxAttempts ?? 1, credentials: opts.credentials ?? { accessKeyId: 'AKIAMOTOEXAMPLE', secretAccessKey: 'moto' } };
}

/** One call per service, by its SigV4 signing name (what a fault rule's `service` names). */
const CALLS: Record<string, (c: ReturnType<typeof cfg>) => Promise<unknown>> = {
  tagging: (c) => new ResourceGroupsTaggingAPIClient(c).send(new GetResourcesCommand({})),
  logs: (c) => new CloudWatchLogsClient(c).send(new DescribeLogGroupsCommand({})),
  monitoring: (c) => new CloudWatchClient(c).send(new DescribeAlarmsCommand({})),
  sts: (c) => new STSClient(c).send(new GetCallerIdentityCommand({})),
  elasticloadbalancing: (c) => new ElasticLoadBalancingV2Client(c).send(new DescribeTargetGroupsCommand({})),
};

type Kind = Exclude<ProxyFaultKind, 'broken-page'>;
const EXPECTED: Record<string, Record<Kind, [string, number]>> = {
  tagging: { throttle: ['ThrottledException', 400], 'server-error': ['InternalServiceException', 500], 'access-denied': ['AccessDeniedException', 400], 'unrecognized-client': ['UnrecognizedClientException', 400] },
  logs: { throttle: ['ThrottlingException', 400], 'server-error': ['ServiceUnavailableException', 500], 'access-denied': ['AccessDeniedException', 400], 'unrecognized-client': ['UnrecognizedClientException', 400] },
  // AWS JSON, awsQuery-compatible: the query codes.
  monitoring: { throttle: ['Throttling', 400], 'server-error': ['InternalServiceFault', 500], 'access-denied': ['AccessDenied', 403], 'unrecognized-client': ['InvalidClientTokenId', 403] },
  sts: { throttle: ['Throttling', 400], 'server-error': ['InternalFailure', 500], 'access-denied': ['AccessDenied', 403], 'unrecognized-client': ['InvalidClientTokenId', 403] },
  elasticloadbalancing: { throttle: ['Throttling', 400], 'server-error': ['InternalFailure', 500], 'access-denied': ['AccessDenied', 403], 'unrecognized-client': ['InvalidClientTokenId', 403] },
};
const CASES = Object.entries(EXPECTED).flatMap(([service, kinds]) => (Object.entries(kinds) as [Kind, [string, number]][]).map(([kind, [name, status]]) => ({ service, kind, name, status })));

describe.skipIf(motoNeed.skip !== false)('moto-proxy faults', () => {
  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startMotoProxy(moto);
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });
  afterEach(() => {
    proxy.faults.length = 0;
    proxy.calls.length = 0;
  });

  it.each(CASES)('$service $kind → $name ($status)', async ({ service, kind, name, status }) => {
    proxy.faults.push({ service, kind });
    const err = await CALLS[service]!(cfg()).catch((e: unknown) => e);
    expect(err).toMatchObject({ name, $metadata: { httpStatusCode: status } });
    const e = err as Parameters<typeof isThrottlingError>[0];
    // The SDK's own classification: throttles are THROTTLING, server errors TRANSIENT, the rest not retried.
    expect(isThrottlingError(e)).toBe(kind === 'throttle');
    expect(isTransientError(e)).toBe(kind === 'server-error');
    expect(isServerError(e)).toBe(false);
    expect(proxy.calls).toMatchObject([{ service, fault: kind, status, account: MOTO_ACCOUNT, region: REGION }]);
  });

  it('rules pick by region, account, service and operation, for as many calls as asked; the first with calls left wins', async () => {
    proxy.faults.push({ region: 'us-east-1', kind: 'access-denied' });
    await expect(CALLS['logs']!(cfg({ region: 'us-east-1' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(CALLS['logs']!(cfg())).resolves.toBeDefined();

    proxy.faults.splice(0, proxy.faults.length, { account: OTHER, kind: 'access-denied' });
    await expect(CALLS['logs']!(cfg())).resolves.toBeDefined();
    const other = await motoCredentialsIn(proxy.url, OTHER);
    await expect(CALLS['logs']!(cfg({ credentials: other }))).rejects.toMatchObject({ name: 'AccessDeniedException' });

    proxy.faults.splice(0, proxy.faults.length, { service: 'monitoring', operation: 'GetMetricData', kind: 'server-error' });
    await expect(CALLS['monitoring']!(cfg())).resolves.toMatchObject({ MetricAlarms: [] });

    proxy.faults.splice(0, proxy.faults.length, { service: 'sts', kind: 'access-denied', times: 2 }, { service: 'sts', kind: 'server-error', times: 1 });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) outcomes.push(await CALLS['sts']!(cfg()).then(() => 'ok', (e: Error) => e.name));
    expect(outcomes).toEqual(['AccessDenied', 'AccessDenied', 'InternalFailure', 'ok']);
  });

  it('pages DescribeAlarms by MaxRecords (moto sends every alarm at once), composites in the same name order', async () => {
    const cw = new CloudWatchClient(cfg({ region: 'ap-southeast-2' }));
    for (const name of ['b', 'd', 'a', 'e']) {
      await cw.send(new PutMetricAlarmCommand({ AlarmName: `paged/${name}`, Namespace: 'N', MetricName: 'M', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, Period: 60 }));
    }
    await cw.send(new PutCompositeAlarmCommand({ AlarmName: 'paged/c', AlarmRule: 'ALARM("paged/a")' }));
    const pages: string[][] = [];
    for await (const page of paginateDescribeAlarms({ client: cw }, { AlarmNamePrefix: 'paged/', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 2 })) {
      pages.push([...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])].map((a) => a.AlarmName!).sort());
    }
    expect(pages).toEqual([['paged/a', 'paged/b'], ['paged/c', 'paged/d'], ['paged/e']]);
    await expect(cw.send(new DescribeAlarmsCommand({ NextToken: 'nonsense' }))).rejects.toMatchObject({ name: 'InvalidNextToken', $metadata: { httpStatusCode: 400 } });
  });

  describe('the SDK retries them as it would AWS’s', () => {
    const outcomes = () => proxy.calls.map((c) => ({ ...(c.fault ? { fault: c.fault } : {}), status: c.status }));

    it('standard retry mode retries throttling and succeeds when the fault count is below maxAttempts', async () => {
      proxy.faults.push({ service: 'monitoring', kind: 'throttle', times: 2 });
      const out = await new CloudWatchClient({ ...cfg({ maxAttempts: 3 }), retryMode: 'standard' }).send(new DescribeAlarmsCommand({}));
      expect(out.MetricAlarms).toEqual([]);
      expect(out.$metadata.attempts).toBe(3);
      expect(outcomes()).toEqual([{ fault: 'throttle', status: 400 }, { fault: 'throttle', status: 400 }, { status: 200 }]);
    });

    it('adaptive retry mode retries throttling too', async () => {
      proxy.faults.push({ service: 'logs', kind: 'throttle', times: 1 });
      const out = await new CloudWatchLogsClient({ ...cfg({ maxAttempts: 3 }), retryMode: 'adaptive' }).send(new DescribeLogGroupsCommand({}));
      expect(out.logGroups).toEqual([]);
      expect(outcomes()).toEqual([{ fault: 'throttle', status: 400 }, { status: 200 }]);
    });

    it('gives up with the throttling error once maxAttempts is spent', async () => {
      proxy.faults.push({ service: 'logs', kind: 'throttle', times: 3 });
      const client = new CloudWatchLogsClient({ ...cfg(), retryStrategy: new ConfiguredRetryStrategy(3, 10) });
      const err = await client.send(new DescribeLogGroupsCommand({})).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 3 } });
      expect(outcomes()).toHaveLength(3);
    });

    it('retries a server error as transient, but never an access-denied', async () => {
      const client = new CloudWatchLogsClient({ ...cfg(), retryStrategy: new ConfiguredRetryStrategy(3, 10) });
      proxy.faults.push({ service: 'logs', kind: 'server-error', times: 2 });
      await client.send(new DescribeLogGroupsCommand({}));
      expect(outcomes()).toEqual([{ fault: 'server-error', status: 500 }, { fault: 'server-error', status: 500 }, { status: 200 }]);
      proxy.faults.splice(0, 1, { service: 'logs', kind: 'access-denied' });
      await expect(client.send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { attempts: 1 } });
      expect(outcomes()).toHaveLength(4);
    });
  });
});
