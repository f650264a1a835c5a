import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand, PutCompositeAlarmCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import type { PutCompositeAlarmCommandInput, PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { parseTemplate } from './cloudformation-output.js';
import { MOTO_ACCOUNT } from './moto.js';
import { motoCredentialsIn } from './moto-proxy.js';
import type { MotoProxy } from './moto-proxy.js';

type Template = {
  Parameters?: Record<string, { Type: string; Default?: string }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};

const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Resolves the intrinsics obsgen's templates use (Ref to parameters with their defaults, a
 * CommaDelimitedList's split at commas as CloudFormation does, and to pseudo parameters; Fn::If
 * over Fn::Equals / Fn::Not / Fn::And / Fn::Or conditions; Fn::Join), as a stack deployment with
 * default parameters would. Anything else fails loudly.
 */
function resolver(t: Template, account: string, region: string) {
  const pseudo: Record<string, string> = { 'AWS::AccountId': account, 'AWS::Region': region, 'AWS::Partition': 'aws' };
  const condition = (name: string): boolean => evaluate(t.Conditions?.[name]) as boolean;
  function evaluate(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(evaluate).filter((x) => x !== NO_VALUE);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) {
      const [fn, arg] = [keys[0]!, o[keys[0]!]];
      const args = arg as unknown[];
      switch (fn) {
        case 'Ref': {
          const name = arg as string;
          if (name === 'AWS::NoValue') return NO_VALUE;
          if (name in pseudo) return pseudo[name];
          const p = t.Parameters?.[name];
          if (!p) throw new Error(`Ref to ${name}: not a parameter (resource references are not deployed here)`);
          if (p.Type === 'CommaDelimitedList') return (p.Default ?? '').split(',');
          if (p.Type !== 'String') throw new Error(`Ref to ${name}: parameter type ${p.Type} is not supported by the test deployer`);
          return p.Default ?? '';
        }
        case 'Fn::Join':
          return (evaluate(args[1]) as string[]).join(args[0] as string);
        case 'Fn::If':
          return evaluate(condition(args[0] as string) ? args[1] : args[2]);
        case 'Fn::Equals':
          return evaluate(args[0]) === evaluate(args[1]);
        case 'Fn::Not':
          return !(evaluate(args[0]) as boolean);
        case 'Fn::And':
          return args.every((a) => evaluate(a) as boolean);
        case 'Fn::Or':
          return args.some((a) => evaluate(a) as boolean);
        default:
          throw new Error(`${fn} is not supported by the test deployer`);
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      const r = evaluate(x);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }
  return evaluate;
}

export interface Deployed {
  alarms: PutMetricAlarmCommandInput[];
  compositeAlarms: PutCompositeAlarmCommandInput[];
}

/**
 * The alarms generated CloudFormation stacks (default parameters) create, as the
 * PutMetricAlarm and PutCompositeAlarm calls CloudFormation makes for them, per
 * `account/region`. Import templates are skipped: the stack template is the full desired state.
 */
export function deployCloudFormation(files: Iterable<[path: string, text: string]>): Map<string, Deployed> {
  const out = new Map<string, Deployed>();
  for (const [path, text] of files) {
    const m = /^cloudformation\/(\d{12})\/([a-z0-9-]+)\/[^/]+\.(ya?ml|json)$/.exec(path);
    if (!m || path.endsWith('.import.yaml') || path.endsWith('.import.json') || path.endsWith('.resources-to-import.json')) continue;
    const [, account, region] = m as unknown as [string, string, string];
    const template = parseTemplate(path, text) as Template;
    const evaluate = resolver(template, account, region);
    const scope = out.get(`${account}/${region}`) ?? { alarms: [], compositeAlarms: [] };
    out.set(`${account}/${region}`, scope);
    for (const r of Object.values(template.Resources)) {
      if (r.Type !== 'AWS::CloudWatch::Alarm' && r.Type !== 'AWS::CloudWatch::CompositeAlarm') continue;
      const p = evaluate(r.Properties) as Record<string, unknown>;
      const enabled = p['ActionsEnabled'] === undefined ? {} : { ActionsEnabled: String(p['ActionsEnabled']) === 'true' };
      if (r.Type === 'AWS::CloudWatch::Alarm') scope.alarms.push({ ...(p as unknown as PutMetricAlarmCommandInput), ...enabled });
      else scope.compositeAlarms.push({ ...(p as unknown as PutCompositeAlarmCommandInput), ...enabled });
    }
  }
  return out;
}

/** A CloudWatch client in `account` and `region` of moto (behind `proxy`): the account's own, or by a role there. */
export async function cloudwatchIn(proxy: MotoProxy, account: string, region: string): Promise<CloudWatchClient> {
  const credentials = account === MOTO_ACCOUNT ? { accessKeyId: 'AKIAMOTOEXAMPLE', secretAccessKey: 'moto' } : await motoCredentialsIn(proxy.url, account);
  return new CloudWatchClient({ endpoint: proxy.url, region, credentials });
}

/**
 * Makes each scope's alarms in moto (behind `proxy`) exactly the deployed ones: every alarm
 * there is deleted, then the metric alarms and the composites are put, as a stack create would.
 */
export async function deployInto(proxy: MotoProxy, deployed: Map<string, Deployed>): Promise<void> {
  for (const [key, d] of deployed) {
    const [account, region] = key.split('/') as [string, string];
    const cw = await cloudwatchIn(proxy, account, region);
    const names = ((await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).map((a) => a.AlarmName!);
    for (let i = 0; i < names.length; i += 100) await cw.send(new DeleteAlarmsCommand({ AlarmNames: names.slice(i, i + 100) }));
    for (const k of [...proxy.composites.keys()]) if (k.startsWith(`${key}/`)) proxy.composites.delete(k);
    for (let i = 0; i < d.alarms.length; i += 16) await Promise.all(d.alarms.slice(i, i + 16).map((a) => cw.send(new PutMetricAlarmCommand(a))));
    for (const c of d.compositeAlarms) await cw.send(new PutCompositeAlarmCommand(c));
  }
}
