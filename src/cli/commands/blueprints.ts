import { Diagnostics } from '../../diagnostics/diagnostic.js';
import { blueprintCatalogue } from '../../docs/blueprint-catalogue.js';
import { configFor, readBlueprintSources } from '../../pipeline/inputs.js';
import type { InputOptions } from '../../pipeline/inputs.js';
import type { CliIo, ExitCode } from '../io.js';
import { EXIT } from '../io.js';
import { exitCodeFor, printDiagnostics } from '../report.js';
import { readBlueprints } from '../../pipeline/inputs.js';

/** `obsgen blueprints`: the catalogue of the blueprints in use (built-in and configured), as Markdown. */
export async function blueprintsCommand(options: InputOptions, io: CliIo): Promise<ExitCode> {
  const diags = new Diagnostics();
  const config = await configFor(options, io.cwd, diags);
  const blueprints = config ? readBlueprints(readBlueprintSources(config, diags), diags, config.resourceTypes) : [];
  printDiagnostics(diags, io);
  if (diags.hasErrors) return EXIT.failure;
  io.stdout(blueprintCatalogue(blueprints));
  return exitCodeFor(diags);
}
