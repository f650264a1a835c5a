import { yamlEntry, yamlMapping } from './yaml.js';

export type TemplateSyntax = 'yaml' | 'json';

/**
 * Serialises one entry of a template section (`Resources` or `Outputs`), indented for its
 * place in the document. Templates are assembled from these fragments, so each object is
 * serialised once and a stack's size is known before it is assembled.
 */
export function serializeEntry(syntax: TemplateSyntax, key: string, value: unknown): string {
  if (syntax === 'json') {
    return `    ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '    ')}`;
  }
  return yamlEntry(key, value, 2);
}

/**
 * Joins a header (plain object) and pre-serialised section entries into one template, as
 * pieces to be concatenated: a template is encoded piece by piece, never held as one string.
 */
export function serializeTemplate(syntax: TemplateSyntax, header: Record<string, unknown>, sections: [name: string, entries: string[]][]): string[] {
  const present = sections.filter(([, entries]) => entries.length > 0);
  const pieces: string[] = [];
  if (syntax === 'json') {
    pieces.push(`${JSON.stringify(header, null, 2).slice(0, -2)},\n`);
    present.forEach(([name, entries], i) => {
      pieces.push(`  ${JSON.stringify(name)}: {\n`);
      entries.forEach((e, j) => pieces.push(e, j < entries.length - 1 ? ',\n' : '\n'));
      pieces.push(i < present.length - 1 ? '  },\n' : '  }\n');
    });
    pieces.push('}\n');
    return pieces;
  }
  pieces.push(yamlMapping(header));
  for (const [name, entries] of present) {
    pieces.push(`${name}:\n`);
    for (const e of entries) pieces.push(e, '\n');
  }
  return pieces;
}

/** Bytes an entry adds to a template (its text plus the separator). */
export function entryBytes(entry: string): number {
  return Buffer.byteLength(entry) + 2;
}

/** Indents every line after the first. */
function indent(text: string, prefix: string): string {
  return text.replace(/\n/g, `\n${prefix}`);
}
