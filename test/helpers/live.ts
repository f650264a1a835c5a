import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeAws, FakeFixture, FakeResource } from './fake-aws/index.js';
import { startFakeAws } from './fake-aws/index.js';
import { REPO } from './paths.js';
import { pointSdkAt } from './sdk-env.js';

/** The acme example's inventory files as a live account fixture (two accounts, three scopes). */
export function acmeFixture(): FakeFixture {
  const listing = (file: string) =>
    (JSON.parse(readFileSync(join(REPO, 'examples/acme/inventory', file), 'utf8')) as { ResourceTagMappingList: FakeResource[] }).ResourceTagMappingList;
  // What the live source learns from the service APIs and the inventory files carry as hint tags.
  const strip = (resources: FakeResource[]) =>
    resources.map((r) => ({ ...r, Tags: (r.Tags ?? []).filter((t) => !['obsgen:api-name', 'obsgen:load-balancer', 'obsgen:api-protocol'].includes(t.Key)) }));
  return {
    baseAccount: '999999999999',
    accounts: {
      '111111111111': {
        roleName: 'obsgen-readonly',
        externalId: 'acme-obsgen',
        regions: {
          'eu-west-1': {
            resources: strip(listing('prod-eu-west-1.json')),
            logGroups: [{ logGroupName: '/aws/lambda/checkout-api' }, { logGroupName: '/aws/lambda/checkout-payment-handler', retentionInDays: 7 }, { logGroupName: '/aws/lambda/legacy-report-cron' }, { logGroupName: '/aws/rds/instance/legacy-db/postgresql', retentionInDays: 30 }, { logGroupName: '/aws/vendedlogs/states/catalog-import', retentionInDays: 30 }],
            restApis: [{ id: 'a1b2c3d4e5', name: 'checkout-public' }],
            apis: [
              { ApiId: 'f6g7h8i9j0', Name: 'catalog-public', ProtocolType: 'HTTP' },
              { ApiId: 'k1l2m3n4o5', Name: 'notifications-push', ProtocolType: 'WEBSOCKET' },
            ],
            targetGroups: [
              { TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/checkout-web-tg/6d0ecf831eec9f09', LoadBalancerArns: ['arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/checkout-web/50dc6c495c0c9188'] },
              { TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/notifications-smtp-tg/4a1b2c3d4e5f6a7b', LoadBalancerArns: ['arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/notifications-smtp/73e2d6bc24d8a067'] },
            ],
          },
          'us-east-1': { resources: strip(listing('prod-us-east-1.json')) },
        },
      },
      '222222222222': {
        roleName: 'obsgen-readonly',
        externalId: 'acme-obsgen',
        regions: {
          'eu-west-1': {
            resources: strip(listing('staging-eu-west-1.json')),
            logGroups: [{ logGroupName: '/aws/lambda/catalog-api-staging', retentionInDays: 3 }],
            restApis: [{ id: 'z9y8x7w6v5', name: 'checkout-public-staging' }],
            targetGroups: [{ TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:222222222222:targetgroup/checkout-web-staging-tg/ee55ff6677889900', LoadBalancerArns: ['arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/checkout-web-staging/aa11bb22cc33dd44'] }],
          },
        },
      },
    },
  };
}

/** The acme example's accounts: its inventory files are named by environment. */
const ACME_ACCOUNTS = { prod: '111111111111', staging: '222222222222' } as const;

/**
 * The acme example's inventory and log-group files as an `obsgen snapshot` folder of the four
 * scopes LIVE_CONFIG reads (staging has nothing in us-east-1): what a live run of the acme
 * estate writes, so that `generate --snapshot` under LIVE_CONFIG gives the live run's output
 * without an endpoint. No metric history: thresholds are the blueprints' defaults.
 */
export function writeAcmeSnapshot(dir: string): void {
  const example = join(REPO, 'examples/acme');
  const inventory: string[] = [];
  const logGroups: string[] = [];
  for (const kind of ['inventory', 'log-groups'] as const) {
    mkdirSync(join(dir, kind), { recursive: true });
    for (const [env, account] of Object.entries(ACME_ACCOUNTS)) {
      for (const region of ['eu-west-1', 'us-east-1']) {
        const from = join(example, kind, `${env}-${region}.json`);
        const to = `${kind}/${account}-${region}.json`;
        try {
          copyFileSync(from, join(dir, to));
        } catch {
          continue;
        }
        (kind === 'inventory' ? inventory : logGroups).push(to);
      }
    }
  }
  const scopes = Object.values(ACME_ACCOUNTS).flatMap((account) => ['eu-west-1', 'us-east-1'].map((region) => ({ account, region, partition: 'aws', complete: true })));
  writeFileSync(join(dir, 'obsgen.snapshot.json'), JSON.stringify({ generator: 'obsgen-snapshot', version: 1, scopes, inventory, logGroups }, null, 2));
}

/** The acme config for the live source: both accounts through a role, three regions. */
export const LIVE_CONFIG = `
source:
  type: aws
  regions: [eu-west-1, us-east-1]
  accounts: ["111111111111", "222222222222"]
  roleArn: "arn:{{partition}}:iam::{{account}}:role/obsgen-readonly"
  externalId: acme-obsgen
  maxAttempts: 4
  requestTimeoutSeconds: 2
tags: { application: app, environment: env }
filters:
  exclude: [{ tag: lifecycle, values: [sandbox] }]
actions:
  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:acme-pager"
  # Two actions for one severity: CloudFormation takes them as a list parameter, as Terraform does.
  warning: ["arn:{{partition}}:sns:{{region}}:{{account}}:acme-alerts", "arn:{{partition}}:sns:{{region}}:{{account}}:acme-chat"]
logs:
  retentionDays: 30
  retentionByEnvironment: { prod: 365, staging: 14 }
output:
  format: both
  terraform: { moduleName: monitoring }
`;

/**
 * Runs `fn` with the process environment pointing the AWS SDK at a fake endpoint, exactly as a
 * user would at AWS (only AWS_ENDPOINT_URL differs), and restores it afterwards.
 */
export async function withFakeAws<T>(fixture: FakeFixture, fn: (fake: FakeAws) => Promise<T>): Promise<T> {
  const fake = await startFakeAws(fixture);
  const restore = pointSdkAt(fake.env('eu-west-1'));
  try {
    return await fn(fake);
  } finally {
    restore();
    await fake.stop();
  }
}
