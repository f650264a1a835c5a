import { shortHash } from '../../util/hash.js';

/**
 * A Terraform resource name (`[A-Za-z_][A-Za-z0-9_-]*`) from an object's identity: a readable
 * snake_case part plus a hash of its stable id, so it is unique and never changes when
 * other objects come and go.
 */
export function address(readable: string, stableId: string): string {
  const snake = readable
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
  const base = /^[a-z_]/.test(snake) ? snake : `r_${snake}`;
  return `${base}_${shortHash(stableId)}`;
}

/** Key of a scope in the module's `alarm_actions` variable. */
export function scopeKey(scope: { account: string; region: string }): string {
  return `${scope.account}/${scope.region}`;
}
