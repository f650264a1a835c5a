import { relative } from 'node:path';
import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { configFor, readBlueprintsFor } from '../../pipeline/inputs.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { diagnosticsJson, exitCodeFor, printDiagnostics } from '../report.js';

/** `obsgen validate`: the config and the blueprints, without any inventory. */
export async function validateCommand(options: InputOptions & { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const diags = new Diagnostics();
  const config = await configFor(options, io.cwd, diags);
  const blueprints = config ? readBlueprintsFor(config, diags) : [];
  const code = exitCodeFor(diags);
  const configName = config?.file ? relative(io.cwd, config.file) : '(no config file: defaults)';
  if (options.json) {
    io.stdout(`${JSON.stringify({ exitCode: code, config: configName, blueprints: blueprints.map((b) => ({ id: b.id, resourceType: b.resourceType, file: relative(io.cwd, b.file) })), diagnostics: diagnosticsJson(diags, io) }, null, 2)}\n`);
    return code;
  }
  printDiagnostics(diags, io);
  if (!diags.hasErrors) io.stdout(`config ${configName}: ok\n${blueprints.length} blueprints: ok (${blueprints.map((b) => b.id).join(', ')})\n`);
  return code;
}
