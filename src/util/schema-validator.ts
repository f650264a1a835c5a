import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';

const compiled = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/** Compiles (once) one of the JSON Schemas published in `schemas/`. */
export function schemaValidator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    ajv ??= withAllSchemas();
    validate = ajv.getSchema(`https://obsgen.dev/schemas/${name}`);
    if (!validate) throw new Error(`internal error: no schema ${name}`);
    compiled.set(name, validate);
  }
  return validate;
}

/**
 * An Ajv that knows every schema of `schemas/` by its `$id`, so that one may refer to another
 * (the config's `resourceTypes` are those of resource-types.schema.json).
 */
function withAllSchemas(): Ajv {
  // verbose: errors carry their schema, so messages can list the allowed keys.
  const out = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  const dir = join(PACKAGE_ROOT, 'schemas');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort()) {
    out.addSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object);
  }
  return out;
}
