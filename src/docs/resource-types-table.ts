import type { Service } from '../services/service.js';

/** The README's table of supported resource types, from the services' registry. */
export function resourceTypesTable(services: readonly Service[]): string {
  return [
    '| type id | ARN (resource part) | namespace | dimensions |',
    '|---|---|---|---|',
    ...services.flatMap((s) => s.types.map((t) => `| \`${t.id}\` | ${t.docs.arn} | ${t.docs.namespace ?? t.namespace} | ${t.docs.dimensions} |`)),
  ].join('\n');
}
