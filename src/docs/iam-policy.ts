import { CORE_PERMISSIONS } from '../aws/permissions.js';
import type { Permission, Service } from '../services/service.js';
import { compare } from '../util/compare.js';

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
}

/**
 * The read-only IAM policy obsgen needs: one statement for every action on `*` (the live
 * source's own and the services' enrichment), then a statement per service permission that is
 * limited to its resources.
 */
export function readOnlyPolicy(services: readonly Service[]): { Version: string; Statement: Statement[] } {
  const permissions: Permission[] = [...CORE_PERMISSIONS, ...services.flatMap((s) => s.enrich?.permissions ?? [])];
  const anywhere = permissions.filter((p) => !p.resources).flatMap((p) => p.actions);
  const scoped = permissions.filter((p) => p.resources);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ObsgenReadOnly', Effect: 'Allow', Action: [...new Set(anywhere)].sort(compare), Resource: '*' },
      ...scoped.map((p): Statement => ({ Sid: p.sid ?? 'ObsgenRead', Effect: 'Allow', Action: [...p.actions], Resource: [...p.resources!] })),
    ],
  };
}

/** JSON indented by two, with an array on one line when it is short (at most 80 characters after its indent), as a person would lay it out. */
export function policyJson(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (indent + inline.length <= 80) return inline;
    return `[\n${value.map((v) => `${pad}  ${policyJson(v, indent + 2)}`).join(',\n')}\n${pad}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return `{\n${entries.map(([k, v]) => `${pad}  ${JSON.stringify(k)}: ${policyJson(v, indent + 2)}`).join(',\n')}\n${pad}}`;
  }
  return JSON.stringify(value);
}
