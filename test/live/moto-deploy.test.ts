/**
 * The whole path against implementations nobody here wrote: resources created through the AWS
 * SDK in moto_server, metric history put with PutMetricData, `snapshot` and `generate --source
 * aws` (discovery, enrichment, existing log groups, history, AssumeRole into a second account),
 * then real Terraform applies the generated module into moto, `drift` finds nothing, a hand
 * change is named, and `gameday --yes` puts an alarm into ALARM.
 *
 * moto is reached through test/helpers/moto-proxy.ts, which adds what moto 5.2.1 lacks (composite
 * alarms) and the faults moto cannot produce.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeSubnetsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateServiceCommand, ECSClient } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { MOTO_ACCOUNT } from '../helpers/moto.js';
import { motoCredentialsIn, motoProviderBlock, startMotoBehindProxy } from '../helpers/moto-proxy.js';
import type { MotoProxy } from '../helpers/moto-proxy.js';
import { declaredAliases, rootCalling, terraformIn } from '../helpers/real-terraform.js';
import { motoTool, need, terraformTool } from '../helpers/tools.js';
import { manifestIn } from '../helpers/manifest.js';

const REGION = 'eu-west-1';
const STAGING = '222222222222';
const ROLE = 'obsgen-readonly';

const CONFIG = `
source:
  type: aws
  regions: [${REGION}]
  accounts: ["${MOTO_ACCOUNT}", "${STAGING}"]
  roleArn: "arn:{{partition}}:iam::{{account}}:role/${ROLE}"
tags: { application: app, environment: env }
actions:
  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"
  warning: "arn:{{partition}}:sns:{{region}}:{{account}}:alerts"
output:
  format: terraform
  terraform: { moduleName: monitoring }
# moto's GetMetricData scans every datapoint of the region for every period of every query
# (moto/cloudwatch/models.py): two days keep the history fetch to seconds.
tuning: { lookbackDays: 2 }
`;

/** The same without history, for the runs that only exercise faults. */
const NO_HISTORY = CONFIG.replace('tuning: { lookbackDays: 2 }', 'tuning: { fetchHistory: false }');

const motoNeed = need('moto_server', motoTool());
const terraformNeed = need('terraform', terraformTool());
const skip = motoNeed.skip || terraformNeed.skip;

let proxy: MotoProxy;
let stop: (() => Promise<void>) | undefined;
let dir: string;

function clientConfig(credentials?: AwsCredentialIdentity) {
  return { endpoint: proxy.url, region: REGION, credentials: credentials ?? { accessKeyId: 'AKIAMOTOEXAMPLE', secretAccessKey: 'moto' } };
}


/**
 * Every type obsgen monitors that moto can create and list through the tagging API, tagged for
 * obsgen. Not here, because moto 5.2.1 cannot: ElastiCache (its tagging API expects the filter
 * `elasticache:cache_clusters`, AWS's is `elasticache:cluster`), Kinesis (the SDK speaks CBOR
 * to it), API Gateway, EventBridge rules and OpenSearch (not in its tagging API).
 */
