/**
 * Writes what is made from the code: the README's generated sections (supported resource
 * types, IAM policy), docs/blueprints.md (the built-in blueprints' catalogue) and the blueprint
 * file's TypeScript types (from its JSON Schema). A test fails when any is out of date.
 *
 *   npm run docs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBlueprintSources } from '../src/pipeline/inputs.js';
import { defaultConfig } from '../src/config/defaults.js';
import { Diagnostics } from '../src/diagnostics/diagnostic.js';
import { blueprintCatalogue } from '../src/docs/blueprint-catalogue.js';
import { withReadmeSections } from '../src/docs/readme-sections.js';
import { readBlueprints } from '../src/pipeline/inputs.js';
import { blueprintSchemaTypes } from './lib/blueprint-schema-types.js';

const ROOT = new URL('..', import.meta.url).pathname;
const readme = join(ROOT, 'README.md');
writeFileSync(readme, withReadmeSections(readFileSync(readme, 'utf8')));
const diags = new Diagnostics();
const blueprints = readBlueprints(readBlueprintSources(defaultConfig(), diags), diags);
if (diags.hasErrors) throw new Error(diags.items.map((d) => d.message).join('\n'));
writeFileSync(join(ROOT, 'docs/blueprints.md'), blueprintCatalogue(blueprints));
writeFileSync(join(ROOT, 'src/blueprints/raw.generated.ts'), await blueprintSchemaTypes(join(ROOT, 'schemas/blueprint.schema.json')));
