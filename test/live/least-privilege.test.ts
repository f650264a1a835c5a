import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.js';

// IAM action prefix of each SDK client obsgen uses.
const IAM_PREFIX: Record<string, string> = {
  '@aws-sdk/client-resource-groups-tagging-api': 'tag',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-cloudwatch-logs': 'logs',
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing',
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-api-gateway': 'apigateway',
  '@aws-sdk/client-apigatewayv2': 'apigateway',
};
// API Gateway is authorised by HTTP method, and every call obsgen makes to it is a GET.
const APIGATEWAY_GET = new Set(['GetRestApis', 'GetApis']);
// Actions a policy needs no statement for, or that the README documents separately.
const NOT_IN_READ_ONLY_POLICY = new Set(['sts:GetCallerIdentity', 'sts:AssumeRole', 'cloudwatch:SetAlarmState']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every AWS action the code can call: each Command it constructs and each paginator it runs. */
function actionsCalled(): Set<string> {
  const actions = new Set<string>();
  for (const file of sources(join(REPO, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const [, names, pkg] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
      const prefix = IAM_PREFIX[pkg!];
      if (!prefix) throw new Error(`${file}: no IAM prefix known for ${pkg}`);
      for (const raw of names!.split(',')) {
        const name = raw.trim().replace(/^type\s+/, '');
        const m = /^(?:paginate([A-Z]\w+)|([A-Z]\w+)Command)$/.exec(name);
        if (!m) continue;
        const operation = m[1] ?? m[2]!;
        if (prefix === 'apigateway') {
          if (!APIGATEWAY_GET.has(operation)) throw new Error(`${file}: ${operation} is not a GET; add its IAM action`);
          actions.add('apigateway:GET');
        } else actions.add(`${prefix}:${operation}`);
      }
    }
    // The role assumption of the credential providers is an sts:AssumeRole call too.
    if (/fromTemporaryCredentials\(/.test(text)) actions.add('sts:AssumeRole');
  }
  return actions;
}

type Policy = { Statement: { Effect: string; Action: string[]; Resource: string | string[] }[] };

function readmePolicy(name: string): Policy {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = new RegExp(`<!-- iam-policy:${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!block) throw new Error(`README has no ${name} IAM policy block`);
  return JSON.parse(block[1]!) as Policy;
}

function readmePolicyActions(name = 'read-only'): Set<string> {
  return new Set(readmePolicy(name).Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action));
}

describe('least privilege', () => {
  it('the code calls exactly the read-only actions the README lists (plus documented STS)', () => {
    const called = actionsCalled();
    const documented = readmePolicyActions();
    expect([...called].filter((a) => !NOT_IN_READ_ONLY_POLICY.has(a)).sort()).toEqual([...documented].sort());
    for (const a of called) expect(a, `${a} is a write`).toMatch(/:(Get|Describe|List|GET$|AssumeRole$|GetCallerIdentity$|SetAlarmState$)/);
  });

  it('the one write (game day) has its own policy, limited to obsgen\'s alarms', () => {
    const called = actionsCalled();
    const writes = [...called].filter((a) => !/:(Get|Describe|List|GET$|AssumeRole$|GetCallerIdentity$)/.test(a));
    expect(writes).toEqual(['cloudwatch:SetAlarmState']);
    const policy = readmePolicy('gameday');
    expect(policy.Statement).toEqual([{ Sid: 'ObsgenGameDay', Effect: 'Allow', Action: ['cloudwatch:SetAlarmState'], Resource: 'arn:aws:cloudwatch:*:*:alarm:obsgen/*' }]);
    expect(readmePolicyActions()).not.toContain('cloudwatch:SetAlarmState');
  });

  it('every action in the read-only policy is a read', () => {
    for (const a of readmePolicyActions()) expect(a).toMatch(/^[a-z]+:(Get|Describe|List|GET$)/);
  });
});
