import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { reportSchemaErrors } from '../diagnostics/schema-errors.js';
import { checkEncodableText, parseYamlSource } from '../diagnostics/source-document.js';
import type { DocPath, SourceDocument } from '../diagnostics/source-document.js';
import { schemaValidator } from '../util/schema-validator.js';
import { compileDeclaration } from './declared-type.js';
import type { DeclaredType } from './declared-type.js';

/** A blueprint folder's files that declare resource types rather than being blueprints. */
export const TYPES_FILE = /\.types\.ya?ml$/;

/** The resource types a `*.types.yaml` file declares; none (with diagnostics) when it is not valid. */
export function parseTypesFile(file: string, text: string, diags: Diagnostics): DeclaredType[] {
  const doc = parseYamlSource(file, text, diags);
  if (!doc || !checkEncodableText(doc, diags)) return [];
  const validate = schemaValidator('resource-types.schema.json');
  if (!validate(doc.data)) {
    reportSchemaErrors(validate.errors ?? [], doc, diags);
    return [];
  }
  return declaredIn(doc, ['resourceTypes'], diags);
}

/** The declarations in the list at `path` of a document already valid against its schema (a types file, the config). */
export function declaredIn(doc: SourceDocument, path: DocPath, diags: Diagnostics): DeclaredType[] {
  let list: unknown = doc.data;
  for (const key of path) list = (list as Record<string | number, unknown> | undefined)?.[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, i) => compileDeclaration(doc, [...path, i], diags) ?? []);
}
