import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/drift/compare.js';
import type { Manifest } from '../../src/state/manifest.js';
import { runObsgen } from '../helpers/cli.js';
import { deployCloudFormation, installAlarms } from '../helpers/deploy-cloudformation.js';
import type { FakeAws, FakeFixture } from '../helpers/fake-aws/index.js';
import { readTree, tempDir } from '../helpers/files.js';
import { acmeFixture, LIVE_CONFIG, withFakeAws } from '../helpers/live.js';

/** Generates from the live fixture, then deploys the CloudFormation output into it. */
async function generatedAndDeployed(fixture: FakeFixture): Promise<{ dir: string; manifest: Manifest }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'obsgen.config.yaml'), LIVE_CONFIG);
  const run = await runObsgen(['generate', '--out', 'out', '--quiet'], dir);
  expect(run.code).toBe(0);
  const files = readTree(join(dir, 'out'));
  installAlarms(fixture, deployCloudFormation(files));
  return { dir, manifest: JSON.parse(files.get('obsgen.manifest.json')!) as Manifest };
}

function region(fixture: FakeFixture, account: string, name: string) {
  return fixture.accounts[account]!.regions[name]!;
}

async function driftJson(dir: string, args: string[] = []): Promise<{ code: number; report: DriftReport & { diagnostics: { message: string; file?: string }[] } }> {
  const run = await runObsgen(['drift', '--out', 'out', '--json', ...args], dir);
  return { code: run.code, report: JSON.parse(run.stdout) as DriftReport & { diagnostics: { message: string; file?: string }[] } };
}

const operations = (fake: FakeAws) => new Set(fake.calls.filter((c) => c.service !== 'sts').map((c) => `${c.service}:${c.operation}`));

