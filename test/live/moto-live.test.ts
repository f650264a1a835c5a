import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { validateTemplates } from '../helpers/cloudformation-output.js';
import { readTree, tempDir } from '../helpers/files.js';
import { MOTO_ACCOUNT } from '../helpers/moto.js';
import { motoCredentialsIn, startMotoBehindProxy } from '../helpers/moto-proxy.js';
import type { MotoProxy } from '../helpers/moto-proxy.js';
import { motoTool, need } from '../helpers/tools.js';
import { manifestFromFiles, manifestIn } from '../helpers/manifest.js';

/*
 * `generate --source aws` against moto_server behind test/helpers/moto-proxy.ts (the faults):
 * two accounts (the second through a role) in two regions, what a run does when scopes fail,
 * and its progress line. moto starts once for this file. What moto cannot serve (API Gateway
 * discovery and enrichment, slow, endless and malformed answers, expired pagination tokens) is
 * in generate-live.test.ts and live-bounds.test.ts, on the hand-written fake.
 */

const PROD = MOTO_ACCOUNT;
const STAGING = '222222222222';

const CONFIG = `
source:
  type: aws
  regions: [eu-west-1, us-east-1]
  accounts: ["${PROD}", "${STAGING}"]
  roleArn: "arn:{{partition}}:iam::{{account}}:role/obsgen-readonly"
  maxAttempts: 4
  requestTimeoutSeconds: 2
tags: { application: app, environment: env }
actions:
  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"
  warning: "arn:{{partition}}:sns:{{region}}:{{account}}:alerts"
logs:
  retentionDays: 30
output:
  format: both
  terraform: { moduleName: monitoring }
tuning: { fetchHistory: false }
`;

const motoNeed = need('moto_server', motoTool());

let proxy: MotoProxy;
let stop: (() => Promise<void>) | undefined;
let staging: AwsCredentialIdentity;

const clientConfig = (region: string, credentials: AwsCredentialIdentity = { accessKeyId: 'AKIAMOTOEXAMPLE', secretAccessKey: 'moto' }) => ({ endpoint: proxy.url, region, credentials });
const queue = (region: string, name: string, app: string, credentials?: AwsCredentialIdentity) =>
  new SQSClient(clientConfig(region, credentials)).send(new CreateQueueCommand({ QueueName: name, tags: { app, env: 'prod' } }));

/**
 * prod: a function whose log group Lambda already made (imported, not created) and a queue in
 * eu-west-1, a queue in us-east-1; staging: a queue in eu-west-1, nothing in us-east-1.
 */
async function createEstate(): Promise<void> {
  const role = await new IAMClient(clientConfig('eu-west-1')).send(new CreateRoleCommand({ RoleName: 'lambda-exec', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }));
  // An empty zip: moto stores the code, it never runs it here.
  const code = { ZipFile: Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64') };
  await new LambdaClient(clientConfig('eu-west-1')).send(new CreateFunctionCommand({ FunctionName: 'checkout-api', Runtime: 'nodejs20.x', Role: role.Role!.Arn!, Handler: 'index.handler', Code: code, Tags: { app: 'checkout', env: 'prod' } }));
  await new CloudWatchLogsClient(clientConfig('eu-west-1')).send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/checkout-api' }));
  await queue('eu-west-1', 'checkout-orders', 'checkout');
  await queue('us-east-1', 'notifications-outbox', 'notifications');
  staging = await motoCredentialsIn(proxy.url, STAGING);
  await queue('eu-west-1', 'catalog-orders', 'catalog', staging);
}

function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'obsgen.config.yaml'), CONFIG);
  return dir;
}

const manifestOf = (dir: string) => manifestIn(join(dir, 'out'));
const inScope = <T extends { account: string; region: string }>(items: T[], account: string, region: string) => items.filter((x) => x.account === account && x.region === region);

