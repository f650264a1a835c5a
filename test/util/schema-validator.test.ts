import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledValidatorsCode, loadValidators, schemaTexts } from '../../src/util/schema-validator.js';
import { REPO } from '../helpers/paths.js';

// The build compiles the schemas once (scripts/compile-schemas.mjs); a run loads that code.
// It must judge every document exactly as compiling the schemas at run time does: the same
// verdict and the same errors, schema and parent schema included (messages list allowed keys).
const schemas = schemaTexts();
// The compiled code requires Ajv's runtime helpers: it must sit where `ajv` resolves, as in dist/.
mkdirSync(join(REPO, 'node_modules/.cache'), { recursive: true });
const dir = mkdtempSync(join(REPO, 'node_modules/.cache/obsgen-schema-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const compiledFile = () => {
  const file = join(dir, `schema-validators-${n++}.cjs`);
  writeFileSync(file, compiledValidatorsCode(schemas));
  return pathToFileURL(file);
};
const atRunTime = () => loadValidators(schemas, pathToFileURL('/nonexistent/schema-validators.cjs'));

const documents: Record<string, unknown[]> = {
  'config.schema.json': [
    {},
    { output: { targets: ['x'], nope: 1 }, tuning: { hysteresis: 'a' }, slos: [{ availability: 5 }] },
    { enable: [{ alarms: [] }], tags: { application: 3 } },
  ],
  'inventory.schema.json': [{ ResourceTagMappingList: [{ ResourceARN: 5, Tags: [{ Key: 'a' }] }] }, { ResourceTagMappingList: [] }],
  'blueprint.schema.json': [{ id: 1, alarms: 'x' }, { id: 'a', resourceType: 'lambda:function', alarms: [{ id: 'e', metric: {} }] }],
  'metric-history.schema.json': [{ series: [{}] }, { series: [] }],
};

describe('schema validators compiled at build time', () => {
  it('judge documents exactly as the schemas compiled at run time do', () => {
    const built = loadValidators(schemas, compiledFile());
    const runtime = atRunTime();
    expect(Object.keys(documents).every((name) => schemas.some((s) => s.file === name))).toBe(true);
    for (const [name, docs] of Object.entries(documents)) {
      const a = built.get(name)!;
      const b = runtime.get(name)!;
      expect(a).not.toBe(b);
      for (const doc of docs) {
        expect(a(doc), `${name}: ${JSON.stringify(doc)}`).toBe(b(doc));
        expect(a.errors ?? null).toEqual(b.errors ?? null);
      }
    }
    // Some documents are invalid, so the errors compared are real.
    const config = built.get('config.schema.json')!;
    expect(config(documents['config.schema.json']![1])).toBe(false);
    expect(config.errors!.length).toBeGreaterThan(1);
  });

  it('are not used for schemas edited after the build: those are compiled afresh', () => {
    const file = compiledFile();
    const edited = schemas.map((s) => (s.file === 'inventory.schema.json' ? { ...s, text: JSON.stringify({ ...JSON.parse(s.text), maxProperties: 0 }) } : s));
    const doc = { ResourceTagMappingList: [] };
    expect(loadValidators(schemas, file).get('inventory.schema.json')!(doc)).toBe(true);
    expect(loadValidators(edited, file).get('inventory.schema.json')!(doc)).toBe(false);
  });
});