describe('obsgen drift over the wire', () => {
  it('finds no drift right after deploying the generated stacks, reading only DescribeAlarms', async () => {
    const fixture = acmeFixture();
    await withFakeAws(fixture, async (fake) => {
      const { dir, manifest } = await generatedAndDeployed(fixture);
      expect(manifest.alarms.length).toBeGreaterThan(200);
      fake.calls.length = 0;
      const run = await runObsgen(['drift', '--out', 'out'], dir);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('4 of 4 account/region scopes checked');
      expect(run.stdout).toContain('No drift.');
      expect(run.code).toBe(0);
      expect(operations(fake)).toEqual(new Set(['cloudwatch:DescribeAlarms']));
    });
  });

  it('reports alarms missing, unmanaged under the prefix, and changed by hand; exit 1', async () => {
    const fixture = acmeFixture();
    await withFakeAws(fixture, async () => {
      const { dir } = await generatedAndDeployed(fixture);
      const eu = region(fixture, '111111111111', 'eu-west-1');
      const alarms = eu.alarms!;
      const byName = (n: string) => alarms.find((a) => a.AlarmName === n)!;
      // Deleted by hand.
      eu.alarms = alarms.filter((a) => a.AlarmName !== 'obsgen/lambda:function/checkout-api/errors');
      // Threshold raised, actions removed, evaluation changed, a math alarm's period changed.
      byName('obsgen/sqs:queue/checkout-orders/oldest-message-age').Threshold = 99999;
      byName('obsgen/dynamodb:table/checkout-carts/system-errors').AlarmActions = [];
      byName('obsgen/lambda:function/checkout-order-worker/throttles').EvaluationPeriods = 30;
      const math = byName('obsgen/apigateway:api/f6g7h8i9j0/client-errors');
      for (const q of math.Metrics as { MetricStat?: { Period: number } }[]) if (q.MetricStat) q.MetricStat.Period = 300;
      // A composite's rule edited in the console.
      const composite = eu.compositeAlarms!.find((c) => c.AlarmName === 'obsgen/application/checkout/critical')!;
      composite.AlarmRule = 'ALARM("obsgen/lambda:function/checkout-api/errors")';
      // Silenced by hand: reported, but not drift (it is also a deployment parameter).
      byName('obsgen/lambda:function/catalog-api/errors').ActionsEnabled = false;
      // Someone else's alarm under the prefix, and one outside it (not obsgen's business).
      eu.alarms.push({ AlarmName: 'obsgen/legacy/old-cpu', Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, Period: 60 });
      eu.alarms.push({ AlarmName: 'team-x/cpu', Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, Period: 60 });

      const { code, report } = await driftJson(dir);
      expect(code).toBe(1);
      expect(report.drift).toBe(true);
      expect(report.missing).toEqual([{ name: 'obsgen/lambda:function/checkout-api/errors', account: '111111111111', region: 'eu-west-1', id: '111111111111/eu-west-1/lambda:function/checkout-api/errors', kind: 'metric' }]);
      expect(report.unmanaged).toEqual([{ name: 'obsgen/legacy/old-cpu', account: '111111111111', region: 'eu-west-1', kind: 'metric' }]);
      const changes = Object.fromEntries(report.changed.map((c) => [c.name, c.changes]));
      expect(Object.keys(changes).sort()).toEqual([
        'obsgen/apigateway:api/f6g7h8i9j0/client-errors',
        'obsgen/application/checkout/critical',
        'obsgen/dynamodb:table/checkout-carts/system-errors',
        'obsgen/lambda:function/checkout-order-worker/throttles',
        'obsgen/sqs:queue/checkout-orders/oldest-message-age',
      ]);
      expect(changes['obsgen/sqs:queue/checkout-orders/oldest-message-age']).toEqual([{ field: 'threshold', expected: '1800', live: '99999' }]);
      expect(changes['obsgen/dynamodb:table/checkout-carts/system-errors']).toEqual([{ field: 'actions', expected: 'arn:aws:sns:eu-west-1:111111111111:acme-pager', live: 'none' }]);
      expect(changes['obsgen/lambda:function/checkout-order-worker/throttles']!.map((c) => c.field)).toEqual(['evaluationPeriods']);
      expect(changes['obsgen/apigateway:api/f6g7h8i9j0/client-errors']).toEqual([{ field: 'period', expected: '60', live: '300' }]);
      expect(changes['obsgen/application/checkout/critical']!.map((c) => c.field)).toEqual(['rule']);
      expect(report.actionsDisabled.map((a) => a.name)).toEqual(['obsgen/lambda:function/catalog-api/errors']);

      const text = await runObsgen(['drift', '--out', 'out'], dir);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('  ~ obsgen/sqs:queue/checkout-orders/oldest-message-age  [111111111111/eu-west-1]\n      threshold: 1800 (generated) → 99999 (live)');
      expect(text.stdout).toContain('  ? obsgen/legacy/old-cpu  [111111111111/eu-west-1]');
      expect(text.stdout).not.toContain('team-x/cpu');
      // Limited to a region, the drift elsewhere is not looked at.
      const us = await driftJson(dir, ['--region', 'us-east-1']);
      expect(us.code).toBe(0);
      expect(us.report.scopes.map((s) => `${s.account}/${s.region}`)).toEqual(['111111111111/us-east-1', '222222222222/us-east-1']);
    });
  });

  it('a scope that cannot be read is an error naming it (exit 2); the others are still compared', async () => {
    const fixture = acmeFixture();
    await withFakeAws(fixture, async (fake) => {
      const { dir } = await generatedAndDeployed(fixture);
      fake.faults.push({ service: 'cloudwatch', operation: 'DescribeAlarms', account: '222222222222', region: 'eu-west-1', kind: 'access-denied' });
      const { code, report } = await driftJson(dir);
      expect(code).toBe(2);
      expect(report.scopes.find((s) => s.account === '222222222222' && s.region === 'eu-west-1')).toMatchObject({ checked: false, error: expect.stringContaining('AccessDenied') as unknown });
      expect(report.scopes.filter((s) => s.checked)).toHaveLength(3);
      expect(report.diagnostics.map((d) => d.file)).toEqual(['aws:222222222222/eu-west-1']);
      expect(report.missing).toEqual([]);
    });
  });

  it('needs a manifest', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'obsgen.config.yaml'), LIVE_CONFIG);
    const run = await runObsgen(['drift', '--out', 'nothing-here'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no obsgen.manifest.json: run `obsgen generate` first');
  });
});

