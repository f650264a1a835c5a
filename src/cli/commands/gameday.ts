import type { CompositeAlarm, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { listAlarms, setAlarmState } from '../../aws/alarms.js';
import { describeError } from '../../aws/live-source.js';
import type { Manifest } from '../../state/manifest.js';
import { configFor } from '../../pipeline/inputs.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { EXIT } from '../io.js';
import { sessionFor } from '../../pipeline/live.js';
import { requireManifest } from '../manifest-input.js';
import { printDiagnostics } from '../report.js';

export interface GamedayOptions extends Pick<InputOptions, 'config' | 'out' | 'profile'> {
  alarm: string;
  yes?: boolean;
  json?: boolean;
}

interface Target {
  id: string;
  name: string;
  account: string;
  region: string;
  kind: 'metric' | 'composite';
  expectedActions: string[];
}

function findTarget(manifest: Manifest, key: string): Target | undefined {
  const m = manifest.alarms.find((a) => a.id === key || a.name === key);
  if (m) return { id: m.id, name: m.name, account: m.account, region: m.region, kind: 'metric', expectedActions: m.actions };
  const c = manifest.composites.find((a) => a.id === key || a.name === key);
  return c ? { id: c.id, name: c.name, account: c.account, region: c.region, kind: 'composite', expectedActions: c.actions } : undefined;
}

/**
 * `obsgen gameday --alarm <id>`: puts one generated alarm into ALARM (SetAlarmState) so a team
 * can test its paging path. A dry run unless `--yes`; only alarms in the manifest; reports
 * the actions that should fire, as deployed. CloudWatch puts the alarm back into its real
 * state at its next evaluation.
 */
export async function gamedayCommand(options: GamedayOptions, io: CliIo): Promise<ExitCode> {
  const diags = new Diagnostics();
  const fail = () => {
    printDiagnostics(diags, io);
    return EXIT.failure;
  };
  const config = await configFor(options, io.cwd, diags);
  const manifest = config ? requireManifest(config.output.dir, diags) : undefined;
  if (!config || !manifest) return fail();
  const target = findTarget(manifest, options.alarm);
  if (!target) {
    diags.error(`${JSON.stringify(options.alarm)} is not an alarm obsgen generated (give a stable id or an alarm name as the manifest lists them, in ${config.output.dir}/manifest/<account>/<region>.json); gameday only touches those`);
    return fail();
  }
  const session = sessionFor(config);
  const scope = { account: target.account, region: target.region };
  let live: MetricAlarm | CompositeAlarm | undefined;
  try {
    await session.scopes();
    const found = await listAlarms(session.clientsOf(scope), target.name, [target.name], session.runBounds());
    live = [...found.metric, ...found.composite].find((a) => a.AlarmName === target.name);
  } catch (e) {
    diags.error(`cannot read the alarm: ${describeError(e)}`, { file: `aws:${target.account}/${target.region}` });
    return fail();
  }
  if (!live) {
    diags.error(`${target.name} is not deployed (DescribeAlarms does not find it); deploy the generated code first`, { file: `aws:${target.account}/${target.region}` });
    return fail();
  }

  const actions = live.AlarmActions ?? [];
  if (live.ActionsEnabled === false) diags.warning(`${target.name} has its actions disabled: going into ALARM will notify nobody`);
  else if (actions.length === 0) diags.warning(`${target.name} has no alarm actions: going into ALARM will notify nobody`);
  const unexpected = actions.filter((a) => !target.expectedActions.includes(a));
  if (unexpected.length > 0 || target.expectedActions.some((a) => !actions.includes(a))) {
    diags.warning(`${target.name}'s deployed actions differ from the generated ones (${target.expectedActions.join(', ') || 'none'}); see \`obsgen drift\``);
  }

  let acted = false;
  if (options.yes) {
    try {
      await setAlarmState(session.clientsOf(scope), target.name, 'ALARM', 'obsgen gameday: testing the notification path (set by hand; not a real breach)', { obsgen: 'gameday', id: target.id }, session.runBounds().signal);
      acted = true;
    } catch (e) {
      diags.error(`SetAlarmState failed: ${describeError(e)} (it needs cloudwatch:SetAlarmState, which the read-only policy does not grant)`, { file: `aws:${target.account}/${target.region}` });
      return fail();
    }
  }
  const result = {
    alarm: target.name,
    id: target.id,
    account: target.account,
    region: target.region,
    state: live.StateValue,
    actionsEnabled: live.ActionsEnabled !== false,
    actions,
    dryRun: !options.yes,
    set: acted,
  };
  if (options.json) {
    io.stdout(`${JSON.stringify({ ...result, diagnostics: diags.items }, null, 2)}\n`);
    return diags.hasErrors ? EXIT.failure : EXIT.ok;
  }
  printDiagnostics(diags, io);
  const back =
    target.kind === 'composite'
      ? 'A composite alarm returns to its real state only when one of its children changes state.'
      : 'CloudWatch returns it to its real state at its next evaluation (within a period).';
  io.stdout(
    [
      `${acted ? 'Set' : 'Would set'} ${target.name} to ALARM in ${target.account}/${target.region} (now ${live.StateValue ?? 'unknown'}).`,
      `These actions should fire${result.actionsEnabled ? '' : ' (but actions are disabled)'}:`,
      ...(actions.length > 0 ? actions.map((a) => `  ${a}`) : ['  none']),
      back,
      ...(acted ? [] : ['Dry run: nothing was changed. Run again with --yes to set the state.']),
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