async function createEstate(): Promise<void> {
  const tags = (app: string, env: string) => ({ app, env });
  const list = (app: string, env: string) => Object.entries(tags(app, env)).map(([Key, Value]) => ({ Key, Value }));
  const cfg = clientConfig();
  await new SQSClient(cfg).send(new CreateQueueCommand({ QueueName: 'checkout-orders', tags: tags('checkout', 'prod') }));
  await new SNSClient(cfg).send(new CreateTopicCommand({ Name: 'checkout-events', Tags: list('checkout', 'prod') }));
  await new DynamoDBClient(cfg).send(
    new CreateTableCommand({ TableName: 'checkout-carts', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], Tags: list('checkout', 'prod') }),
  );
  const role = await new IAMClient(cfg).send(new CreateRoleCommand({ RoleName: 'lambda-exec', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }));
  // An empty zip: moto stores the code, it never runs it here.
  const code = { ZipFile: Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64') };
  await new LambdaClient(cfg).send(new CreateFunctionCommand({ FunctionName: 'checkout-api', Runtime: 'nodejs20.x', Role: role.Role!.Arn!, Handler: 'index.handler', Code: code, Tags: tags('checkout', 'prod') }));
  // The function's log group already exists (Lambda made it): obsgen must import it, not create it.
  await new CloudWatchLogsClient(cfg).send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/checkout-api' }));
  await new SFNClient(cfg).send(
    new CreateStateMachineCommand({ name: 'catalog-import', definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}', roleArn: role.Role!.Arn!, tags: [{ key: 'app', value: 'catalog' }, { key: 'env', value: 'prod' }] }),
  );
  const ec2 = new EC2Client(cfg);
  const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
  await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', TagSpecifications: [{ ResourceType: 'instance', Tags: list('catalog', 'prod') }] }));
  const elb = new ElasticLoadBalancingV2Client(cfg);
  const lb = await elb.send(new CreateLoadBalancerCommand({ Name: 'catalog-web', Subnets: subnets.slice(0, 2).map((s) => s.SubnetId!), Type: 'application', Tags: list('catalog', 'prod') }));
  const tg = await elb.send(new CreateTargetGroupCommand({ Name: 'catalog-web-tg', Protocol: 'HTTP', Port: 80, VpcId: subnets[0]!.VpcId!, Tags: list('catalog', 'prod') }));
  await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroups![0]!.TargetGroupArn! }] }));
  await new RDSClient(cfg).send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'catalog-db', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', MasterUsername: 'app', MasterUserPassword: 'not-a-secret', AllocatedStorage: 20, Tags: list('catalog', 'prod') }));
  const ecs = new ECSClient(cfg);
  await ecs.send(new CreateClusterCommand({ clusterName: 'checkout' }));
  await ecs.send(new CreateServiceCommand({ cluster: 'checkout', serviceName: 'checkout-web', desiredCount: 1, tags: [{ key: 'app', value: 'checkout' }, { key: 'env', value: 'prod' }] }));

  // The second account, reached by a role as a deployer there would.
  const staging = clientConfig(await motoCredentialsIn(proxy.url, STAGING));
  await new SQSClient(staging).send(new CreateQueueCommand({ QueueName: 'checkout-orders-staging', tags: tags('checkout', 'staging') }));
  const stagingRole = await new IAMClient(staging).send(new CreateRoleCommand({ RoleName: 'lambda-exec', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }));
  await new LambdaClient(staging).send(
    new CreateFunctionCommand({ FunctionName: 'checkout-api-staging', Runtime: 'nodejs20.x', Role: stagingRole.Role!.Arn!, Handler: 'index.handler', Code: code, Tags: tags('checkout', 'staging') }),
  );
}

/**
 * Two days of one-minute history for the prod queue's oldest-message age (a daily rise to ~15
 * minutes), from an hour before the lookback window to an hour past now, so every minute of the
 * window has its datapoint whenever the run starts.
 */
async function putHistory(): Promise<void> {
  const cw = new CloudWatchClient(clientConfig());
  const start = Math.floor(Date.now() / 60_000) * 60_000 - (2 * 1440 + 60) * 60_000;
  const points = Array.from({ length: 2 * 1440 + 120 }, (_, i) => {
    const t = start + i * 60_000;
    const hour = new Date(t).getUTCHours();
    return { Timestamp: new Date(t), Value: 120 + (hour >= 9 && hour < 12 ? 780 : 0) + (i % 7) * 10 };
  });
  for (let i = 0; i < points.length; i += 1000) {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/SQS',
        MetricData: points.slice(i, i + 1000).map((p) => ({ MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: 'checkout-orders' }], Unit: 'Seconds', ...p })),
      }),
    );
  }
}

/** A root module that applies the generated module (in `out`) into moto, with its import blocks. */
function writeRoot(root: string, out: string): void {
  const module = { name: 'monitoring', source: '../out/terraform', aliases: declaredAliases(readFileSync(join(out, 'terraform/versions.tf'), 'utf8')), imports: readFileSync(join(out, 'terraform/root-imports/imports.tf'), 'utf8') };
  for (const [path, text] of rootCalling([module], (alias, region) => motoProviderBlock(proxy.url, alias, region))) writeFileSync(join(root, path), text);
}

