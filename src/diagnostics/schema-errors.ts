import type { ErrorObject } from 'ajv';
import type { Diagnostics } from './diagnostic.js';
import { schemaValidator } from '../util/schema-validator.js';
import { formatPath, parseJsonSource } from './source-document.js';
import type { DocPath, SourceDocument } from './source-document.js';

/**
 * Parses a JSON input file and checks it against a schema of `schemas/`. Syntax and schema
 * problems become diagnostics at their position, and the result is then undefined.
 */
export function parseValidatedJson(
  file: string,
  text: string,
  schema: string,
  diags: Diagnostics,
  parse: (file: string, text: string, diags: Diagnostics) => SourceDocument | undefined = parseJsonSource,
): SourceDocument | undefined {
  const doc = parse(file, text, diags);
  if (!doc) return undefined;
  const validate = schemaValidator(schema);
  if (validate(doc.data)) return doc;
  reportSchemaErrors(validate.errors ?? [], doc, diags);
  return undefined;
}

/** Turns Ajv errors into `file:line:col` diagnostics that point at the offending key or value. */
export function reportSchemaErrors(errors: readonly ErrorObject[], doc: SourceDocument, diags: Diagnostics): void {
  const seen = new Set<string>();
  for (const e of errors) {
    // `if/then` wrappers repeat the real error; skip them.
    if (e.keyword === 'if') continue;
    const path = toDocPath(e.instancePath, doc.data);
    let at: DocPath = path;
    let key = false;
    let message: string;
    switch (e.keyword) {
      case 'additionalProperties': {
        const extra = String(e.params['additionalProperty']);
        at = [...path, extra];
        key = true;
        message = `unknown key ${JSON.stringify(extra)}${allowedKeys(e)}`;
        break;
      }
      case 'required':
        message = `missing required key ${JSON.stringify(String(e.params['missingProperty']))}`;
        break;
      case 'enum':
        message = `must be one of ${(e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'const':
        message = `must be ${JSON.stringify(e.params['allowedValue'])}`;
        break;
      default:
        message = e.message ?? e.keyword;
    }
    const text = `${formatPath(path) || '(document)'}: ${message}`;
    const dedupe = `${formatPath(at)}|${text}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    diags.error(text, { file: doc.file, ...doc.locate(at, { key }) });
  }
}

function allowedKeys(e: ErrorObject): string {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!props) return '';
  const names = Object.keys(props);
  return names.length > 0 && names.length <= 25 ? ` (expected one of: ${names.join(', ')})` : '';
}

/** Ajv's JSON pointer to a path, with array indexes as numbers. */
export function toDocPath(pointer: string, data: unknown): DocPath {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(part);
      out.push(index);
      node = node[index];
    } else {
      out.push(part);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    }
  }
  return out;
}
