import { stringify } from 'yaml';

export type TemplateSyntax = 'yaml' | 'json';

// CloudFormation reads YAML 1.1, where `yes`, `on`, `0777` or `2010-09-09` are not strings;
// serialising as 1.1 makes the library quote every such value. No anchors, no folding.
const YAML_OPTIONS = { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * Serialises one entry of a template section (`Resources` or `Outputs`), indented for its
 * place in the document. Templates are assembled from these fragments, so each object is
 * serialised once and a stack's size is known before it is assembled.
 */
export function serializeEntry(syntax: TemplateSyntax, key: string, value: unknown): string {
  if (syntax === 'json') {
    return `    ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '    ')}`;
  }
  const text = stringify({ [key]: value }, YAML_OPTIONS);
  return indent(text.endsWith('\n') ? text.slice(0, -1) : text, '  ', true);
}

/** Joins a header (plain object) and pre-serialised section entries into one template. */
export function serializeTemplate(syntax: TemplateSyntax, header: Record<string, unknown>, sections: [name: string, entries: string[]][]): string {
  const present = sections.filter(([, entries]) => entries.length > 0);
  if (syntax === 'json') {
    const head = JSON.stringify(header, null, 2).slice(0, -2);
    const body = present.map(([name, entries]) => `  ${JSON.stringify(name)}: {\n${entries.join(',\n')}\n  }`).join(',\n');
    return `${head},\n${body}\n}\n`;
  }
  const head = stringify(header, YAML_OPTIONS);
  return head + present.map(([name, entries]) => `${name}:\n${entries.join('\n')}\n`).join('');
}

/** Bytes an entry adds to a template (its text plus the separator). */
export function entryBytes(entry: string): number {
  return Buffer.byteLength(entry) + 2;
}

/** Indents every non-empty line after the first (and the first too when asked). */
function indent(text: string, prefix: string, first = false): string {
  return text
    .split('\n')
    .map((line, i) => ((i > 0 || first) && line !== '' ? prefix + line : line))
    .join('\n');
}
