import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { escapeControl } from '../../diagnostics/diagnostic.js';
import { inMemory } from '../../targets/files.js';
import { runUntil } from '../../pipeline/run.js';
import { finishLive, progressPrinter } from '../live-report.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { EXIT } from '../io.js';
import { diagnosticsJson, exitCodeFor, printDiagnostics } from '../report.js';

/** `obsgen inventory`: what was found, what monitors it, and what is not monitored and why. */
export async function inventoryCommand(options: InputOptions & { json?: boolean; allResourceTypes?: boolean }, io: CliIo): Promise<ExitCode> {
  const diags = new Diagnostics();
  const quiet = options.json ?? false;
  const progress = progressPrinter(io, quiet);
  // Matching is all it needs: no log group or metric history look-ups.
  const { inputs, state } = await runUntil(options, { cwd: io.cwd, onProgress: progress.update }, diags, 'match', inMemory);
  await finishLive(io, progress, inputs, quiet);
  const matched = state?.matched;
  if (!matched) {
    printDiagnostics(diags, io);
    return EXIT.failure;
  }
  const code = exitCodeFor(diags);

  const resources = matched.resources.map((p) => ({
    arn: p.resource.arn,
    type: p.resource.type,
    account: p.resource.account,
    region: p.resource.region,
    name: p.resource.name,
    app: p.app,
    env: p.env ?? null,
    blueprints: p.blueprints.map((b) => b.id),
    alarms: p.alarms.map((a) => a.spec.id),
    disabled: p.disabled,
    enabled: p.enabled,
  }));
  if (options.json) {
    io.stdout(`${JSON.stringify({ exitCode: code, resources, unmonitored: matched.unmonitored, diagnostics: diagnosticsJson(diags, io) }, null, 2)}\n`);
    return code;
  }
  printDiagnostics(diags, io);
  const rows = [['RESOURCE', 'TYPE', 'APP', 'ENV', 'BLUEPRINTS', 'ALARMS'], ...resources.map((r) => [r.arn, r.type, r.app, r.env ?? '-', r.blueprints.join(','), String(r.alarms.length)])];
  io.stdout(`Monitored (${resources.length}):\n${table(rows)}`);
  io.stdout(`\nNot monitored (${matched.unmonitored.length}):\n`);
  for (const u of matched.unmonitored) io.stdout(`  ${escapeControl(u.arn)}  ${escapeControl(u.type)}: ${escapeControl(u.reason)}\n`);
  return code;
}

function table(rows: string[][]): string {
  const safe = rows.map((r) => r.map(escapeControl));
  const widths = safe[0]!.map((_, i) => Math.max(...safe.map((r) => r[i]!.length)));
  return safe.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`).join('');
}