describe('obsgen gameday over the wire', () => {
  const ALARM = '111111111111/eu-west-1/sqs:queue/checkout-orders/oldest-message-age';
  const NAME = 'obsgen/sqs:queue/checkout-orders/oldest-message-age';

  it('is a dry run by default: reports the actions that would fire and changes nothing', async () => {
    const fixture = acmeFixture();
    await withFakeAws(fixture, async (fake) => {
      const { dir } = await generatedAndDeployed(fixture);
      const run = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM], dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Would set ${NAME} to ALARM in 111111111111/eu-west-1 (now INSUFFICIENT_DATA).`);
      expect(run.stdout).toContain('These actions should fire:\n  arn:aws:sns:eu-west-1:111111111111:acme-pager\n');
      expect(run.stdout).toContain('Dry run: nothing was changed.');
      expect(fake.alarmStateChanges).toEqual([]);
    });
  });

  it('with --yes puts the alarm into ALARM with SetAlarmState, by id or by name', async () => {
    const fixture = acmeFixture();
    await withFakeAws(fixture, async (fake) => {
      const { dir } = await generatedAndDeployed(fixture);
      const run = await runObsgen(['gameday', '--out', 'out', '--alarm', NAME, '--yes', '--json'], dir);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ alarm: NAME, id: ALARM, set: true, dryRun: false, actions: ['arn:aws:sns:eu-west-1:111111111111:acme-pager'] });
      expect(fake.alarmStateChanges).toHaveLength(1);
      expect(fake.alarmStateChanges[0]).toMatchObject({ account: '111111111111', region: 'eu-west-1', AlarmName: NAME, StateValue: 'ALARM' });
      expect(JSON.parse(fake.alarmStateChanges[0]!.StateReasonData!)).toEqual({ obsgen: 'gameday', id: ALARM });
      // The state is visible to the next reader.
      const again = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM], dir);
      expect(again.stdout).toContain('(now ALARM)');
    });
  });

  it('refuses alarms obsgen did not generate, and generated alarms that are not deployed', async () => {
    const fixture = acmeFixture();
    await withFakeAws(fixture, async (fake) => {
      const { dir } = await generatedAndDeployed(fixture);
      const eu = region(fixture, '111111111111', 'eu-west-1');
      eu.alarms!.push({ AlarmName: 'team-x/cpu', Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, Period: 60 });
      const foreign = await runObsgen(['gameday', '--out', 'out', '--alarm', 'team-x/cpu', '--yes'], dir);
      expect(foreign.code).toBe(2);
      expect(foreign.stderr).toContain('"team-x/cpu" is not an alarm obsgen generated');
      eu.alarms = eu.alarms!.filter((a) => a.AlarmName !== NAME);
      const undeployed = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM, '--yes'], dir);
      expect(undeployed.code).toBe(2);
      expect(undeployed.stderr).toContain(`aws:111111111111/eu-west-1: error: ${NAME} is not deployed`);
      expect(fake.alarmStateChanges).toEqual([]);
    });
  });

  it('says which permission is missing when SetAlarmState is denied, and warns when nobody would be notified', async () => {
    const fixture = acmeFixture();
    await withFakeAws(fixture, async (fake) => {
      const { dir } = await generatedAndDeployed(fixture);
      fake.faults.push({ service: 'cloudwatch', operation: 'SetAlarmState', kind: 'access-denied' });
      const denied = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM, '--yes'], dir);
      expect(denied.code).toBe(2);
      expect(denied.stderr).toContain('it needs cloudwatch:SetAlarmState');
      const silent = region(fixture, '111111111111', 'eu-west-1').alarms!.find((a) => a.AlarmName === NAME)!;
      silent.ActionsEnabled = false;
      const dry = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM], dir);
      expect(dry.stderr).toContain('has its actions disabled: going into ALARM will notify nobody');
    });
  });
});
