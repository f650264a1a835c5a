import { format } from '@cdktn/hcl-tools';
import { parse } from '@cdktn/hcl2json';

/** HashiCorp's formatter (hclwrite Format, what `terraform fmt` runs), via wasm. */
export async function terraformFormat(text: string): Promise<string> {
  return format(text);
}

/** HashiCorp's HCL parser, as JSON. Literal strings come back decoded, with `$${`/`%%{` kept. */
export async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  return (await parse(file, text)) as Record<string, unknown>;
}

/** How hcl2json shows a literal string: decoded, with template sequences still escaped. */
export function asParsedLiteral(text: string): string {
  // Replacement functions: in a replacement string `$$` would mean a single `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
