// Copies the built-in blueprints (src/services/<service>/*.yaml) beside the compiled code in
// dist/, where the services registry finds them (tsc compiles TypeScript only), then checks
// each once, here, and writes the result beside the loader (src/blueprints/precompiled.ts):
// a run then reads that instead of parsing and checking them again. A built-in blueprint
// with an error fails the build.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const from = new URL('../src/services/', import.meta.url).pathname;
const to = new URL('../dist/services/', import.meta.url).pathname;
for (const service of readdirSync(from, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(join(from, service.name)).filter((f) => f.endsWith('.yaml'))) {
    mkdirSync(join(to, service.name), { recursive: true });
    copyFileSync(join(from, service.name, file), join(to, service.name, file));
  }
}

const { builtinBlueprintFiles } = await import('../dist/services/registry.js');
const { parseBlueprint } = await import('../dist/blueprints/load.js');
const { precompileBlueprints, PRECOMPILED_FILE } = await import('../dist/blueprints/precompiled.js');
const { Diagnostics } = await import('../dist/diagnostics/diagnostic.js');
const { readSourceFile } = await import('../dist/diagnostics/source-file.js');
try {
  // Read as a run reads them (readSourceFile), so that the texts' hashes match.
  const read = new Diagnostics();
  const sources = builtinBlueprintFiles().map((file) => ({ file, text: readSourceFile(file, read) ?? '', builtin: true }));
  if (read.hasErrors) throw new Error(read.items.map((d) => `${d.file}: ${d.message}`).join('\n'));
  const precompiled = precompileBlueprints(sources, (source, diags) => parseBlueprint(source, diags));
  writeFileSync(new URL(`../dist/blueprints/${PRECOMPILED_FILE}`, import.meta.url), `${JSON.stringify(precompiled)}\n`);
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
