import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root folder. This file sits one level below the root both as
 * source (`src/`) and compiled (`dist/`), so the relative path holds in tests and in use.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The package version, printed by `--version` and recorded in the manifest. */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
