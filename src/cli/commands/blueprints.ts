import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { blueprintCatalogue } from '../../docs/blueprint-catalogue.js';
import { configFor, readBlueprintsFor } from '../../pipeline/inputs.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { EXIT } from '../io.js';
import { exitCodeFor, printDiagnostics } from '../report.js';

/** `obsgen blueprints`: the catalogue of the blueprints in use (built-in and configured), as Markdown. */
export async function blueprintsCommand(options: InputOptions, io: CliIo): Promise<ExitCode> {
  const diags = new Diagnostics();
  const config = await configFor(options, io.cwd, diags);
  const blueprints = config ? readBlueprintsFor(config, diags) : [];
  printDiagnostics(diags, io);
  if (diags.hasErrors) return EXIT.failure;
  io.stdout(blueprintCatalogue(blueprints));
  return exitCodeFor(diags);
}
