import { parse } from 'yaml';
import { validateCloudFormationTemplate } from './cloudformation-validator.js';
import type { TemplateProblem } from './cloudformation-validator.js';

/** Parses a generated template as CloudFormation does (YAML 1.1, or JSON). */
export function parseTemplate(path: string, text: string): unknown {
  return path.endsWith('.json') ? JSON.parse(text) : parse(text, { version: '1.1', uniqueKeys: true, maxAliasCount: 0 });
}

/** Validates every CloudFormation template among output files; problems carry the file name. */
export function validateTemplates(files: Iterable<[path: string, text: string]>): (TemplateProblem & { file: string })[] {
  const problems: (TemplateProblem & { file: string })[] = [];
  for (const [path, text] of files) {
    if (!path.startsWith('cloudformation/') || !/\.(ya?ml|json)$/.test(path) || path.endsWith('.resources-to-import.json')) continue;
    const template = parseTemplate(path, text);
    for (const p of validateCloudFormationTemplate(template, { templateBytes: Buffer.byteLength(text) })) problems.push({ ...p, file: path });
  }
  return problems;
}
