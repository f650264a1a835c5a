import { SERVICES } from '../services/registry.js';
import { policyJson, readOnlyPolicy } from './iam-policy.js';
import { resourceTypesTable } from './resource-types-table.js';

/**
 * The parts of the README made from the code, each between `<!-- name -->` and `<!-- /kind -->`
 * markers: the supported resource types and the read-only IAM policy, both from the services'
 * registry. `npm run docs` writes them; a test fails when the README differs.
 */
export function readmeSections(): { start: string; end: string; text: string }[] {
  return [
    { start: '<!-- resource-types -->', end: '<!-- /resource-types -->', text: resourceTypesTable(SERVICES) },
    { start: '<!-- iam-policy:read-only -->', end: '<!-- /iam-policy -->', text: `\`\`\`json\n${policyJson(readOnlyPolicy(SERVICES))}\n\`\`\`` },
  ];
}

/** The README with its generated sections replaced; throws when a marker is missing. */
export function withReadmeSections(readme: string): string {
  let out = readme;
  for (const { start, end, text } of readmeSections()) {
    const from = out.indexOf(start);
    const to = from < 0 ? -1 : out.indexOf(end, from);
    if (from < 0 || to < 0) throw new Error(`README has no ${start} … ${end} section`);
    out = `${out.slice(0, from + start.length)}\n${text}\n${out.slice(to)}`;
  }
  return out;
}