describe.skipIf(skip !== false)('deployed for real into moto', () => {
  beforeAll(async () => {
    const started = await startMotoBehindProxy(REGION);
    proxy = started.proxy;
    stop = started.stop;
    await createEstate();
    await putHistory();
    dir = tempDir();
    writeFileSync(join(dir, 'obsgen.config.yaml'), CONFIG);
    writeFileSync(join(dir, 'no-history.yaml'), NO_HISTORY);
  }, 120_000);

  afterAll(() => stop?.());

  it('discovers both accounts through their roles, imports the existing log group and tunes from the history', async () => {
    const run = await runObsgen(['generate', '--out', 'out'], dir);
    expect(run.stderr).toMatch(/^aws: 2 scopes \(2 complete\)/m);
    expect(run.code).toBe(0);
    const manifest = manifestIn(join(dir, 'out'));
    const resources = new Set(manifest.alarms.map((a) => a.id.split('/').slice(2, -1).join('/')));
    // Every type created above is monitored (ids are account/region/<type>/<name>/<alarm>).
    for (const r of ['sqs:queue/checkout-orders', 'sns:topic/checkout-events', 'dynamodb:table/checkout-carts', 'lambda:function/checkout-api', 'states:stateMachine/catalog-import', 'rds:db/catalog-db', 'sqs:queue/checkout-orders-staging', 'lambda:function/checkout-api-staging']) {
      expect([...resources].some((x) => x.startsWith(r)), r).toBe(true);
    }
    for (const prefix of ['ec2:instance/', 'elasticloadbalancing:alb/catalog-web', 'elasticloadbalancing:targetgroup/catalog-web-tg', 'ecs:service/checkout/checkout-web']) {
      expect([...resources].some((x) => x.startsWith(prefix)), prefix).toBe(true);
    }
    expect(new Set(manifest.alarms.map((a) => a.account))).toEqual(new Set([MOTO_ACCOUNT, STAGING]));
    // The log group Lambda made is imported, not created.
    expect(manifest.logGroups.filter((l) => l.exists).map((l) => l.name)).toContain('/aws/lambda/checkout-api');
    // The queue's age alarm was tuned from the history put above (two days at one minute).
    const thresholds = JSON.parse(readFileSync(join(dir, 'out/thresholds.json'), 'utf8')) as { alarms: { id: string; outcome: string; default: number; chosen: number; history?: { n: number } }[] };
    const age = thresholds.alarms.find((a) => a.id === `${MOTO_ACCOUNT}/${REGION}/sqs:queue/checkout-orders/oldest-message-age`)!;
    expect(age.outcome).toBe('tuned');
    expect(age.history!.n).toBe(2880);
    expect(age.chosen).toBeGreaterThan(900);
    expect(age.chosen).toBeLessThan(age.default);
    // Discovery went through the role in each account.
    expect(proxy.calls.some((c) => c.service === 'tagging' && c.account === STAGING)).toBe(true);
  }, 120_000);

  it('a snapshot, then an offline generate, gives exactly the live output', async () => {
    expect((await runObsgen(['snapshot', '--out', 'snap', '--quiet'], dir)).code).toBe(0);
    const offline = await runObsgen(['generate', '--snapshot', 'snap', '--out', 'offline', '--quiet'], dir);
    expect(offline.stderr).toBe('');
    expect(offline.code).toBe(0);
    expect(readTree(join(dir, 'offline'))).toEqual(readTree(join(dir, 'out')));
  }, 120_000);

  it('terraform applies the module into moto; drift finds nothing; a hand change is named; gameday puts an alarm into ALARM', async () => {
    const root = join(dir, 'root');
    mkdirSync(root, { recursive: true });
    // The existing log group comes in by the import blocks obsgen wrote for the root.
    expect(existsSync(join(dir, 'out/terraform/root-imports/imports.tf'))).toBe(true);
    writeRoot(root, join(dir, 'out'));
    const init = await terraformIn(root, ['init', '-input=false', '-no-color']);
    expect(init.code, init.output).toBe(0);
    const apply = await terraformIn(root, ['apply', '-auto-approve', '-input=false', '-no-color', '-parallelism=20']);
    expect(apply.code, apply.output.slice(-4000)).toBe(0);
    // The imported log group is changed in place: it gets the retention obsgen sets.
    expect(apply.output).toMatch(/Apply complete! Resources: 1 imported, \d+ added, 1 changed, 0 destroyed/);
    // Applying again changes nothing: what moto holds reads back as what was written.
    const again = await terraformIn(root, ['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    expect(again.code, again.output.slice(-4000)).toBe(0);

    const manifest = manifestIn(join(dir, 'out'));
    expect(proxy.composites.size).toBe(manifest.composites.length);

    const clean = await runObsgen(['drift', '--out', 'out'], dir);
    expect(clean.stdout).toContain('2 of 2 account/region scopes checked');
    expect(clean.stdout).toContain('No drift.');
    expect(clean.code).toBe(0);

    // Someone raises a threshold in the console.
    const cw = new CloudWatchClient(clientConfig());
    const target = manifest.alarms.find((a) => a.account === MOTO_ACCOUNT && a.id.endsWith('sqs:queue/checkout-orders/oldest-message-age'))!;
    const live = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [target.name] }))).MetricAlarms![0] as MetricAlarm;
    const { AlarmArn: _arn, StateValue: _s, StateReason: _r, StateReasonData: _d, StateUpdatedTimestamp: _t, AlarmConfigurationUpdatedTimestamp: _c, StateTransitionedTimestamp: _x, EvaluationState: _e, ...definition } = live;
    await cw.send(new PutMetricAlarmCommand({ ...definition, AlarmName: target.name, EvaluationPeriods: definition.EvaluationPeriods!, ComparisonOperator: definition.ComparisonOperator!, Threshold: 99_999 }));
    const drifted = await runObsgen(['drift', '--out', 'out'], dir);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain(target.name);
    expect(drifted.stdout).toContain('99999');

    const gameday = await runObsgen(['gameday', '--out', 'out', '--alarm', target.id, '--yes'], dir);
    expect(gameday.code, gameday.stderr).toBe(0);
    const after = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [target.name] }))).MetricAlarms![0]!;
    expect(after.StateValue).toBe('ALARM');
  }, 600_000);

  it('retries throttling and server errors from the proxy; a denied account is an incomplete scope and the other is written', async () => {
    proxy.faults.push({ service: 'tagging', kind: 'throttle', times: 2 }, { service: 'logs', kind: 'server-error', times: 1 });
    const retried = await runObsgen(['generate', '--config', 'no-history.yaml', '--out', 'faults-retried'], dir);
    expect(retried.code).toBe(0);
    expect(retried.stderr).toMatch(/2 scopes \(2 complete\).* [3-9] retries, 0 failed calls/);
    expect(proxy.calls.filter((c) => c.fault === 'throttle')).toHaveLength(2);

    proxy.faults.length = 0;
    proxy.faults.push({ service: 'tagging', account: STAGING, kind: 'access-denied' });
    const denied = await runObsgen(['generate', '--config', 'no-history.yaml', '--out', 'faults-denied'], dir);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(`aws:${STAGING}/${REGION}: warning: discovery did not complete (AccessDeniedException`);
    const manifest = manifestIn(join(dir, 'faults-denied'));
    expect(manifest.scopes.filter((s) => !s.complete).map((s) => s.account)).toEqual([STAGING]);
    expect(manifest.alarms.some((a) => a.account === MOTO_ACCOUNT)).toBe(true);

    proxy.faults.length = 0;
    proxy.faults.push({ service: 'tagging', account: STAGING, kind: 'broken-page' });
    const broken = await runObsgen(['generate', '--config', 'no-history.yaml', '--out', 'faults-broken'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`aws:${STAGING}/${REGION}: warning: discovery did not complete`);
    proxy.faults.length = 0;
  }, 180_000);
});
