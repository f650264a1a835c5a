import { shortHash } from '../../util/hash.js';

/**
 * A CloudFormation logical ID (alphanumeric, ≤ 255): a readable PascalCase part from the
 * object's identity plus a hash of its stable id, so it is unique, and unchanged when
 * other objects come and go.
 */
export function logicalId(kind: string, readable: string, stableId: string): string {
  const pascal = readable
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')
    .slice(0, 160);
  return `${kind}${pascal}${shortHash(stableId).toUpperCase()}`;
}
