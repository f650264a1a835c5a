import { readFileSync } from 'node:fs';
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
    // verbose: errors carry their schema, so messages can list the allowed keys.
    ajv ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas', name), 'utf8')) as object;
    validate = ajv.compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}
