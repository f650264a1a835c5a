import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../../src/state/manifest.js';
import type { Manifest } from '../../src/state/manifest.js';
import { manifestOf } from '../../src/state/read.js';

/**
 * A manifest's text read as obsgen reads it: the file's layout is not the `Manifest` callers
 * get (see `src/state/read.ts`), so tests never cast its JSON. Throws when it is not one.
 */
export function manifestFromText(text: string): Manifest {
  const { manifest, problem } = manifestOf(JSON.parse(text));
  if (!manifest) throw new Error(`not a readable manifest: ${problem}`);
  return manifest;
}

/** The manifest in an output folder, read as obsgen reads it. */
export function manifestIn(dir: string): Manifest {
  return manifestFromText(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
}
