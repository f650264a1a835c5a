import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { explainAlarm, thresholdRecord, tunedAlarms } from '../../targets/docs/thresholds.js';
import { describeProvenance } from '../../model/describe.js';
import { inMemory } from '../../targets/files.js';
import { prepareRun } from '../prepare.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { EXIT } from '../io.js';
import { exitCodeFor, printDiagnostics } from '../report.js';
import { formatNumber } from '../../util/numbers.js';
import { visible } from '../../util/visible.js';

/**
 * `obsgen explain [--alarm <id>]`: why each tuned alarm has its threshold (or, for one alarm,
 * wherever its threshold came from): history summary, policy, reason, backtest episodes.
 * Takes the same inputs as `generate` and writes nothing.
 */
export async function explainCommand(options: InputOptions & { alarm?: string; json?: boolean }, io: CliIo): Promise<ExitCode> {
  const diags = new Diagnostics();
  const prepared = await prepareRun(options, io, diags, { quiet: true, allowRemovals: true, sinkFor: () => inMemory });
  printDiagnostics(diags, io);
  // (explain does not ask to reuse the output: it needs the model, so `unchanged` never comes back.)
  if (!prepared?.result) return EXIT.failure;

  const model = prepared.result.model;
  if (options.alarm) {
    const alarm = model.alarms.find((a) => a.id === options.alarm || a.name === options.alarm);
    if (!alarm) {
      io.stderr(`obsgen: no alarm ${JSON.stringify(options.alarm)} (give a stable id, as in the manifest, or an alarm name)\n`);
      return EXIT.failure;
    }
    const tuned = tunedAlarms(model).includes(alarm);
    if (options.json) io.stdout(`${JSON.stringify(tuned ? { ...thresholdRecord(alarm), ...(alarm.threshold.kept ? { kept: alarm.threshold.kept } : {}) } : { id: alarm.id, name: alarm.name, threshold: alarm.threshold.value, provenance: alarm.threshold.provenance }, null, 2)}\n`);
    else if (tuned) io.stdout(explainAlarm(alarm));
    else io.stdout(`${visible(alarm.id)}\n  alarm      ${visible(alarm.name)}\n  threshold  ${formatNumber(alarm.threshold.value)} (${visible(describeProvenance(alarm.threshold.provenance))})\n`);
    return exitCodeFor(diags);
  }
  const tuned = tunedAlarms(model);
  if (options.json) io.stdout(`${JSON.stringify({ alarms: tuned.map(thresholdRecord) }, null, 2)}\n`);
  else io.stdout(tuned.length === 0 ? 'No alarm is tuned from history (no tuning policy applies, or tuning is off).\n' : tuned.map(explainAlarm).join('\n'));
  return exitCodeFor(diags);
}
