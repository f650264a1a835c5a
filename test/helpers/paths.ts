import { fileURLToPath } from 'node:url';
import { binOf } from '../../scripts/lib/bin-path.js';

/** The repository root. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The built program as the package installs it, which the tests that run obsgen as its own process run. */
export const BIN = binOf(REPO);
