import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ValidateFunction } from 'ajv';
import type * as AjvModule from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';
import { sha256 } from './hash.js';

/**
 * The validators `npm run build` compiled (scripts/compile-schemas.mjs), beside this module in
 * dist/. Compiling the config schema at start-up took 100 ms of every run's CPU; loading its
 * compiled code takes 18 ms (measured on the build machine, 2 × EPYC, Node 20). A run from the
 * sources (tests, tsx) has no such file and compiles, as before.
 */
export const COMPILED_VALIDATORS = 'schema-validators.cjs';

/** Ajv's options for the schemas: the same when compiled at build time and at run time. */
const OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;

interface SchemaText {
  file: string;
  text: string;
}

interface Loaded {
  /** Validators by schema file name. */
  get(name: string): ValidateFunction | undefined;
}

const compiled = new Map<string, ValidateFunction>();
let loaded: Loaded | undefined;

/** Compiles (once) one of the JSON Schemas published in `schemas/`, or takes the build's compiled code for it. */
export function schemaValidator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    loaded ??= loadValidators(schemaTexts(), new URL(COMPILED_VALIDATORS, import.meta.url));
    validate = loaded.get(name);
    if (!validate) throw new Error(`internal error: no schema ${name}`);
    compiled.set(name, validate);
  }
  return validate;
}

// Ajv itself is loaded only to compile: a built run loads the compiled validators. Importing
// Ajv alone costs ~40 ms CPU (`node -e "import('ajv')"` against `node -e 0`, 6 runs each); in a
// one-resource generate (~0.44 s CPU) the saving measured ~10 ms, median of 15 interleaved runs
// on a loaded machine, as Ajv shares little with the rest. Ajv is CommonJS, so it can be
// required when first needed.
const requireHere = createRequire(import.meta.url);

function ajvModule(): typeof AjvModule {
  return requireHere('ajv') as typeof AjvModule;
}

/** The schemas of `schemas/`, sorted by file name. */
export function schemaTexts(dir = join(PACKAGE_ROOT, 'schemas')): SchemaText[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}

/** What the compiled code was made from: its validators stand for these schema texts only. */
export function schemasHash(schemas: readonly SchemaText[]): string {
  return sha256(schemas.map((s) => `${s.file}\n${s.text}`).join('\n'));
}

/**
 * The validators: from the compiled code at `compiledAt` when it was compiled from exactly these
 * schema texts (a schema edited after the build is compiled afresh), else compiled now.
 */
export function loadValidators(schemas: readonly SchemaText[], compiledAt: URL): Loaded {
  const path = fileURLToPath(compiledAt);
  if (existsSync(path)) {
    const code = createRequire(path)(path) as { schemasHash?: string } & Record<string, ValidateFunction | string | undefined>;
    if (code.schemasHash === schemasHash(schemas)) return { get: (name) => code[exportName(name)] as ValidateFunction | undefined };
  }
  const ajv = withSchemas(schemas);
  return { get: (name) => ajv.getSchema(schemaId(name)) };
}

/**
 * The CommonJS module of every schema's validator (export per schema file, and the hash of
 * the texts it was made from), for the build to write beside this module.
 */
export function compiledValidatorsCode(schemas: readonly SchemaText[]): string {
  const ajv = withSchemas(schemas, true);
  const exports = Object.fromEntries(schemas.map((s) => [exportName(s.file), schemaId(s.file)]));
  const standalone = requireHere('ajv/dist/standalone/index.js') as { default: (ajv: Ajv, refsOrFunc: Record<string, string>) => string };
  return `${standalone.default(ajv, exports)}\nexports.schemasHash = ${JSON.stringify(schemasHash(schemas))};\n`;
}

function schemaId(file: string): string {
  return `https://obsgen.dev/schemas/${file}`;
}

/** `config.schema.json` → `config_schema_json`. */
function exportName(file: string): string {
  return file.replace(/\W/g, '_');
}

/**
 * An Ajv that knows every schema by its `$id`, so that one may refer to another (the config's
 * `resourceTypes` are those of resource-types.schema.json). verbose: errors carry their schema,
 * so messages can list the allowed keys.
 */
function withSchemas(schemas: readonly SchemaText[], source = false): Ajv {
  const out = new (ajvModule().Ajv)({ ...OPTIONS, ...(source ? { code: { source: true } } : {}) });
  for (const s of schemas) out.addSchema(JSON.parse(s.text) as object);
  return out;
}
