import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The built program as the package installs it (package.json's `bin`: the bundle that
 * scripts/bundle-cli.mjs makes of dist/cli/main.js), which the tests that run obsgen as its own
 * process run.
 */
export const BIN = join(REPO, (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: { obsgen: string } }).bin.obsgen);