describe.skipIf(motoNeed.skip !== false)('generate --source aws against moto', () => {
  beforeAll(async () => {
    const started = await startMotoBehindProxy('eu-west-1');
    proxy = started.proxy;
    stop = started.stop;
    await createEstate();
  }, 60_000);

  afterAll(() => stop?.());

  beforeEach(() => {
    proxy.faults.length = 0;
    proxy.calls.length = 0;
  });

  it('reports a scope that fails (access denied, region not enabled) by name; the rest is written', async () => {
    proxy.faults.push({ service: 'tagging', account: STAGING, region: 'eu-west-1', kind: 'access-denied' }, { service: 'tagging', account: PROD, region: 'us-east-1', kind: 'unrecognized-client' });
    const dir = project();
    const run = await runObsgen(['generate', '--out', 'out'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`aws:${STAGING}/eu-west-1: warning: discovery did not complete (AccessDeniedException`);
    expect(run.stderr).toContain(`aws:${PROD}/us-east-1: warning: discovery did not complete (UnrecognizedClientException`);
    // No credentials in what is printed (moto's base key is AKIA…, the role's ASIA…).
    expect(run.stderr).not.toMatch(/AKIA|ASIA|SecretAccessKey/);
    const files = [...readTree(join(dir, 'out'))];
    expect(validateTemplates(files)).toEqual([]);
    const manifest = manifestFromFiles(files);
    expect(manifest.scopes.filter((s) => !s.complete).map((s) => `${s.account}/${s.region}`)).toEqual([`${PROD}/us-east-1`, `${STAGING}/eu-west-1`]);
    expect(files.some(([p]) => p.startsWith(`cloudformation/${PROD}/eu-west-1/`))).toBe(true);
    expect(files.some(([p]) => p.startsWith(`cloudformation/${STAGING}/`))).toBe(false);
    expect(proxy.calls.filter((c) => c.fault !== undefined).map((c) => `${c.fault} ${c.account}/${c.region}`).sort()).toEqual([`access-denied ${STAGING}/eu-west-1`, `unrecognized-client ${PROD}/us-east-1`]);
  }, 60_000);

  it('an incomplete scope keeps what it had, and the log groups it imported; a resource new elsewhere is written', async () => {
    const dir = project();
    const first = await runObsgen(['generate', '--out', 'out', '--quiet'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const before = manifestOf(dir);
    const stuckFiles = [...readTree(join(dir, 'out'))].filter(([p]) => p.startsWith(`cloudformation/${PROD}/eu-west-1/`));
    expect(stuckFiles.length).toBeGreaterThan(0);
    const imported = before.logGroups.filter((l) => l.exists);
    expect(imported.map((l) => l.name)).toEqual(['/aws/lambda/checkout-api']);

    await queue('eu-west-1', 'catalog-new', 'catalog', staging);
    proxy.faults.push({ service: 'tagging', account: PROD, region: 'eu-west-1', kind: 'access-denied' });
    const run = await runObsgen(['generate', '--out', 'out'], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`aws:${PROD}/eu-west-1: warning: discovery did not complete (AccessDeniedException: `);
    const after = manifestOf(dir);
    expect(inScope(after.scopes, PROD, 'eu-west-1').map((s) => s.complete)).toEqual([false]);
    expect(inScope(after.resources, PROD, 'eu-west-1')).toEqual(inScope(before.resources, PROD, 'eu-west-1'));
    expect(inScope(after.alarms, PROD, 'eu-west-1')).toEqual(inScope(before.alarms, PROD, 'eu-west-1'));
    expect(after.logGroups.filter((l) => l.exists)).toEqual(imported);
    expect([...readTree(join(dir, 'out'))].filter(([p]) => p.startsWith(`cloudformation/${PROD}/eu-west-1/`))).toEqual(stuckFiles);
    expect(after.scopes.filter((s) => s.complete)).toHaveLength(3);
    expect(after.resources.map((r) => r.arn)).toContain(`arn:aws:sqs:eu-west-1:${STAGING}:catalog-new`);
  }, 60_000);

  it('shows progress on a terminal, and nothing but the summary otherwise; --quiet silences both', async () => {
    const { runCli } = await import('../../src/cli/run.js');
    const dir = project();
    const run = async (args: string[], isTty: boolean) => {
      let stderr = '';
      const code = await runCli(args, { cwd: dir, isTty, stdout: () => {}, stderr: (t) => (stderr += t) });
      return { code, stderr };
    };
    const tty = await run(['inventory'], true);
    expect(tty.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(tty.stderr).toMatch(/\r\x1b\[Kresources: \d\/4 account\/region scopes, \d+ resources, \d+ calls/);
    const pipe = await run(['inventory'], false);
    expect(pipe.stderr).not.toContain('\r');
    expect(pipe.stderr).toMatch(/^aws: 4 scopes/);
    expect((await run(['generate', '--out', 'o', '--quiet'], true)).stderr).toBe('');
  }, 60_000);
});
