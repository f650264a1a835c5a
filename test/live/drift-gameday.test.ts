import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteAlarmsCommand, DescribeAlarmsCommand, PutCompositeAlarmCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import type { PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/drift/compare.js';
import type { Manifest } from '../../src/state/manifest.js';
import { runObsgen } from '../helpers/cli.js';
import { cloudwatchIn, deployCloudFormation, deployInto } from '../helpers/deploy-cloudformation.js';
import type { Deployed } from '../helpers/deploy-cloudformation.js';
import { readTree, tempDir } from '../helpers/files.js';
import { LIVE_CONFIG, writeAcmeSnapshot } from '../helpers/live.js';
import { startMotoBehindProxy } from '../helpers/moto-proxy.js';
import type { MotoProxy } from '../helpers/moto-proxy.js';
import { motoTool, need } from '../helpers/tools.js';
import { manifestFromFiles } from '../helpers/manifest.js';

/*
 * drift and gameday against moto_server (behind test/helpers/moto-proxy.ts, which adds the
 * composite alarms moto lacks and the faults): the acme estate is generated from a snapshot of
 * it (moto cannot list its API Gateway APIs), its CloudFormation alarms are put into moto in
 * both accounts as a stack create would, and changed by hand through the CloudWatch API.
 * moto starts once for this file and the alarms are deployed once; what a test changes is put
 * back before the next.
 */

const PROD = '111111111111';
const STAGING = '222222222222';
const REGION = 'eu-west-1';

const motoNeed = need('moto_server', motoTool());

let proxy: MotoProxy;
let stop: (() => Promise<void>) | undefined;
let dir: string;
let deployed: Map<string, Deployed>;
let manifest: Manifest;

async function driftJson(args: string[] = []): Promise<{ code: number; report: DriftReport & { diagnostics: { message: string; file?: string }[] } }> {
  const run = await runObsgen(['drift', '--out', 'out', '--json', ...args], dir);
  return { code: run.code, report: JSON.parse(run.stdout) as DriftReport & { diagnostics: { message: string; file?: string }[] } };
}

/*
 * Every change a test makes goes through these (all in prod eu-west-1), so that the next test
 * starts from the deployed alarms again without putting back all of them (moto is slow at that).
 */
const changed = new Set<string>();
const added = new Set<string>();
let compositeChanged: string | undefined;
const prodEu = () => cloudwatchIn(proxy, PROD, REGION);
const deployedHere = () => deployed.get(`${PROD}/${REGION}`)!;
/** The deployed definition of a prod eu-west-1 alarm, to put back changed. */
const definition = (name: string): PutMetricAlarmCommandInput => structuredClone(deployedHere().alarms.find((a) => a.AlarmName === name)!);
async function change(name: string, edit: (a: PutMetricAlarmCommandInput) => void): Promise<void> {
  const a = definition(name);
  edit(a);
  changed.add(name);
  await (await prodEu()).send(new PutMetricAlarmCommand(a));
}
async function remove(name: string): Promise<void> {
  changed.add(name);
  await (await prodEu()).send(new DeleteAlarmsCommand({ AlarmNames: [name] }));
}
/** An alarm nobody generated (a team's own, or one under obsgen's prefix). */
async function addForeign(AlarmName: string): Promise<void> {
  added.add(AlarmName);
  await (await prodEu()).send(new PutMetricAlarmCommand({ AlarmName, Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Statistic: 'Average', Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, Period: 60 }));
}
async function changeCompositeRule(name: string, AlarmRule: string): Promise<void> {
  compositeChanged = name;
  await (await prodEu()).send(new PutCompositeAlarmCommand({ ...deployedHere().compositeAlarms.find((c) => c.AlarmName === name)!, AlarmRule }));
}
/** Puts back what the last test changed (a put also resets a metric alarm's state in moto). */
async function restore(): Promise<void> {
  const cw = await prodEu();
  if (added.size > 0) await cw.send(new DeleteAlarmsCommand({ AlarmNames: [...added] }));
  for (const name of changed) await cw.send(new PutMetricAlarmCommand(definition(name)));
  if (compositeChanged) await cw.send(new PutCompositeAlarmCommand(deployedHere().compositeAlarms.find((c) => c.AlarmName === compositeChanged)!));
  added.clear();
  changed.clear();
  compositeChanged = undefined;
}

const inScope = <T extends { account: string; region: string }>(items: T[], account: string, region: string) => items.filter((x) => x.account === account && x.region === region);
const operations = () => new Set(proxy.calls.filter((c) => c.service !== 'sts').map((c) => `${c.service}:${c.operation}`));
const setAlarmStateCalls = () => proxy.calls.filter((c) => c.operation === 'SetAlarmState');

describe.skipIf(motoNeed.skip !== false)('against moto: drift and gameday', () => {
  beforeAll(async () => {
    const started = await startMotoBehindProxy(REGION);
    proxy = started.proxy;
    stop = started.stop;
    dir = tempDir();
    writeFileSync(join(dir, 'obsgen.config.yaml'), LIVE_CONFIG);
    writeAcmeSnapshot(join(dir, 'snap'));
    const run = await runObsgen(['generate', '--snapshot', 'snap', '--out', 'out', '--quiet'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = readTree(join(dir, 'out'));
    deployed = deployCloudFormation(files);
    manifest = manifestFromFiles(files);
    await deployInto(proxy, deployed);
  }, 60_000);

  afterAll(() => stop?.());

  beforeEach(async () => {
    proxy.faults.length = 0;
    await restore();
    proxy.calls.length = 0;
  });

  describe('obsgen drift over the wire', () => {
    it('finds no drift right after deploying the generated stacks, reading only DescribeAlarms', async () => {
      expect(manifest.alarms.length).toBeGreaterThan(200);
      // The config gives warnings two actions: a stack's list parameter deploys both, on alarm and on OK.
      const warning = manifest.alarms.find((a) => a.severity === 'warning' && a.account === PROD && a.region === REGION)!;
      const both = [`arn:aws:sns:${REGION}:${PROD}:acme-alerts`, `arn:aws:sns:${REGION}:${PROD}:acme-chat`];
      expect(warning.actions).toEqual(both);
      expect(deployedHere().alarms.find((a) => a.AlarmName === warning.name)).toMatchObject({ AlarmActions: both, OKActions: both });
      const run = await runObsgen(['drift', '--out', 'out'], dir);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('4 of 4 account/region scopes checked');
      expect(run.stdout).toContain('No drift.');
      expect(run.code).toBe(0);
      expect(operations()).toEqual(new Set(['monitoring:DescribeAlarms']));
      // prod eu-west-1 has more alarms than one page holds (100): drift read them all, page by page.
      expect(inScope(manifest.alarms, PROD, REGION).length + inScope(manifest.composites, PROD, REGION).length).toBeGreaterThan(100);
      expect(inScope(proxy.calls.filter((c) => c.operation === 'DescribeAlarms'), PROD, REGION).length).toBeGreaterThan(1);
    });

    it('reports alarms missing, unmanaged under the prefix, and changed by hand; exit 1', async () => {
      // Deleted by hand.
      await remove('obsgen/lambda:function/checkout-api/errors');
      // Threshold raised, actions removed, evaluation changed, a math alarm's period changed.
      await change('obsgen/sqs:queue/checkout-orders/oldest-message-age', (a) => (a.Threshold = 99999));
      await change('obsgen/dynamodb:table/checkout-carts/system-errors', (a) => (a.AlarmActions = []));
      await change('obsgen/lambda:function/checkout-order-worker/throttles', (a) => (a.EvaluationPeriods = 30));
      await change('obsgen/apigateway:api/f6g7h8i9j0/client-errors', (a) => {
        expect(a.Metrics?.some((q) => q.MetricStat)).toBe(true);
        for (const q of a.Metrics!) if (q.MetricStat) q.MetricStat.Period = 300;
      });
      // A composite's rule edited in the console.
      await changeCompositeRule('obsgen/application/checkout/critical', 'ALARM("obsgen/lambda:function/checkout-api/errors")');
      // Silenced by hand: reported, but not drift (it is also a deployment parameter).
      await change('obsgen/lambda:function/catalog-api/errors', (a) => (a.ActionsEnabled = false));
      // Someone else's alarm under the prefix, and one outside it (not obsgen's business).
      await addForeign('obsgen/legacy/old-cpu');
      await addForeign('team-x/cpu');

      const { code, report } = await driftJson();
      expect(code).toBe(1);
      expect(report.drift).toBe(true);
      expect(report.missing).toEqual([{ name: 'obsgen/lambda:function/checkout-api/errors', account: PROD, region: REGION, id: `${PROD}/${REGION}/lambda:function/checkout-api/errors`, kind: 'metric' }]);
      expect(report.unmanaged).toEqual([{ name: 'obsgen/legacy/old-cpu', account: PROD, region: REGION, kind: 'metric' }]);
      const changes = Object.fromEntries(report.changed.map((c) => [c.name, c.changes]));
      expect(Object.keys(changes).sort()).toEqual([
        'obsgen/apigateway:api/f6g7h8i9j0/client-errors',
        'obsgen/application/checkout/critical',
        'obsgen/dynamodb:table/checkout-carts/system-errors',
        'obsgen/lambda:function/checkout-order-worker/throttles',
        'obsgen/sqs:queue/checkout-orders/oldest-message-age',
      ]);
      expect(changes['obsgen/sqs:queue/checkout-orders/oldest-message-age']).toEqual([{ field: 'threshold', expected: '1800', live: '99999' }]);
      expect(changes['obsgen/dynamodb:table/checkout-carts/system-errors']).toEqual([{ field: 'actions', expected: `arn:aws:sns:${REGION}:${PROD}:acme-pager`, live: 'none' }]);
      expect(changes['obsgen/lambda:function/checkout-order-worker/throttles']!.map((c) => c.field)).toEqual(['evaluationPeriods']);
      expect(changes['obsgen/apigateway:api/f6g7h8i9j0/client-errors']).toEqual([{ field: 'period', expected: '60', live: '300' }]);
      expect(changes['obsgen/application/checkout/critical']!.map((c) => c.field)).toEqual(['rule']);
      expect(report.actionsDisabled.map((a) => a.name)).toEqual(['obsgen/lambda:function/catalog-api/errors']);

      const text = await runObsgen(['drift', '--out', 'out'], dir);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`  ~ obsgen/sqs:queue/checkout-orders/oldest-message-age  [${PROD}/${REGION}]\n      threshold: 1800 (generated) → 99999 (live)`);
      expect(text.stdout).toContain(`  ? obsgen/legacy/old-cpu  [${PROD}/${REGION}]`);
      expect(text.stdout).not.toContain('team-x/cpu');
      // Limited to a region, the drift elsewhere is not looked at.
      const us = await driftJson(['--region', 'us-east-1']);
      expect(us.code).toBe(0);
      expect(us.report.scopes.map((s) => `${s.account}/${s.region}`)).toEqual([`${PROD}/us-east-1`, `${STAGING}/us-east-1`]);
    });

    it('a scope that cannot be read is an error naming it (exit 2); the others are still compared', async () => {
      proxy.faults.push({ service: 'monitoring', operation: 'DescribeAlarms', account: STAGING, region: REGION, kind: 'access-denied' });
      const { code, report } = await driftJson();
      expect(code).toBe(2);
      expect(report.scopes.find((s) => s.account === STAGING && s.region === REGION)).toMatchObject({ checked: false, error: expect.stringContaining('AccessDenied') as unknown });
      expect(report.scopes.filter((s) => s.checked)).toHaveLength(3);
      expect(report.diagnostics.map((d) => d.file)).toEqual([`aws:${STAGING}/${REGION}`]);
      expect(report.missing).toEqual([]);
      expect(proxy.calls.filter((c) => c.fault === 'access-denied').map((c) => `${c.account}/${c.region}`)).toEqual([`${STAGING}/${REGION}`]);
    });
  });

  describe('obsgen gameday over the wire', () => {
    const ALARM = `${PROD}/${REGION}/sqs:queue/checkout-orders/oldest-message-age`;
    const NAME = 'obsgen/sqs:queue/checkout-orders/oldest-message-age';
    const live = async () => (await (await prodEu()).send(new DescribeAlarmsCommand({ AlarmNames: [NAME] }))).MetricAlarms![0]!;

    it('is a dry run by default: reports the actions that would fire and changes nothing', async () => {
      const run = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM], dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      // moto starts a new alarm in OK (AWS in INSUFFICIENT_DATA): the state shown is the live one.
      expect(run.stdout).toContain(`Would set ${NAME} to ALARM in ${PROD}/${REGION} (now OK).`);
      expect(run.stdout).toContain(`These actions should fire:\n  arn:aws:sns:${REGION}:${PROD}:acme-pager\n`);
      expect(run.stdout).toContain('Dry run: nothing was changed.');
      expect(setAlarmStateCalls()).toEqual([]);
      expect((await live()).StateValue).toBe('OK');
    });

    it('with --yes puts the alarm into ALARM with SetAlarmState, by id or by name', async () => {
      changed.add(NAME);
      const run = await runObsgen(['gameday', '--out', 'out', '--alarm', NAME, '--yes', '--json'], dir);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ alarm: NAME, id: ALARM, set: true, dryRun: false, actions: [`arn:aws:sns:${REGION}:${PROD}:acme-pager`] });
      expect(setAlarmStateCalls().map((c) => ({ account: c.account, region: c.region, status: c.status }))).toEqual([{ account: PROD, region: REGION, status: 200 }]);
      const after = await live();
      expect(after.StateValue).toBe('ALARM');
      expect(JSON.parse(after.StateReasonData!)).toEqual({ obsgen: 'gameday', id: ALARM });
      // The state is visible to the next reader.
      const again = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM], dir);
      expect(again.stdout).toContain('(now ALARM)');
    });

    it('refuses alarms obsgen did not generate, and generated alarms that are not deployed', async () => {
      await addForeign('team-x/cpu');
      const foreign = await runObsgen(['gameday', '--out', 'out', '--alarm', 'team-x/cpu', '--yes'], dir);
      expect(foreign.code).toBe(2);
      expect(foreign.stderr).toContain('"team-x/cpu" is not an alarm obsgen generated');
      await remove(NAME);
      const undeployed = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM, '--yes'], dir);
      expect(undeployed.code).toBe(2);
      expect(undeployed.stderr).toContain(`aws:${PROD}/${REGION}: error: ${NAME} is not deployed`);
      expect(setAlarmStateCalls()).toEqual([]);
    });

    it('says which permission is missing when SetAlarmState is denied, and warns when nobody would be notified', async () => {
      proxy.faults.push({ service: 'monitoring', operation: 'SetAlarmState', kind: 'access-denied' });
      const denied = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM, '--yes'], dir);
      expect(denied.code).toBe(2);
      expect(denied.stderr).toContain('it needs cloudwatch:SetAlarmState');
      expect((await live()).StateValue).toBe('OK');
      await change(NAME, (a) => (a.ActionsEnabled = false));
      const dry = await runObsgen(['gameday', '--out', 'out', '--alarm', ALARM], dir);
      expect(dry.stderr).toContain('has its actions disabled: going into ALARM will notify nobody');
    });
  });
});

describe('obsgen drift', () => {
  it('needs a manifest', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'obsgen.config.yaml'), LIVE_CONFIG);
    const run = await runObsgen(['drift', '--out', 'nothing-here'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no obsgen.manifest.json: run `obsgen generate` first');
  });
});
