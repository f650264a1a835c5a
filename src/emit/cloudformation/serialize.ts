import { yamlMapping } from './yaml.js';

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
  return yamlMapping({ [key]: value }, 2).slice(0, -1);
}

/** Joins a header (plain object) and pre-serialised section entries into one template. */
export function serializeTemplate(syntax: TemplateSyntax, header: Record<string, unknown>, sections: [name: string, entries: string[]][]): string {
  const present = sections.filter(([, entries]) => entries.length > 0);
  if (syntax === 'json') {
    const head = JSON.stringify(header, null, 2).slice(0, -2);
    const body = present.map(([name, entries]) => `  ${JSON.stringify(name)}: {\n${entries.join(',\n')}\n  }`).join(',\n');
    return `${head},\n${body}\n}\n`;
  }
  const head = yamlMapping(header);
  return head + present.map(([name, entries]) => `${name}:\n${entries.join('\n')}\n`).join('');
}

/** Bytes an entry adds to a template (its text plus the separator). */
export function entryBytes(entry: string): number {
  return Buffer.byteLength(entry) + 2;
}

/** Indents every line after the first. */
function indent(text: string, prefix: string): string {
  return text.replace(/\n/g, `\n${prefix}`);
}
