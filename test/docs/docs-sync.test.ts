import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/blueprints/load.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { blueprintCatalogue } from '../../src/docs/blueprint-catalogue.js';
import { withReadmeSections } from '../../src/docs/readme-sections.js';
import { blueprintSchemaTypes } from '../../scripts/lib/blueprint-schema-types.js';
import { REPO } from '../helpers/paths.js';
import { builtinBlueprintSources } from '../helpers/pipeline.js';

describe('docs/blueprints.md', () => {
  it('matches the built-in blueprints (run `npm run docs` to refresh it)', () => {
    const diags = new Diagnostics();
    const expected = blueprintCatalogue(loadBlueprints(builtinBlueprintSources(), diags));
    expect(diags.items).toEqual([]);
    expect(readFileSync(join(REPO, 'docs/blueprints.md'), 'utf8')).toBe(expected);
  });

  it('prints every tuning parameter as text a reader can use (no "[object Object]")', () => {
    const diags = new Diagnostics();
    const catalogue = blueprintCatalogue(loadBlueprints(builtinBlueprintSources(), diags));
    expect(catalogue).not.toContain('[object');
    expect(catalogue).toContain('evaluations 5/5');
  });
});

describe('README.md', () => {
  it('has the resource types and the IAM policy the services registry gives (run `npm run docs` to refresh it)', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme).toBe(withReadmeSections(readme));
  });
});

describe('src/blueprints/raw.generated.ts', () => {
  it('is what the blueprint JSON Schema gives (run `npm run docs` to refresh it)', async () => {
    const expected = await blueprintSchemaTypes(join(REPO, 'schemas/blueprint.schema.json'));
    expect(readFileSync(join(REPO, 'src/blueprints/raw.generated.ts'), 'utf8')).toBe(expected);
  });
});
