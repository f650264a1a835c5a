import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built program of an obsgen checkout as the package installs it: the path `package.json`'s
 * `bin` names (the bundle scripts/bundle-cli.mjs makes; older checkouts name dist/cli/main.js).
 */
export function binOf(root: string): string {
  return join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { obsgen: string } }).bin.obsgen);
}
